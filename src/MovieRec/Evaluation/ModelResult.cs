namespace MovieRec.Evaluation;

/// <summary>The results of one model in an experiment: quality metrics and speed, each summarised over the repetitions.</summary>
public sealed class ModelResult
{
    internal ModelResult(string model, IReadOnlyDictionary<string, MetricSummary> metrics, MetricSummary trainingSeconds, MetricSummary predictionsPerSecond)
    {
        Model = model;
        Metrics = metrics;
        TrainingSeconds = trainingSeconds;
        PredictionsPerSecond = predictionsPerSecond;
    }

    /// <summary>Model name, for example <c>mf</c>.</summary>
    public string Model { get; }

    /// <summary>Quality metrics by name (see <see cref="ExperimentReport.MetricNames"/>); a metric that does not apply to the model is absent.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; }

    /// <summary>Wall-clock training time in seconds.</summary>
    public MetricSummary TrainingSeconds { get; }

    /// <summary>Scored (user, movie) pairs per second on the test pairs, through the batched predict call.</summary>
    public MetricSummary PredictionsPerSecond { get; }
}
