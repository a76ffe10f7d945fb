using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MovieRec.Evaluation;

/// <summary>The comparison table of an experiment: one <see cref="ModelResult"/> per model.</summary>
public sealed class ExperimentReport
{
    internal ExperimentReport(string datasetName, EvaluationProtocol protocol, int repetitions, IReadOnlyList<string> metricNames, IReadOnlyList<ModelResult> models)
    {
        DatasetName = datasetName;
        Protocol = protocol;
        Repetitions = repetitions;
        MetricNames = metricNames;
        Models = models;
    }

    /// <summary>Dataset name.</summary>
    public string DatasetName { get; }

    /// <summary>The protocol.</summary>
    public EvaluationProtocol Protocol { get; }

    /// <summary>Number of repetitions (seeds or folds) each summary is over.</summary>
    public int Repetitions { get; }

    /// <summary>Names of the quality metrics in column order (union over the models).</summary>
    public IReadOnlyList<string> MetricNames { get; }

    /// <summary>One row per model, in the order the models were given.</summary>
    public IReadOnlyList<ModelResult> Models { get; }

    /// <summary>
    /// Writes the table as CSV (comma-separated, invariant culture, header row): model, then
    /// <c>NAME_mean</c> and <c>NAME_std</c> for every metric, training seconds and predictions per
    /// second. Metrics that do not apply to a model are empty cells.
    /// </summary>
    /// <param name="path">File to create or overwrite.</param>
    public void WriteCsv(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = new StringBuilder();
        var header = new List<string> { "model" };
        foreach (string name in MetricNames.Append("train_seconds").Append("predictions_per_second"))
        {
            header.Add(name + "_mean");
            header.Add(name + "_std");
        }

        text.AppendLine(string.Join(',', header));
        foreach (var row in Models)
        {
            var cells = new List<string> { row.Model };
            foreach (string name in MetricNames)
            {
                if (row.Metrics.TryGetValue(name, out var s))
                {
                    cells.Add(Number(s.Mean));
                    cells.Add(Number(s.StandardDeviation));
                }
                else
                {
                    cells.Add(string.Empty);
                    cells.Add(string.Empty);
                }
            }

            cells.Add(Number(row.TrainingSeconds.Mean));
            cells.Add(Number(row.TrainingSeconds.StandardDeviation));
            cells.Add(Number(row.PredictionsPerSecond.Mean));
            cells.Add(Number(row.PredictionsPerSecond.StandardDeviation));
            text.AppendLine(string.Join(',', cells));
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// Writes the report as JSON: dataset, protocol, repetitions, metric names and per model an object
    /// of <c>{ "mean": ..., "std": ..., "values": [...] }</c> per metric (the values per seed or fold, in order) plus training
    /// seconds and predictions per second.
    /// </summary>
    /// <param name="path">File to create or overwrite.</param>
    public void WriteJson(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("dataset", DatasetName);
        json.WriteString("protocol", EvaluationProtocolNames.NameOf(Protocol));
        json.WriteNumber("repetitions", Repetitions);
        json.WriteStartArray("metrics");
        foreach (string name in MetricNames)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteStartArray("models");
        foreach (var row in Models)
        {
            json.WriteStartObject();
            json.WriteString("model", row.Model);
            foreach (string name in MetricNames)
            {
                if (row.Metrics.TryGetValue(name, out var s))
                {
                    Summary(json, name, s, row.Values[name]);
                }
            }

            Summary(json, "train_seconds", row.TrainingSeconds);
            Summary(json, "predictions_per_second", row.PredictionsPerSecond);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Summary(Utf8JsonWriter json, string name, MetricSummary s, IReadOnlyList<double>? values = null)
    {
        json.WriteStartObject(name);
        json.WriteNumber("mean", s.Mean);
        json.WriteNumber("std", s.StandardDeviation);
        if (values is not null)
        {
            json.WriteStartArray("values");
            foreach (double v in values)
            {
                json.WriteNumberValue(v);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
