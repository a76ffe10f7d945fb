namespace MovieRec.Onnx.Training.Optimizers;

/// <summary>Settings of the Adam optimizer.</summary>
public sealed record AdamOptions
{
    /// <summary>Gets the base learning rate α, greater than 0; default 1e-3. A schedule scales it per epoch.</summary>
    public double LearningRate { get; init; } = TrainingDefaults.AdamLearningRate;

    /// <summary>Gets β₁ in [0, 1); default 0.9.</summary>
    public double Beta1 { get; init; } = TrainingDefaults.Beta1;

    /// <summary>Gets β₂ in [0, 1); default 0.999.</summary>
    public double Beta2 { get; init; } = TrainingDefaults.Beta2;

    /// <summary>Gets ε, greater than 0; default 1e-8. Larger values damp steps of rarely updated weights.</summary>
    public double Epsilon { get; init; } = TrainingDefaults.Epsilon;

    /// <summary>
    /// Gets the decoupled weight decay λ ≥ 0 (AdamW: each step also subtracts α·λ·θ); default 0.
    /// </summary>
    public double WeightDecay { get; init; } = TrainingDefaults.WeightDecay;
}
