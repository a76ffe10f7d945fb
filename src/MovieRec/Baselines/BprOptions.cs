namespace MovieRec.Baselines;

/// <summary>Options of BPR-MF, matrix factorisation trained by Bayesian personalised ranking (<see cref="BprTrainer"/>, name <c>bpr</c>).</summary>
/// <remarks>The knob names are those of <see cref="MatrixFactorizationOptions"/> and ML.NET's matrix factorisation.</remarks>
public sealed record BprOptions
{
    /// <summary>
    /// Default values, in one place. Rank, λ and epochs were chosen by
    /// <c>movierec tune --model bpr --data ml-100k --protocol full-ranking --seeds 3</c> (validation NDCG@10, grid rank
    /// 64–256, λ 0.001–0.05, 100–400 epochs; the rank is the grid's largest, 128 scores 0.002 less); the learning rate,
    /// initialisation and seed were not searched.
    /// </summary>
    public static class Defaults
    {
        /// <summary>Default number of latent factors: 256.</summary>
        public const int ApproximationRank = 256;

        /// <summary>Default number of epochs (each draws as many triples as there are training interactions): 200.</summary>
        public const int NumberOfIterations = 200;

        /// <summary>Default SGD learning rate: 0.05.</summary>
        public const double LearningRate = 0.05;

        /// <summary>Default L2 weight of the factors and item biases: 0.01.</summary>
        public const double Lambda = 0.01;

        /// <summary>Default standard deviation of the initial factors: 0.1.</summary>
        public const double InitialStandardDeviation = 0.1;

        /// <summary>Default seed: 42.</summary>
        public const int Seed = 42;
    }

    /// <summary>Gets the number of latent factors; 1 or more.</summary>
    public int ApproximationRank { get; init; } = Defaults.ApproximationRank;

    /// <summary>Gets the number of epochs; 1 or more.</summary>
    public int NumberOfIterations { get; init; } = Defaults.NumberOfIterations;

    /// <summary>Gets the SGD learning rate; more than 0.</summary>
    public double LearningRate { get; init; } = Defaults.LearningRate;

    /// <summary>Gets the L2 weight; 0 or more.</summary>
    public double Lambda { get; init; } = Defaults.Lambda;

    /// <summary>Gets the standard deviation of the initial factors; more than 0.</summary>
    public double InitialStandardDeviation { get; init; } = Defaults.InitialStandardDeviation;

    /// <summary>Gets the seed of the initial factors and of the sampled triples.</summary>
    public int Seed { get; init; } = Defaults.Seed;
}
