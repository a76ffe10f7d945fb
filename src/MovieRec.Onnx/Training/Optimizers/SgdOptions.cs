namespace MovieRec.Onnx.Training.Optimizers;

/// <summary>Settings of stochastic gradient descent with momentum.</summary>
public sealed record SgdOptions
{
    /// <summary>Default values of <see cref="SgdOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>SGD learning rate: 0.01.</summary>
        public const double LearningRate = 0.01;

        /// <summary>SGD momentum: 0 (plain gradient descent).</summary>
        public const double Momentum = 0;

        /// <summary>Weight decay: 0 (off).</summary>
        public const double WeightDecay = 0;
    }

    /// <summary>Gets the base learning rate, greater than 0; default 0.01.</summary>
    public double LearningRate { get; init; } = Defaults.LearningRate;

    /// <summary>Gets the momentum μ in [0, 1); default 0 (no velocity state is kept).</summary>
    public double Momentum { get; init; } = Defaults.Momentum;

    /// <summary>Gets the L2 weight decay λ ≥ 0, added to the gradient as λ·θ; default 0.</summary>
    public double WeightDecay { get; init; } = Defaults.WeightDecay;
}
