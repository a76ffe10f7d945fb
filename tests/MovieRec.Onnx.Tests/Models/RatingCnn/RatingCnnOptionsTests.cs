using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Tests.Models;

namespace MovieRec.Onnx.Tests.Models.RatingCnn;

[TestFixture]
public sealed class RatingCnnOptionsTests
{
    [Test]
    public void Defaults_are_the_papers_settings()
    {
        var o = new RatingCnnOptions();
        Assert.Multiple(() =>
        {
            Assert.That(o.Variant, Is.EqualTo(RatingCnnVariant.LstmCnn));
            Assert.That(o.IdEmbeddingSize, Is.EqualTo(32));
            Assert.That(o.SideEmbeddingSize, Is.EqualTo(16));
            Assert.That(o.FeatureSize, Is.EqualTo(32));
            Assert.That(o.LstmHiddenSize, Is.EqualTo(32));
            Assert.That(o.Windows, Is.EqualTo(new[] { 2, 3, 4, 5 }));
            Assert.That(o.FiltersPerWindow, Is.EqualTo(8));
            Assert.That(o.DropoutRate, Is.EqualTo(0.5));
            Assert.That(o.VectorSize, Is.EqualTo(200));
            Assert.That(o.Head, Is.EqualTo(RatingHead.Dot));
            Assert.That(o.UseBiases, Is.False);
            Assert.That(o.Training.LearningRate, Is.EqualTo(1e-4));
            Assert.That(o.Training.BatchSize, Is.EqualTo(256));
            Assert.That(o.Training.Epochs, Is.EqualTo(5));
            Assert.That(o.ModelName, Is.EqualTo("lstm-cnn"));
            Assert.That(o.Training.NumberOfThreads, Is.EqualTo(1));
            Assert.That(o.Training.ValidationFraction, Is.Zero);
            Assert.That(o.Training.Patience, Is.Zero);
        });
    }

    [Test]
    public void Every_option_can_be_overridden_and_bad_values_are_rejected()
    {
        var o = new RatingCnnOptions { Variant = RatingCnnVariant.TextCnn, Windows = [3], Head = RatingHead.FullyConnected, Training = RatingCnnOptions.Defaults.Training with { Epochs = 9 } };
        Assert.Multiple(() =>
        {
            Assert.That(o.ModelName, Is.EqualTo("text-cnn"));
            Assert.That(RatingCnnTrainer.Create(o).Options.Windows, Is.EqualTo(new[] { 3 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => RatingCnnTrainer.Create(o with { Windows = [16] }));
            Assert.Throws<ArgumentOutOfRangeException>(() => RatingCnnTrainer.Create(o with { DropoutRate = 1 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => RatingCnnTrainer.Create(o with { Training = o.Training with { LearningRate = -1 } }));
            Assert.Throws<ArgumentOutOfRangeException>(() => RatingCnnTrainer.Create(o with { VectorSize = 0 }));
        });
    }

    [Test]
    public void Fully_connected_head_scores_additively_and_same_seed_repeats()
    {
        var options = TinyModels.Options(RatingCnnVariant.TextCnn) with { Head = RatingHead.FullyConnected, Training = TinyModels.Options(RatingCnnVariant.TextCnn).Training with { Epochs = 1, ValidationFraction = 0.1, Patience = 1 } };
        using var first = TinyModels.Fit(options);
        using var second = TinyModels.Fit(options);
        var test = TinyModels.Test;
        var a = new float[test.Count];
        var b = new float[test.Count];
        first.Predict(test.Users, test.Movies, a);
        second.Predict(test.Users, test.Movies, b);
        Assert.Multiple(() =>
        {
            Assert.That(first.Interaction, Is.EqualTo(ScoreInteraction.Additive));
            Assert.That(a, Is.EqualTo(b));
            Assert.That(first.PredictWithSession(test.Users, test.Movies), Is.EqualTo(a).Within(1e-4f));
            Assert.That(first.Bundle.History[0].ValidationLoss, Is.Not.Null);
        });
    }

    [Test]
    public void Patience_without_validation_ratings_is_refused_when_fitting_without_them()
    {
        var options = TinyModels.Options(RatingCnnVariant.TextCnn) with { Training = TinyModels.Options(RatingCnnVariant.TextCnn).Training with { Epochs = 1, Patience = 2 } };
        var trainer = RatingCnnTrainer.Create(options);

        Assert.That(
            () => trainer.Fit(TinyModels.Dataset, TinyModels.Train),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("RatingCnnOptions.Training.Patience = 2 is out of range; expected 0 when Training.ValidationFraction is 0 and no validation ratings are given"));
    }

    [Test]
    public void Fit_with_validation_ratings_stops_early_on_them_with_no_validation_slice()
    {
        var options = TinyModels.Options(RatingCnnVariant.TextCnn) with { Training = TinyModels.Options(RatingCnnVariant.TextCnn).Training with { Epochs = 6, LearningRate = 0.05, Patience = 1 } };

        using var model = RatingCnnTrainer.Create(options).Fit(TinyModels.Dataset, TinyModels.Train, TinyModels.Test);

        var history = model.Bundle.History;
        int best = history.MinBy(e => e.ValidationLoss ?? double.MaxValue)!.Epoch;
        Assert.Multiple(() =>
        {
            Assert.That(history.Select(e => e.ValidationLoss), Has.None.Null, "every epoch is measured on the given rows");
            Assert.That(model.Bundle.BestEpoch, Is.EqualTo(best), "the kept epoch is the best on them");
            Assert.That(history, Has.Count.EqualTo(Math.Min(6, best + 1)), "training stops the epoch after the validation loss last improved");
        });
    }
}
