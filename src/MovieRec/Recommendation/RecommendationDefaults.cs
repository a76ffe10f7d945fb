namespace MovieRec.Recommendation;

/// <summary>Defaults of <see cref="RecommendationOptions"/>.</summary>
public static class RecommendationDefaults
{
    /// <summary>Items returned: 10.</summary>
    public const int Count = 10;

    /// <summary>Random-pick pool: 0 (off: the exact top list).</summary>
    public const int CandidatePool = 0;

    /// <summary>Seed of the random pick: 0.</summary>
    public const int Seed = 0;

    /// <summary>Users who like the movie most, for also-liked: 20.</summary>
    public const int NeighbourUsers = 20;

    /// <summary>Favourites taken from each of those users: 10.</summary>
    public const int NeighbourFavourites = 10;
}
