namespace MovieRec.Onnx.Training.Optimizers;

/// <summary>Settings of stochastic gradient descent with momentum.</summary>
public sealed record SgdOptions
{
    /// <summary>Gets the base learning rate, greater than 0; default 0.01.</summary>
    public double LearningRate { get; init; } = TrainingDefaults.SgdLearningRate;

    /// <summary>Gets the momentum μ in [0, 1); default 0 (no velocity state is kept).</summary>
    public double Momentum { get; init; } = TrainingDefaults.Momentum;

    /// <summary>Gets the L2 weight decay λ ≥ 0, added to the gradient as λ·θ; default 0.</summary>
    public double WeightDecay { get; init; } = TrainingDefaults.WeightDecay;
}
