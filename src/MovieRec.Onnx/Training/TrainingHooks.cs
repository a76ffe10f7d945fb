namespace MovieRec.Onnx.Training;

/// <summary>
/// What a model adds to <see cref="Trainer.Fit(TrainingData, TrainingHooks, IProgress{TrainingProgress}?, CancellationToken)"/>
/// beyond plain epochs over fixed rows: rows that change every epoch (new negatives) and a validation
/// figure where higher is better (such as NDCG@10 of a held-out ranking).
/// </summary>
/// <remarks>The loop itself (shuffling, learning-rate schedule, the non-finite-loss check, weight
/// averaging, the best epoch, early stopping, progress) stays the trainer's.</remarks>
public sealed class TrainingHooks
{
    /// <summary>
    /// Gets the callback that fills the row order of a zero-based epoch before it starts, after changing the
    /// training rows in place when the model resamples them (negatives drawn anew each epoch); null
    /// (default) shuffles the rows from <see cref="DeepTrainingOptions.Seed"/> and the epoch.
    /// </summary>
    public Action<int, int[]>? PrepareEpoch { get; init; }

    /// <summary>
    /// Gets the validation figure computed from the trainer's current weights after every epoch, higher is
    /// better; it chooses the best epoch and drives early stopping in place of the validation loss. Null
    /// (default): the validation loss decides, when validation rows are given.
    /// </summary>
    public Func<Trainer, double>? ValidationMetric { get; init; }

    /// <summary>
    /// Gets a value indicating whether the weights before the first epoch compete with the epochs'
    /// weights (best epoch 0 keeps them), for fine-tuning pre-trained weights; needs <see cref="ValidationMetric"/>.
    /// </summary>
    public bool InitialWeightsCompete { get; init; }
}
