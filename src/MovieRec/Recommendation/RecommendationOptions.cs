namespace MovieRec.Recommendation;

/// <summary>Settings of the three ways to recommend (<see cref="Recommender"/>).</summary>
public sealed record RecommendationOptions
{
    /// <summary>Number of items to return, 1 or more; default 10.</summary>
    public int Count { get; init; } = RecommendationDefaults.Count;

    /// <summary>Leave out movies the user rated in training (favourites only); default true.</summary>
    public bool ExcludeSeen { get; init; } = true;

    /// <summary>
    /// When greater than <see cref="Count"/>, the result is a seeded random pick of
    /// <see cref="Count"/> items among the top <see cref="CandidatePool"/> candidates (ordered by
    /// score), so repeated calls with different seeds vary, as the LSTM-CNN paper does; 0 or at
    /// most <see cref="Count"/> returns the exact top list. Default 0.
    /// </summary>
    public int CandidatePool { get; init; } = RecommendationDefaults.CandidatePool;

    /// <summary>Seed of the random pick; default 0.</summary>
    public int Seed { get; init; } = RecommendationDefaults.Seed;

    /// <summary>Also-liked: how many users who score the movie highest to ask; default 20.</summary>
    public int NeighbourUsers { get; init; } = RecommendationDefaults.NeighbourUsers;

    /// <summary>Also-liked: how many top movies to take from each of those users; default 10.</summary>
    public int NeighbourFavourites { get; init; } = RecommendationDefaults.NeighbourFavourites;
}
