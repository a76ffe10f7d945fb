namespace MovieRec.Baselines;

/// <summary>Options of EASE, the embarrassingly shallow autoencoder (<see cref="EaseTrainer"/>, name <c>ease</c>).</summary>
public sealed record EaseOptions
{
    /// <summary>Default values, in one place.</summary>
    public static class Defaults
    {
        /// <summary>
        /// Default L2 weight λ: 250, the choice of <c>movierec tune --model ease --data ml-100k --protocol full-ranking --seeds 3</c>
        /// on the validation positives of seeds 1–3 (grid 25–2,000); the same command chooses 250 on ml-latest-small and
        /// with <c>--protocol loo-99</c>.
        /// </summary>
        public const double Lambda = 250;
    }

    /// <summary>Gets the L2 weight λ added to the diagonal of the item–item Gram matrix; more than 0.</summary>
    public double Lambda { get; init; } = Defaults.Lambda;

    /// <summary>Gets the number of threads of the inversion; <see langword="null"/> uses every core. The model does not depend on it.</summary>
    public int? NumberOfThreads { get; init; }
}
