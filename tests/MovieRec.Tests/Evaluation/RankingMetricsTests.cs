using MovieRec.Evaluation;

namespace MovieRec.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    private static readonly int[] s_recommended = [1, 2, 3, 4, 5];
    private static readonly HashSet<int> s_relevant = [2, 5, 9];

    [Test]
    public void Precision_recall_f1_and_hit_rate_match_hand_computation()
    {
        Assert.That(RankingMetrics.PrecisionAtK(s_recommended, s_relevant, 5), Is.EqualTo(0.4).Within(1e-12));
        Assert.That(RankingMetrics.RecallAtK(s_recommended, s_relevant, 5), Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(RankingMetrics.F1AtK(s_recommended, s_relevant, 5), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(RankingMetrics.PrecisionAtK(s_recommended, s_relevant, 3), Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(RankingMetrics.HitRateAtK(s_recommended, s_relevant, 1), Is.Zero);
        Assert.That(RankingMetrics.HitRateAtK(s_recommended, s_relevant, 2), Is.EqualTo(1.0));
    }

    [Test]
    public void Short_lists_count_missing_slots_as_misses()
    {
        Assert.That(RankingMetrics.PrecisionAtK([2], s_relevant, 4), Is.EqualTo(0.25).Within(1e-12));
    }

    [Test]
    public void Ndcg_matches_hand_computation()
    {
        double dcg = (1 / Math.Log2(3)) + (1 / Math.Log2(6));
        double ideal = 1 + (1 / Math.Log2(3)) + (1 / Math.Log2(4));
        Assert.That(RankingMetrics.NdcgAtK(s_recommended, s_relevant, 5), Is.EqualTo(dcg / ideal).Within(1e-12));
        Assert.That(RankingMetrics.NdcgAtK([5, 2], s_relevant, 2), Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void Average_precision_matches_hand_computation()
    {
        // Hits at ranks 2 and 5: (1/2 + 2/5) / min(5, 3).
        Assert.That(RankingMetrics.AveragePrecisionAtK(s_recommended, s_relevant, 5), Is.EqualTo(0.3).Within(1e-12));
    }

    [Test]
    public void No_relevant_movie_scores_zero()
    {
        var none = new HashSet<int>();
        Assert.That(RankingMetrics.RecallAtK(s_recommended, none, 5), Is.Zero);
        Assert.That(RankingMetrics.NdcgAtK(s_recommended, none, 5), Is.Zero);
        Assert.That(RankingMetrics.AveragePrecisionAtK(s_recommended, none, 5), Is.Zero);
    }

    [Test]
    public void Coverage_counts_distinct_recommended_movies()
    {
        Assert.That(RankingMetrics.CatalogueCoverage([[1, 2], [2, 3], [42]], 10), Is.EqualTo(0.3).Within(1e-12));
    }

    [Test]
    public void Invalid_cutoffs_are_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.PrecisionAtK(s_recommended, s_relevant, 0));
        Assert.That(error!.ParamName, Is.EqualTo("k"));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.CatalogueCoverage([], 0));
    }
}
