namespace MovieRec.Onnx.Training.Optimizers;

/// <summary>Settings of the Adam optimizer.</summary>
public sealed record AdamOptions
{
    /// <summary>Default values of <see cref="AdamOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>Adam learning rate: 1e-3 (Kingma and Ba, 2015).</summary>
        public const double LearningRate = 1e-3;

        /// <summary>Adam β₁ (decay of the first moment): 0.9.</summary>
        public const double Beta1 = 0.9;

        /// <summary>Adam β₂ (decay of the second moment): 0.999.</summary>
        public const double Beta2 = 0.999;

        /// <summary>Adam ε: 1e-8.</summary>
        public const double Epsilon = 1e-8;

        /// <summary>Weight decay: 0 (off).</summary>
        public const double WeightDecay = 0;
    }

    /// <summary>Gets the base learning rate α, greater than 0; default 1e-3. A schedule scales it per epoch.</summary>
    public double LearningRate { get; init; } = Defaults.LearningRate;

    /// <summary>Gets β₁ in [0, 1); default 0.9.</summary>
    public double Beta1 { get; init; } = Defaults.Beta1;

    /// <summary>Gets β₂ in [0, 1); default 0.999.</summary>
    public double Beta2 { get; init; } = Defaults.Beta2;

    /// <summary>Gets ε, greater than 0; default 1e-8. Larger values damp steps of rarely updated weights.</summary>
    public double Epsilon { get; init; } = Defaults.Epsilon;

    /// <summary>
    /// Gets the decoupled weight decay λ ≥ 0 (AdamW: each step also subtracts α·λ·θ); default 0.
    /// </summary>
    public double WeightDecay { get; init; } = Defaults.WeightDecay;
}
