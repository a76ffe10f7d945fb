namespace MovieRec.Baselines;

/// <summary>
/// Options of the user-based and item-based k-nearest-neighbour models
/// (<see cref="BaselineCatalog.UserKnn(NeighbourhoodOptions)"/>, <see cref="BaselineCatalog.ItemKnn(NeighbourhoodOptions)"/>).
/// </summary>
public sealed record NeighbourhoodOptions
{
    /// <summary>Default values of <see cref="NeighbourhoodOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="NumberOfNeighbours"/>.</summary>
        public const int NumberOfNeighbours = 40;

        /// <summary>Default <see cref="Shrinkage"/>.</summary>
        public const double Shrinkage = 100;

        /// <summary>Default <see cref="MaximumStoredNeighbours"/>.</summary>
        public const int MaximumStoredNeighbours = 400;

        /// <summary>Default <see cref="MinimumSupport"/>.</summary>
        public const int MinimumSupport = 2;

        /// <summary>Default <see cref="Damping"/>.</summary>
        public const double Damping = 1;
    }

    /// <summary>k: the most similar neighbours that rated the target which enter a prediction; 1 or more.</summary>
    public int NumberOfNeighbours { get; init; } = Defaults.NumberOfNeighbours;

    /// <summary>Similarity measure; default <see cref="SimilarityMeasure.Pearson"/>.</summary>
    public SimilarityMeasure Similarity { get; init; } = SimilarityMeasure.Pearson;

    /// <summary>
    /// Shrinkage β: a similarity over n common entries is multiplied by (n - 1)/(n - 1 + β), so
    /// similarities backed by few common ratings count less; 0 or more.
    /// </summary>
    public double Shrinkage { get; init; } = Defaults.Shrinkage;

    /// <summary>
    /// Damping δ added to the sum of neighbour similarities in the prediction's denominator; 0 or more.
    /// It pulls predictions backed by few or weak neighbours towards the bias baseline, which keeps
    /// rarely rated movies from topping the rankings; 0 is the plain weighted average.
    /// </summary>
    public double Damping { get; init; } = Defaults.Damping;

    /// <summary>Pairs with fewer common entries than this get no similarity; 1 or more.</summary>
    public int MinimumSupport { get; init; } = Defaults.MinimumSupport;

    /// <summary>
    /// Whether similarities are computed on the residuals r - (μ + b_u + b_i) instead of the raw
    /// ratings (default <see langword="true"/>, which removes user and movie effects first).
    /// </summary>
    public bool BaselineAdjusted { get; init; } = true;

    /// <summary>
    /// Most similar neighbours kept per user (or movie) after training, bounding memory to this many
    /// entries per row; at least <see cref="NumberOfNeighbours"/>. Predictions look for the k nearest
    /// that rated the target among these.
    /// </summary>
    public int MaximumStoredNeighbours { get; init; } = Defaults.MaximumStoredNeighbours;

    /// <summary>Threads computing similarities; 1 or more, or <see langword="null"/> for the processor count. Results do not depend on it.</summary>
    public int? NumberOfThreads { get; init; }
}
