using MovieRec.Abstractions;

namespace MovieRec.Tests.Abstractions;

public sealed class TopKTests
{
    [Test]
    public void Selects_best_first_with_ties_to_the_lower_index_and_skips_excluded()
    {
        float[] scores = [0.1f, 0.5f, float.NaN, 0.5f, float.NegativeInfinity, 0.9f];
        var top = new int[3];
        Assert.That(TopK.Select(scores, top), Is.EqualTo(3));
        Assert.That(top, Is.EqualTo(new[] { 5, 1, 3 }));
    }

    [Test]
    public void K_larger_than_the_candidates_returns_all_of_them()
    {
        float[] scores = [0.1f, 0.5f, float.NegativeInfinity, 0.9f];
        var top = new int[10];
        int count = TopK.Select(scores, top);
        Assert.That(count, Is.EqualTo(3));
        Assert.That(top[..count], Is.EqualTo(new[] { 3, 1, 0 }));
    }

    [Test]
    public void Matches_a_full_sort_on_random_scores()
    {
        var random = new Random(5);
        var scores = Enumerable.Range(0, 500).Select(_ => (float)random.Next(100)).ToArray();
        var expected = Enumerable.Range(0, 500).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(20).ToArray();
        var top = new int[20];
        TopK.Select(scores, top);
        Assert.That(top, Is.EqualTo(expected));
    }
}
