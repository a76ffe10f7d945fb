namespace MovieRec.Evaluation;

/// <summary>Progress of one model in an experiment.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Fraction">Completed fraction of the model's work over all repetitions, 0 to 1.</param>
/// <param name="Stage">What is running, for example "seed 2: training".</param>
public readonly record struct ExperimentProgress(string Model, double Fraction, string Stage)
{
    /// <summary>Gets the time this model has taken so far (its training and evaluation, over the repetitions).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Gets the estimated time this model still needs at its pace so far, or null before it has any.</summary>
    public TimeSpan? Remaining => Fraction > 0 && Elapsed > TimeSpan.Zero ? Elapsed * ((1 - Math.Min(1, Fraction)) / Fraction) : null;
}
