namespace MovieRec.Onnx.Training;

/// <summary>What one epoch produced.</summary>
/// <param name="Epoch">Epoch number, from 1.</param>
/// <param name="TrainingLoss">Mean training loss over the epoch (weighted by rows; dropout active).</param>
/// <param name="ValidationLoss">Validation loss after the epoch, through the inference graph; null without validation data.</param>
/// <param name="LearningRate">Learning rate used in the epoch.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch's training steps.</param>
/// <param name="SamplesPerSecond">Training rows per second.</param>
public sealed record EpochSummary(int Epoch, double TrainingLoss, double? ValidationLoss, double LearningRate, double Seconds, double SamplesPerSecond)
{
    /// <summary>Gets the validation figure of <see cref="TrainingHooks.ValidationMetric"/> after the epoch (higher is better), or null.</summary>
    public double? ValidationMetric { get; init; }
}
