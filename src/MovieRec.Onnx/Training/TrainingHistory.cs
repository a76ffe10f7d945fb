namespace MovieRec.Onnx.Training;

/// <summary>Loss and validation history of a training run, for plots and reports.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochSummary> _epochs;

    internal TrainingHistory(IEnumerable<EpochSummary> epochs)
    {
        _epochs = [.. epochs];
    }

    /// <summary>Gets one summary per finished epoch.</summary>
    public IReadOnlyList<EpochSummary> Epochs => _epochs;

    /// <summary>Gets the training loss of each epoch.</summary>
    public IReadOnlyList<double> TrainingLosses => _epochs.Select(e => e.TrainingLoss).ToArray();

    /// <summary>Gets the validation loss of each epoch (empty without validation data).</summary>
    public IReadOnlyList<double> ValidationLosses => _epochs.Where(e => e.ValidationLoss.HasValue).Select(e => e.ValidationLoss!.Value).ToArray();

    /// <summary>Gets the epoch (from 1) with the lowest validation loss (or the highest validation metric), or 0 without validation data (or when the initial weights won, see <see cref="TrainingHooks.InitialWeightsCompete"/>).</summary>
    public int BestEpoch { get; internal set; }

    /// <summary>Gets the figure of <see cref="TrainingHooks.ValidationMetric"/> at <see cref="BestEpoch"/>, or null without one.</summary>
    public double? BestValidationMetric { get; internal set; }

    /// <summary>Gets a value indicating whether early stopping ended the run.</summary>
    public bool StoppedEarly { get; internal set; }

    internal void Add(EpochSummary summary) => _epochs.Add(summary);
}
