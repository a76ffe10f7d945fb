using MovieRec.Content;

namespace MovieRec.Tests.Content;

/// <summary><see cref="HybridModel.Fuse"/>: the hybrid's rule for one user's scores over the catalogue.</summary>
[TestFixture]
public sealed class HybridFuseTests
{
    // Index 0 is the unknown movie; movies 1..4 disagree between the two sides.
    private static readonly float[] s_collaborative = [0f, 4.5f, 3.0f, 2.0f, 1.0f];
    private static readonly float[] s_content = [0f, 0.1f, 0.2f, 0.3f, 0.9f];

    private static int[] Order(float[] scores) => [.. Enumerable.Range(1, scores.Length - 1).OrderByDescending(m => scores[m])];

    [Test]
    public void Weight_zero_ranks_as_the_collaborative_side_and_weight_one_as_content()
    {
        var collaborativeOnly = new float[5];
        var contentOnly = new float[5];
        HybridModel.Fuse(s_collaborative, s_content, 0f, collaborativeOnly);
        HybridModel.Fuse(s_collaborative, s_content, 1f, contentOnly);

        Assert.Multiple(() =>
        {
            Assert.That(Order(collaborativeOnly), Is.EqualTo(new[] { 1, 2, 3, 4 }));
            Assert.That(Order(contentOnly), Is.EqualTo(new[] { 4, 3, 2, 1 }));
            Assert.That(collaborativeOnly.Skip(1).Average(), Is.EqualTo(0).Within(1e-5), "standardised: mean 0 over the movies");
        });
    }

    [Test]
    public void Scales_do_not_decide_the_mix_and_a_missing_collaborative_score_counts_as_average()
    {
        var fused = new float[5];
        var scaled = new float[5];
        HybridModel.Fuse(s_collaborative, s_content, 0.5f, fused);
        HybridModel.Fuse([.. s_collaborative.Select(s => s * 1000)], s_content, 0.5f, scaled);
        var withNaN = new float[5];
        HybridModel.Fuse([0f, float.NaN, 3.0f, 2.0f, 1.0f], s_content, 0.5f, withNaN);

        Assert.Multiple(() =>
        {
            Assert.That(scaled, Is.EqualTo(fused).Within(1e-4), "a rating scale a thousand times wider fuses the same");
            Assert.That(withNaN.All(float.IsFinite), Is.True);
        });
    }

    [Test]
    public void Mismatched_lengths_and_weights_off_zero_to_one_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => HybridModel.Fuse(s_collaborative, s_content.AsSpan(0, 4), 0.5f, new float[5]), Throws.ArgumentException);
            Assert.That(() => HybridModel.Fuse(s_collaborative, s_content, 1.5f, new float[5]), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => HybridModel.Fuse(s_collaborative, s_content, float.NaN, new float[5]), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
