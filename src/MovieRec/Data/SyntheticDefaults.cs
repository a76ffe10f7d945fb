namespace MovieRec.Data;

/// <summary>Default values of <see cref="SyntheticDataOptions"/>, written once.</summary>
public static class SyntheticDefaults
{
    /// <summary>Default number of ratings.</summary>
    public const int NumberOfRatings = 100_000;

    /// <summary>Smallest number of ratings the generator makes.</summary>
    public const int MinRatings = 1_000;

    /// <summary>Largest number of ratings the generator makes.</summary>
    public const int MaxRatings = 25_000_000;

    /// <summary>Default seed.</summary>
    public const int Seed = 42;

    /// <summary>Default latent dimension.</summary>
    public const int LatentFactors = 8;

    /// <summary>Default noise standard deviation (stars).</summary>
    public const double NoiseStandardDeviation = 0.6;

    /// <summary>Default Zipf exponent of popularity.</summary>
    public const double PopularityExponent = 0.9;
}
