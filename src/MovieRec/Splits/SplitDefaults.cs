using System.Globalization;

namespace MovieRec.Splits;

/// <summary>Default values of the splits, written once.</summary>
public static class SplitDefaults
{
    /// <summary>Default random seed.</summary>
    public const int Seed = 42;

    /// <summary>Default test share: 0.2, the 4:1 split of the LSTM-CNN paper.</summary>
    public const double TestFraction = 0.2;

    /// <summary>Default number of sampled negatives per leave-one-out test user: 99 (the NCF protocol).</summary>
    public const int NumberOfNegatives = 99;

    internal static void CheckFraction(double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(testFraction), testFraction, string.Create(CultureInfo.InvariantCulture, $"Expected a test fraction strictly between 0 and 1, got {testFraction}."));
        }
    }
}
