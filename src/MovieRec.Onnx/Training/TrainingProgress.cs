namespace MovieRec.Onnx.Training;

/// <summary>A progress report of a <see cref="Trainer"/>.</summary>
/// <param name="Epoch">Current epoch, from 1.</param>
/// <param name="Epochs">Planned epochs.</param>
/// <param name="Batch">Batches done in this epoch, from 1.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="RunningLoss">Mean training loss over this epoch's batches so far (weighted by rows); NaN from a trainer that reports only its completed fraction (NCF, the classical models bundled for serving).</param>
/// <param name="SamplesPerSecond">Training rows per second over this epoch so far.</param>
/// <param name="ValidationLoss">At an epoch's end with validation data: the validation loss; otherwise null.</param>
/// <param name="IsEpochEnd">Whether this report closes an epoch.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double RunningLoss, double SamplesPerSecond, double? ValidationLoss, bool IsEpochEnd)
{
    /// <summary>Gets, at an epoch's end, the figure of <see cref="TrainingHooks.ValidationMetric"/> (higher is better), or null.</summary>
    public double? ValidationMetric { get; init; }

    /// <summary>
    /// Gets, in the one report that ends training (after the last epoch's, not itself an epoch's end), the epoch whose
    /// weights the model keeps: the best on validation, 0 when the initial weights won, or the last epoch without
    /// validation data; null in every other report.
    /// </summary>
    public int? KeptEpoch { get; init; }

    /// <summary>Gets the time since this training run began.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>
    /// Gets the estimated time left: the batches of the planned epochs still to run at the pace so far (an epoch's
    /// validation pass counts in the pace; early stopping can end sooner); zero in the report that ends training; null
    /// before the first batch or from a trainer that reports only its completed fraction.
    /// </summary>
    public TimeSpan? Remaining { get; init; }
}
