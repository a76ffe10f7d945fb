namespace MovieRec.Data;

/// <summary>
/// The seven MovieLens 1M age groups: raw ML-1M codes {1, 18, 25, 35, 45, 50, 56} become groups 0..6.
/// </summary>
/// <remarks>
/// ML-1M stores the group's lower bound (1 = "under 18", 18 = "18-24", 25 = "25-34", 35 = "35-44",
/// 45 = "45-49", 50 = "50-55", 56 = "56+"). Raw ages (ML-100K) are bucketed into the same groups:
/// under 18 → 0, 18-24 → 1, 25-34 → 2, 35-44 → 3, 45-49 → 4, 50-55 → 5, 56 and over → 6. This is the
/// preprocessing of the LSTM-CNN paper, which embeds the group index.
/// </remarks>
public static class AgeGroups
{
    /// <summary>Number of groups (7).</summary>
    public const int Count = 7;

    private static readonly int[] s_lowerBounds = [1, 18, 25, 35, 45, 50, 56];

    /// <summary>The lower bound of each group as ML-1M codes it: 1, 18, 25, 35, 45, 50, 56.</summary>
    public static IReadOnlyList<int> LowerBounds => s_lowerBounds;

    /// <summary>Returns the group 0..6 of a raw age in years (or of an ML-1M age code, which is a group's lower bound).</summary>
    /// <param name="age">Age in years, 0 or more (0 and other ages under 18 fall in group 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="age"/> is negative.</exception>
    public static int FromAge(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        int group = 0;
        for (int g = 1; g < s_lowerBounds.Length; g++)
        {
            if (age >= s_lowerBounds[g])
            {
                group = g;
            }
        }

        return group;
    }

    /// <summary>Whether <paramref name="code"/> is one of the seven ML-1M age codes.</summary>
    /// <param name="code">The value of the age field of <c>users.dat</c>.</param>
    public static bool IsMovieLens1MCode(int code) => Array.IndexOf(s_lowerBounds, code) >= 0;
}
