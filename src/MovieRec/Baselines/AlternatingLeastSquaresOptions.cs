namespace MovieRec.Baselines;

/// <summary>
/// Options of alternating least squares (<see cref="BaselineCatalog.AlternatingLeastSquares(AlternatingLeastSquaresOptions)"/>),
/// for explicit ratings or, with <see cref="MatrixFactorizationLoss.SquareLossOneClass"/>, implicit feedback.
/// </summary>
public sealed record AlternatingLeastSquaresOptions
{
    /// <summary>
    /// Default values of <see cref="AlternatingLeastSquaresOptions"/>. For ratings, rank 64 and λ 0.1 are the choice of
    /// <c>movierec tune --model als --data ml-100k --protocol random-80-20 --seeds 3</c> (validation RMSE 0.9238). For
    /// implicit feedback, rank 128, λ 20 and α 0.5 are the choice of
    /// <c>movierec tune --model ials --data ml-100k --protocol loo-99 --seeds 3</c> (validation NDCG@10 0.425 against
    /// 0.419 for the earlier rank 64, α 2) and of <c>movierec tune --model ials --data ml-latest-small --protocol
    /// full-ranking --seeds 3</c> (the same choice on every seed). ML-100K's full ranking prefers λ 40, α 1; pass such
    /// settings (<c>evaluate --settings</c>) where they matter.
    /// </summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="ApproximationRank"/> for <see cref="MatrixFactorizationLoss.SquareLossRegression"/>.</summary>
        public const int ApproximationRank = 64;

        /// <summary>Default <see cref="ApproximationRank"/> for <see cref="MatrixFactorizationLoss.SquareLossOneClass"/>.</summary>
        public const int OneClassApproximationRank = 128;

        /// <summary>Default <see cref="NumberOfIterations"/>.</summary>
        public const int NumberOfIterations = 15;

        /// <summary>Default <see cref="Lambda"/> for <see cref="MatrixFactorizationLoss.SquareLossRegression"/> (scaled by each row's rating count).</summary>
        public const double RegressionLambda = 0.1;

        /// <summary>Default <see cref="Lambda"/> for <see cref="MatrixFactorizationLoss.SquareLossOneClass"/>.</summary>
        public const double OneClassLambda = 20;

        /// <summary>Default <see cref="Alpha"/>.</summary>
        public const double Alpha = 0.5;

        /// <summary>Default <see cref="C"/>.</summary>
        public const double C = 0;

        /// <summary>Default <see cref="InitialStandardDeviation"/>.</summary>
        public const double InitialStandardDeviation = 0.1;

        /// <summary>Default <see cref="Seed"/>.</summary>
        public const int Seed = 42;
    }

    /// <summary>Loss: explicit ratings (default) or one-class implicit feedback.</summary>
    public MatrixFactorizationLoss LossFunction { get; init; } = MatrixFactorizationLoss.SquareLossRegression;

    /// <summary>
    /// Rank k of the latent vectors; 1 or more, or <see langword="null"/> (default) for the loss's default
    /// (<see cref="Defaults.ApproximationRank"/>, <see cref="Defaults.OneClassApproximationRank"/>). Each solve costs
    /// O(k³), each rating O(k²).
    /// </summary>
    public int? ApproximationRank { get; init; }

    /// <summary>Alternations (a user sweep then a movie sweep); 1 or more.</summary>
    public int NumberOfIterations { get; init; } = Defaults.NumberOfIterations;

    /// <summary>
    /// L2 regularisation λ; 0 or more, or <see langword="null"/> (default) for the loss's default
    /// (<see cref="Defaults.RegressionLambda"/>, <see cref="Defaults.OneClassLambda"/>). For the
    /// regression loss it is multiplied by the row's rating count (weighted-λ regularisation, Zhou et
    /// al. 2008); for the one-class loss it is used as is.
    /// </summary>
    public double? Lambda { get; init; }

    /// <summary>One-class loss only: confidence slope α in c = 1 + α·r; 0 or more. Larger values trust observed ratings more.</summary>
    public double Alpha { get; init; } = Defaults.Alpha;

    /// <summary>One-class loss only: target preference of unobserved cells (ML.NET's C); 0 (default) to 1 exclusive.</summary>
    public double C { get; init; } = Defaults.C;

    /// <summary>Standard deviation of the normal initialisation; greater than 0.</summary>
    public double InitialStandardDeviation { get; init; } = Defaults.InitialStandardDeviation;

    /// <summary>Seed of the initialisation.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>Threads solving rows in parallel; 1 or more, or <see langword="null"/> for the processor count. Results do not depend on it.</summary>
    public int? NumberOfThreads { get; init; }

    internal bool IsOneClass => LossFunction == MatrixFactorizationLoss.SquareLossOneClass;

    internal int EffectiveRank => ApproximationRank ?? (IsOneClass ? Defaults.OneClassApproximationRank : Defaults.ApproximationRank);

    internal float EffectiveLambda => (float)(Lambda ?? (IsOneClass ? Defaults.OneClassLambda : Defaults.RegressionLambda));
}
