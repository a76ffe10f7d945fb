namespace MovieRec.Baselines;

/// <summary>Options of the user/movie bias baseline (<see cref="BaselineCatalog.Biases(BiasOptions)"/>).</summary>
public sealed record BiasOptions
{
    /// <summary>Default values of <see cref="BiasOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="NumberOfIterations"/>: 10 sweeps.</summary>
        public const int NumberOfIterations = 10;

        /// <summary>Default <see cref="UserLambda"/>: 15 (as Surprise's BaselineOnly).</summary>
        public const double UserLambda = 15;

        /// <summary>Default <see cref="MovieLambda"/>: 10 (as Surprise's BaselineOnly).</summary>
        public const double MovieLambda = 10;
    }

    /// <summary>Alternating sweeps over movie then user biases; 1 or more, default 10. More than ~10 rarely changes anything.</summary>
    public int NumberOfIterations { get; init; } = Defaults.NumberOfIterations;

    /// <summary>
    /// Shrinkage of user biases, in "virtual ratings at the mean"; 0 or more, default 15. Larger
    /// values pull users with few ratings towards the global mean.
    /// </summary>
    public double UserLambda { get; init; } = Defaults.UserLambda;

    /// <summary>Shrinkage of movie biases, in virtual ratings; 0 or more, default 10.</summary>
    public double MovieLambda { get; init; } = Defaults.MovieLambda;
}
