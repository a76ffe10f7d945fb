namespace MovieRec.Baselines;

/// <summary>Options of the popularity baseline (<see cref="BaselineCatalog.Popularity(PopularityOptions)"/>).</summary>
public sealed record PopularityOptions
{
    /// <summary>Default values of <see cref="PopularityOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="PriorStrength"/>: 10 virtual ratings.</summary>
        public const double PriorStrength = 10;
    }

    /// <summary>Ranking criterion; default <see cref="PopularityKind.MostRated"/>.</summary>
    public PopularityKind Kind { get; init; } = PopularityKind.MostRated;

    /// <summary>
    /// <see cref="PopularityKind.BestRated"/> only: weight m of the prior, in virtual ratings at the
    /// global mean; 0 or more. 0 is the plain mean rating, which favours movies rated once at 5.
    /// </summary>
    public double PriorStrength { get; init; } = Defaults.PriorStrength;
}
