namespace MovieRec.Evaluation;

/// <summary>The results of one model in an experiment: quality metrics and speed, each summarised over the repetitions.</summary>
public sealed class ModelResult
{
    internal ModelResult(string model, Dictionary<string, List<double>> values, List<double> trainingSeconds, List<double> predictionsPerSecond)
    {
        Model = model;
        Values = values.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)[.. p.Value]);
        Metrics = values.ToDictionary(p => p.Key, p => MetricSummary.Of(p.Value));
        TrainingSeconds = MetricSummary.Of(trainingSeconds);
        PredictionsPerSecond = MetricSummary.Of(predictionsPerSecond);
    }

    /// <summary>Model name, for example <c>mf</c>.</summary>
    public string Model { get; }

    /// <summary>Quality metrics by name (see <see cref="ExperimentReport.MetricNames"/>); a metric that does not apply to the model is absent.</summary>
    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; }

    /// <summary>
    /// Gets each quality metric's value per repetition, in the order the repetitions ran: seeds from the first, or the
    /// folds u1 to u5 of <see cref="EvaluationProtocol.MovieLens100KFolds"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Values { get; }

    /// <summary>Wall-clock training time in seconds.</summary>
    public MetricSummary TrainingSeconds { get; }

    /// <summary>Scored (user, movie) pairs per second on the test pairs, through the batched predict call.</summary>
    public MetricSummary PredictionsPerSecond { get; }
}
