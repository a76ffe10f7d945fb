namespace MovieRec.Data;

/// <summary>Options of <see cref="SyntheticDataset.Generate(SyntheticDataOptions)"/>.</summary>
public sealed record SyntheticDataOptions
{
    /// <summary>Exact number of ratings to generate, 1,000 to 25,000,000. Default 100,000.</summary>
    public int NumberOfRatings { get; init; } = SyntheticDefaults.NumberOfRatings;

    /// <summary>Number of users; 0 (the default) derives it from the rating count as ML-1M's proportions do (about 6·√ratings).</summary>
    public int NumberOfUsers { get; init; }

    /// <summary>Number of movies; 0 (the default) derives it from the rating count (about 3.7·√ratings).</summary>
    public int NumberOfMovies { get; init; }

    /// <summary>Random seed: the same seed and sizes give the same dataset, byte for byte. Default 42.</summary>
    public int Seed { get; init; } = SyntheticDefaults.Seed;

    /// <summary>Dimension of the hidden user and movie factors, 1 or more. Default 8.</summary>
    public int LatentFactors { get; init; } = SyntheticDefaults.LatentFactors;

    /// <summary>Standard deviation of the rating noise before rounding, 0 or more. Default 0.6 stars.</summary>
    public double NoiseStandardDeviation { get; init; } = SyntheticDefaults.NoiseStandardDeviation;

    /// <summary>
    /// Zipf exponent of movie popularity, 0 or more: the movie of popularity rank r is picked with weight
    /// 1 / r^s. Larger values concentrate ratings on fewer movies. Default 0.9.
    /// </summary>
    public double PopularityExponent { get; init; } = SyntheticDefaults.PopularityExponent;
}
