using MovieRec.Evaluation;

namespace MovieRec.Tests.Evaluation;

public sealed class RatingMetricsTests
{
    // Errors 1, 0, -2: squared 1, 0, 4; absolute 1, 0, 2.
    private static readonly float[] s_predicted = [3f, 4f, 1f];
    private static readonly float[] s_actual = [2f, 4f, 3f];

    [Test]
    public void Errors_match_hand_computation()
    {
        Assert.That(RatingMetrics.MeanSquaredError(s_predicted, s_actual), Is.EqualTo(5.0 / 3).Within(1e-12));
        Assert.That(RatingMetrics.RootMeanSquaredError(s_predicted, s_actual), Is.EqualTo(Math.Sqrt(5.0 / 3)).Within(1e-12));
        Assert.That(RatingMetrics.MeanAbsoluteError(s_predicted, s_actual), Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void Perfect_predictions_have_zero_error()
    {
        Assert.That(RatingMetrics.RootMeanSquaredError(s_actual, s_actual), Is.Zero);
    }

    [Test]
    public void Mismatched_or_empty_inputs_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => RatingMetrics.MeanSquaredError([1f, 2f], [1f]));
        Assert.That(error!.Message, Does.Contain("2").And.Contain("1"));
        Assert.Throws<ArgumentException>(() => RatingMetrics.MeanAbsoluteError([], []));
    }

    [Test]
    public void A_NaN_prediction_is_refused_naming_its_position()
    {
        var squared = Assert.Throws<ArgumentException>(() => RatingMetrics.RootMeanSquaredError([1f, float.NaN], [1f, 2f]));
        var absolute = Assert.Throws<ArgumentException>(() => RatingMetrics.MeanAbsoluteError([float.NaN], [1f]));

        Assert.Multiple(() =>
        {
            Assert.That(squared!.Message, Does.StartWith("predicted[1] is NaN"));
            Assert.That(absolute!.Message, Does.StartWith("predicted[0] is NaN"));
        });
    }
}
