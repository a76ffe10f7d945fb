using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>
/// Random ratio split: a seeded uniform sample of exactly round(n × testFraction) ratings goes to the
/// test set, the rest to training (4:1 is testFraction 0.2, 9:1 is 0.1).
/// </summary>
/// <remarks>
/// Rows keep their original order inside each part. The sample is a partial Fisher–Yates shuffle
/// driven by <see cref="Random"/> with the given seed, so the same seed and table give the same split.
/// This is the protocol of the LSTM-CNN and Text-CNN papers on ML-1M (4:1).
/// </remarks>
public static class RandomSplit
{
    /// <summary>Default seed of the splits.</summary>
    public const int DefaultSeed = SplitDefaults.Seed;

    /// <summary>Splits <paramref name="ratings"/> at random.</summary>
    /// <param name="ratings">The ratings to split.</param>
    /// <param name="testFraction">Share of ratings in the test set, in (0, 1). Default 0.2 (4:1).</param>
    /// <param name="seed">Random seed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not in (0, 1).</exception>
    public static TrainTestSplit Create(RatingsTable ratings, double testFraction = SplitDefaults.TestFraction, int seed = SplitDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        SplitDefaults.CheckFraction(testFraction);
        int n = ratings.Count;
        int testCount = (int)Math.Round(n * testFraction, MidpointRounding.AwayFromZero);
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var random = new Random(seed);
        for (int i = 0; i < testCount; i++)
        {
            int j = random.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var isTest = new bool[n];
        for (int i = 0; i < testCount; i++)
        {
            isTest[order[i]] = true;
        }

        return TrainTestSplit.FromMask(ratings, isTest);
    }
}
