using MovieRec.Evaluation;

namespace MovieRec.Tests.Evaluation;

public sealed class HeldOutRankingTests
{
    [Test]
    public void Rank_CountsHigherNegativesAndHalfTheTies()
    {
        Assert.Multiple(() =>
        {
            Assert.That(HeldOutRanking.Rank<float>([0.5f, 0.9f, 0.5f, 0.1f, 0.5f]), Is.EqualTo(2));
            Assert.That(HeldOutRanking.Rank<double>([1.0]), Is.Zero);
            Assert.That(HeldOutRanking.Rank<double>([0.0, 0.0, 0.0, 0.0]), Is.EqualTo(1.5), "all alike: the expected rank of a random order");
        });
        Assert.That(() => HeldOutRanking.Rank<double>([]), Throws.ArgumentException);
    }

    [Test]
    public void A_NaN_score_ranks_last()
    {
        var ranking = new HeldOutRanking(10);
        ranking.Add<float>([float.NaN, 0.1f, 0.2f, 0.3f]);

        Assert.Multiple(() =>
        {
            Assert.That(HeldOutRanking.Rank<float>([float.NaN, 0.1f, 0.2f]), Is.EqualTo(2), "a held-out movie scored NaN is behind every negative");
            Assert.That(HeldOutRanking.Rank<float>([float.NaN, float.NaN, float.NaN]), Is.EqualTo(2), "and behind NaN negatives too");
            Assert.That(HeldOutRanking.Rank<double>([0.1, double.NaN, double.NaN]), Is.Zero, "a negative scored NaN is behind the held-out movie");
            Assert.That(ranking.HitRatio, Is.EqualTo(1), "rank 3 is still inside a cut-off of 10");
            Assert.That(ranking.Ndcg, Is.EqualTo(1 / Math.Log2(5)).Within(1e-12), "but not a perfect hit");
        });
    }

    [Test]
    public void Averages_HitRatioNdcgAndReciprocalRank_OverCases()
    {
        // Ranks 0, 4.5 (two higher, five ties) and 12 with cut-off 10: two hits.
        double[] scores =
        [
            9, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0,
            5, 6, 7, 5, 5, 5, 5, 5, 1, 1, 1, 1, 1,
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3,
        ];

        var ranking = new HeldOutRanking(10).AddAll<double>(scores, 13);

        Assert.Multiple(() =>
        {
            Assert.That(ranking.Cases, Is.EqualTo(3));
            Assert.That(ranking.HitRatio, Is.EqualTo(2 / 3.0).Within(1e-12));
            Assert.That(ranking.Ndcg, Is.EqualTo((1 + (1 / Math.Log2(6.5))) / 3).Within(1e-12));
            Assert.That(ranking.MeanReciprocalRank, Is.EqualTo((1 + (1 / 5.5) + (1 / 13.0)) / 3).Within(1e-12));
        });
        Assert.That(() => new HeldOutRanking(10).AddAll<double>(scores, 12), Throws.ArgumentException.With.Message.Contains("multiple of 12"));
        Assert.That(() => new HeldOutRanking(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(new HeldOutRanking(5).Ndcg, Is.Zero, "no case, no NaN");
    }
}
