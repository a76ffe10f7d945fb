using MovieRec.Evaluation;

namespace MovieRec.Tests.Evaluation;

public sealed class MetricSummaryTests
{
    [Test]
    public void Mean_and_sample_standard_deviation()
    {
        var s = MetricSummary.Of([1.0, 2.0, 3.0]);
        Assert.That(s.Mean, Is.EqualTo(2.0));
        Assert.That(s.StandardDeviation, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(s.ToString(2), Is.EqualTo("2.00 ± 1.00"));
        Assert.That(MetricSummary.Of([0.5]).ToString(3), Is.EqualTo("0.500"));
        Assert.Throws<ArgumentException>(() => MetricSummary.Of([]));
    }
}
