using System.Globalization;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Onnx.Models.SeqCnn;
using MovieRec.Onnx.Training;
using MovieRec.Tests.Models;

namespace MovieRec.Onnx.Tests.Models;

/// <summary>The template every model trained as one graph goes through: its slice, its metadata, the caller's validation ratings.</summary>
[TestFixture]
public sealed class GraphBundleTrainerTests
{
    private static readonly DeepTrainingOptions s_training = new() { Epochs = 1, BatchSize = 128, LearningRate = 3e-3, Seed = 3, ValidationFraction = 0.1 };

    private static IEnumerable<TestCaseData> Trainers()
    {
        yield return new TestCaseData((Func<GraphBundleTrainer>)(() => RatingCnnTrainer.Create(TinyModels.Options(RatingCnnVariant.TextCnn) with { Training = s_training }))).SetName("text-cnn");
        yield return new TestCaseData((Func<GraphBundleTrainer>)(() => LikeMlpTrainer.Create(new LikeMlpOptions { EmbeddingSize = 4, Training = s_training }))).SetName("like-mlp");
        yield return new TestCaseData((Func<GraphBundleTrainer>)(() => SeqCnnTrainer.Create(new SeqCnnOptions { HistoryLength = 4, GenreLength = 3, PlotLength = 4, EmbeddingSize = 4, Filters = [4], Training = s_training }))).SetName("seq-cnn");
    }

    [TestCaseSource(nameof(Trainers))]
    public void Every_bundle_carries_the_slice_it_trained_and_validated_on(Func<GraphBundleTrainer> create)
    {
        using var model = create().Fit(TinyModels.Dataset, TinyModels.Train);
        var metadata = model.Bundle.Metadata;
        int held = (int)Math.Round(TinyModels.Train.Count * 0.1);
        Assert.Multiple(() =>
        {
            Assert.That(metadata["dataset"], Is.EqualTo(TinyModels.Dataset.Name));
            Assert.That(metadata["training_ratings"], Is.EqualTo((TinyModels.Train.Count - held).ToString(CultureInfo.InvariantCulture)));
            Assert.That(metadata["validation_ratings"], Is.EqualTo(held.ToString(CultureInfo.InvariantCulture)));
            Assert.That(double.Parse(metadata["global_mean"], CultureInfo.InvariantCulture), Is.InRange(1.0, 5.0));
            Assert.That(metadata[ModelBundle.BestEpochKey], Is.EqualTo("1"));
            Assert.That(metadata["options"], Does.Contain("seed=3"));
            Assert.That(model.Bundle.History, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Validation_ratings_given_by_the_caller_replace_the_slice()
    {
        var trainer = LikeMlpTrainer.Create(new LikeMlpOptions { EmbeddingSize = 4, Training = s_training });
        using var model = trainer.Fit(TinyModels.Dataset, TinyModels.Train, TinyModels.Test);
        Assert.Multiple(() =>
        {
            Assert.That(model.Bundle.Metadata["training_ratings"], Is.EqualTo(TinyModels.Train.Count.ToString(CultureInfo.InvariantCulture)));
            Assert.That(model.Bundle.Metadata["validation_ratings"], Is.EqualTo(TinyModels.Test.Count.ToString(CultureInfo.InvariantCulture)));
            Assert.That(model.Bundle.History[0].ValidationLoss, Is.Not.Null);
        });
    }
}
