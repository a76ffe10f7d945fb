using MovieRec.Evaluation;

namespace MovieRec.Tests.Evaluation;

public sealed class ClassificationMetricsTests
{
    // TP at 0 and 4, FP at 1, FN at 3, TN at 2.
    private static readonly bool[] s_predicted = [true, true, false, false, true];
    private static readonly bool[] s_actual = [true, false, false, true, true];

    [Test]
    public void Counts_based_metrics_match_hand_computation()
    {
        Assert.That(ClassificationMetrics.Accuracy(s_predicted, s_actual), Is.EqualTo(0.6).Within(1e-12));
        Assert.That(ClassificationMetrics.Precision(s_predicted, s_actual), Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(ClassificationMetrics.Recall(s_predicted, s_actual), Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(ClassificationMetrics.F1(s_predicted, s_actual), Is.EqualTo(2.0 / 3).Within(1e-12));
    }

    [Test]
    public void Zero_denominators_give_zero()
    {
        bool[] none = [false, false];
        Assert.That(ClassificationMetrics.Precision(none, [true, false]), Is.Zero);
        Assert.That(ClassificationMetrics.Recall([true, false], none), Is.Zero);
        Assert.That(ClassificationMetrics.F1(none, none), Is.Zero);
    }

    [Test]
    public void Auc_counts_correctly_ordered_pairs()
    {
        // Positives 0.9 and 0.7, negatives 0.8 and 0.6: 3 of 4 pairs ordered.
        Assert.That(ClassificationMetrics.RocAuc([0.9f, 0.8f, 0.7f, 0.6f], [true, false, true, false]), Is.EqualTo(0.75).Within(1e-12));
    }

    [Test]
    public void Auc_counts_ties_as_one_half()
    {
        Assert.That(ClassificationMetrics.RocAuc([0.5f, 0.5f], [true, false]), Is.EqualTo(0.5).Within(1e-12));
        // Positive 1.0 beats the negative; positive 0.5 ties it: (1 + 0.5)/2.
        Assert.That(ClassificationMetrics.RocAuc([1f, 0.5f, 0.5f], [true, true, false]), Is.EqualTo(0.75).Within(1e-12));
    }

    [Test]
    public void Auc_of_a_single_class_is_one_half_and_NaN_is_rejected()
    {
        Assert.That(ClassificationMetrics.RocAuc([0.1f, 0.9f], [true, true]), Is.EqualTo(0.5));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.RocAuc([float.NaN, 1f], [true, false]));
    }

    [Test]
    public void Log_loss_is_the_mean_negative_log_likelihood_in_nats()
    {
        // −(ln 0.8 + ln(1 − 0.4)) / 2.
        Assert.That(ClassificationMetrics.LogLoss([0.8f, 0.4f], [true, false]), Is.EqualTo(-(Math.Log(0.8f) + Math.Log(1 - 0.4f)) / 2).Within(1e-7));
        Assert.That(ClassificationMetrics.LogLoss([0.5f, 0.5f], [true, false]), Is.EqualTo(Math.Log(2)).Within(1e-7));
    }

    [Test]
    public void Log_loss_of_a_certain_mistake_is_finite_and_bad_probabilities_are_rejected()
    {
        Assert.That(ClassificationMetrics.LogLoss([0f, 1f], [true, false]), Is.EqualTo(-Math.Log(1e-7)).Within(1e-6));
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.LogLoss([0.2f, 1.5f], [true, false]));
        Assert.That(error!.Message, Does.Contain("probabilities[1] = 1.5"));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.LogLoss([float.NaN], [true]));
    }

    [Test]
    public void Positive_rate_is_the_share_of_positives()
    {
        Assert.That(ClassificationMetrics.PositiveRate(s_actual), Is.EqualTo(0.6).Within(1e-12));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.PositiveRate([]));
    }
}
