using MovieRec.Evaluation;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Tests.Models;

namespace MovieRec.Onnx.Tests.Models.RatingCnn;

[TestFixture]
public sealed class RatingCnnTrainerTests
{
    [TestCase(RatingCnnVariant.LstmCnn)]
    [TestCase(RatingCnnVariant.TextCnn)]
    public void Training_lowers_the_loss_and_beats_the_global_mean(RatingCnnVariant variant)
    {
        var model = variant == RatingCnnVariant.LstmCnn ? TinyModels.LstmCnn : TinyModels.TextCnn;
        var test = TinyModels.Test;
        var predicted = new float[test.Count];
        model.Predict(test.Users, test.Movies, predicted);
        float mean = TinyModels.Train.Ratings.ToArray().Average();
        var baseline = Enumerable.Repeat(mean, test.Count).ToArray();
        var history = model.Bundle.History;

        Assert.Multiple(() =>
        {
            Assert.That(model.Name, Is.EqualTo(variant == RatingCnnVariant.LstmCnn ? "lstm-cnn" : "text-cnn"));
            Assert.That(history, Has.Count.EqualTo(3));
            Assert.That(history[^1].TrainingLoss, Is.LessThan(history[0].TrainingLoss));
            Assert.That(predicted.All(float.IsFinite), Is.True);
            Assert.That(RatingMetrics.MeanSquaredError(predicted, test.Ratings), Is.LessThan(RatingMetrics.MeanSquaredError(baseline, test.Ratings)));
        });
    }
}
