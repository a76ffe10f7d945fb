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
}
