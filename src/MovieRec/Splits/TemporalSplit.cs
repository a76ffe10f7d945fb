using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>
/// Per-user temporal split: each user's latest round(n_u × testFraction) ratings go to the test set,
/// the earlier ones to training; at least one rating of every user stays in training.
/// </summary>
/// <remarks>
/// Ratings are ordered by timestamp, ties by row order, so the split is deterministic without a seed.
/// It mimics deployment (predict the future from the past) and is stricter than a random split.
/// </remarks>
public static class TemporalSplit
{
    /// <summary>Splits each user's ratings by time.</summary>
    /// <param name="ratings">The ratings to split.</param>
    /// <param name="testFraction">Share of each user's ratings in the test set, in (0, 1). Default 0.2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not in (0, 1).</exception>
    public static TrainTestSplit Create(RatingsTable ratings, double testFraction = SplitDefaults.TestFraction)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        SplitDefaults.CheckFraction(testFraction);
        var isTest = new bool[ratings.Count];
        foreach (var rows in UserRows.GroupByTime(ratings))
        {
            int testCount = Math.Min(rows.Length - 1, (int)Math.Round(rows.Length * testFraction, MidpointRounding.AwayFromZero));
            for (int k = rows.Length - Math.Max(testCount, 0); k < rows.Length; k++)
            {
                isTest[rows[k]] = true;
            }
        }

        return TrainTestSplit.FromMask(ratings, isTest);
    }
}
