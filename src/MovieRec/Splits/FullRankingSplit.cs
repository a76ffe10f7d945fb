using System.Globalization;
using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>
/// The full-ranking protocol (<c>evaluate --protocol full-ranking</c>): ratings at or above
/// <see cref="PositiveThreshold"/> are the positive interactions and every other rating is dropped; each user's positives
/// are shuffled with the seed and split 80 / 10 / 10 into training, validation and test. At test time a model ranks every
/// movie the user has no training or validation positive for, with no sampled negatives.
/// </summary>
/// <remarks>
/// A user with <c>n</c> positives gives <c>round(n / 10)</c> (halves up) to test and as many to validation, so users with
/// fewer than five positives stay wholly in training. Settings are chosen on <see cref="Validation"/>; the models are
/// trained on <see cref="Train"/> only, and <see cref="Validation"/> is masked from the ranked lists at test time.
/// </remarks>
public sealed class FullRankingSplit
{
    /// <summary>The lowest rating that counts as a positive interaction: 4, on MovieLens's 0.5–5 scale.</summary>
    public const float PositiveThreshold = 4f;

    /// <summary>The share of each user's positives held out for test, and again for validation: 10 %.</summary>
    public const double HeldOutShare = 0.1;

    private FullRankingSplit(RatingsTable train, RatingsTable validation, RatingsTable test)
    {
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>Gets the training positives (80 % of each user's).</summary>
    public RatingsTable Train { get; }

    /// <summary>Gets the validation positives (10 % of each user's), for choosing settings.</summary>
    public RatingsTable Validation { get; }

    /// <summary>Gets the test positives (10 % of each user's).</summary>
    public RatingsTable Test { get; }

    /// <summary>Builds the split.</summary>
    /// <param name="ratings">All ratings; those below <paramref name="positiveThreshold"/> are dropped.</param>
    /// <param name="seed">Seeds each user's shuffle.</param>
    /// <param name="positiveThreshold">The lowest positive rating; finite.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="positiveThreshold"/> is not finite.</exception>
    public static FullRankingSplit Create(RatingsTable ratings, int seed = SplitDefaults.Seed, float positiveThreshold = PositiveThreshold)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (!float.IsFinite(positiveThreshold))
        {
            throw new ArgumentOutOfRangeException(
                nameof(positiveThreshold), positiveThreshold, string.Create(CultureInfo.InvariantCulture, $"Expected a finite rating, got {positiveThreshold}."));
        }

        var positives = ratings.Where(i => ratings.Ratings[i] >= positiveThreshold);
        var part = new byte[positives.Count]; // 0 train, 1 validation, 2 test
        var random = new Random(seed);
        foreach (int[] rows in UserRows.Group(positives))
        {
            int held = (int)Math.Round(rows.Length * HeldOutShare, MidpointRounding.AwayFromZero);
            if (held == 0)
            {
                continue;
            }

            // Partial Fisher–Yates: the first `held` rows go to test, the next `held` to validation.
            for (int k = 0; k < 2 * held; k++)
            {
                int j = random.Next(k, rows.Length);
                (rows[k], rows[j]) = (rows[j], rows[k]);
                part[rows[k]] = (byte)(k < held ? 2 : 1);
            }
        }

        return new FullRankingSplit(
            positives.Where(i => part[i] == 0),
            positives.Where(i => part[i] == 1),
            positives.Where(i => part[i] == 2));
    }
}
