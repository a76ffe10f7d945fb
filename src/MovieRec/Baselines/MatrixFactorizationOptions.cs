namespace MovieRec.Baselines;

/// <summary>
/// Options of biased matrix factorisation trained by stochastic gradient descent
/// (<see cref="BaselineCatalog.MatrixFactorization(MatrixFactorizationOptions)"/>). Names follow ML.NET's
/// <c>MatrixFactorizationTrainer.Options</c> where they exist there.
/// </summary>
public sealed record MatrixFactorizationOptions
{
    /// <summary>
    /// Default values of <see cref="MatrixFactorizationOptions"/>. Rank and λ are the choice of
    /// <c>movierec tune --model mf --data ml-100k --protocol random-80-20 --seeds 3</c> on validation splits of each
    /// seed's training part (validation RMSE 0.9175; grid rank 50–200, λ 0.02–0.1; 200 is the largest rank of the grid);
    /// the learning rate, its decay, the bias λ, the initialisation and the 100 epochs were not searched again.
    /// </summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="ApproximationRank"/>.</summary>
        public const int ApproximationRank = 200;

        /// <summary>Default <see cref="NumberOfIterations"/>.</summary>
        public const int NumberOfIterations = 100;

        /// <summary>Default <see cref="LearningRate"/>.</summary>
        public const double LearningRate = 0.005;

        /// <summary>Default <see cref="LearningRateDecay"/>.</summary>
        public const double LearningRateDecay = 0.98;

        /// <summary>Default <see cref="Lambda"/>.</summary>
        public const double Lambda = 0.05;

        /// <summary>Default <see cref="BiasLambda"/>.</summary>
        public const double BiasLambda = 0.02;

        /// <summary>Default <see cref="InitialStandardDeviation"/>.</summary>
        public const double InitialStandardDeviation = 0.03;

        /// <summary>Default <see cref="Seed"/>.</summary>
        public const int Seed = 42;
    }

    /// <summary>Rank k of the latent vectors p_u, q_i; 1 or more. Larger ranks fit more but need more regularisation and time (linear in k).</summary>
    public int ApproximationRank { get; init; } = Defaults.ApproximationRank;

    /// <summary>Epochs (passes over all training ratings); 1 or more.</summary>
    public int NumberOfIterations { get; init; } = Defaults.NumberOfIterations;

    /// <summary>SGD step size η of the first epoch; greater than 0. Too large diverges (the trainer then throws), too small underfits.</summary>
    public double LearningRate { get; init; } = Defaults.LearningRate;

    /// <summary>Factor by which the step size shrinks after each epoch, in (0, 1]; 1 keeps it constant.</summary>
    public double LearningRateDecay { get; init; } = Defaults.LearningRateDecay;

    /// <summary>L2 regularisation λ of the latent vectors; 0 or more.</summary>
    public double Lambda { get; init; } = Defaults.Lambda;

    /// <summary>L2 regularisation of the user and movie biases; 0 or more.</summary>
    public double BiasLambda { get; init; } = Defaults.BiasLambda;

    /// <summary>Standard deviation of the normal initialisation of the latent vectors; greater than 0.</summary>
    public double InitialStandardDeviation { get; init; } = Defaults.InitialStandardDeviation;

    /// <summary>Seed of the initialisation and the shuffling; the same seed and thread count give the same model.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>
    /// Threads that run SGD concurrently on disjoint user/movie blocks; 1 or more, or
    /// <see langword="null"/> (default) for <see cref="Environment.ProcessorCount"/>. The result depends
    /// on the thread count (the block grid does), never on scheduling.
    /// </summary>
    public int? NumberOfThreads { get; init; }
}
