using MovieRec.Data;

namespace MovieRec.Features;

/// <summary>
/// Encodes users as fixed-width int64 rows [user index, gender, age group, occupation], the user-tower
/// inputs of the LSTM-CNN paper (gender F/M → 0/1, age → 7 groups, occupation index).
/// </summary>
/// <remarks>Datasets without demographics encode gender, age group and occupation as 0.</remarks>
public sealed class UserFeatureEncoder
{
    /// <summary>Number of int64 values per user.</summary>
    public const int Width = 4;

    private readonly UsersTable? _users;

    private UserFeatureEncoder(UsersTable? users, int userIndexCount)
    {
        _users = users;
        UserIndexCount = userIndexCount;
    }

    /// <summary>Number of user indices (embedding rows), index 0 included.</summary>
    public int UserIndexCount { get; }

    /// <summary>Number of gender codes (2).</summary>
    public static int GenderCount => 2;

    /// <summary>Number of age groups (7).</summary>
    public static int AgeGroupCount => AgeGroups.Count;

    /// <summary>Number of occupation indices (embedding rows); 1 without demographics.</summary>
    public int OccupationCount => Math.Max(1, _users?.OccupationNames.Count ?? 1);

    /// <summary>Creates an encoder for the users of <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The dataset.</param>
    public static UserFeatureEncoder Create(RecommendationDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new UserFeatureEncoder(dataset.Users, dataset.UserIds.IndexCount);
    }

    /// <summary>Writes the row of user <paramref name="user"/> into <paramref name="destination"/> (at least <see cref="Width"/> slots).</summary>
    /// <param name="user">Dense user index 0..<see cref="UserIndexCount"/>-1 (0 = unknown user: all zeros).</param>
    /// <param name="destination">Output row.</param>
    public void Encode(int user, Span<long> destination)
    {
        if ((uint)user >= (uint)UserIndexCount)
        {
            throw new ArgumentOutOfRangeException(nameof(user), user, $"Expected a dense user index in 0..{UserIndexCount - 1}.");
        }

        if (destination.Length < Width)
        {
            throw new ArgumentException($"Destination has {destination.Length} slots; {Width} are needed.", nameof(destination));
        }

        destination[0] = user;
        destination[1] = _users?.Gender[user] ?? 0;
        destination[2] = _users?.AgeGroup[user] ?? 0;
        destination[3] = _users?.Occupation[user] ?? 0;
    }

    /// <summary>Encodes every user index 0..<see cref="UserIndexCount"/>-1 into a row-major [count, 4] array.</summary>
    public long[] EncodeAll()
    {
        var result = new long[UserIndexCount * Width];
        for (int u = 0; u < UserIndexCount; u++)
        {
            Encode(u, result.AsSpan(u * Width, Width));
        }

        return result;
    }
}
