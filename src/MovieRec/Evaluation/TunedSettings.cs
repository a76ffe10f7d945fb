using System.Text.Json;
using MovieRec.Data;

namespace MovieRec.Evaluation;

/// <summary>
/// The settings a search chose, as <see cref="TuningReport.WriteJson"/> wrote them: the model, where they were chosen and
/// the chosen values by option name. <c>movierec evaluate --settings FILE</c> trains the model with them.
/// </summary>
/// <param name="Model">The model name.</param>
/// <param name="Dataset">The dataset whose validation splits chose them.</param>
/// <param name="Protocol">The protocol whose validation splits chose them.</param>
/// <param name="Metric">The validation metric.</param>
/// <param name="Settings">The chosen settings, by option name.</param>
public sealed record TunedSettings(string Model, string Dataset, EvaluationProtocol Protocol, string Metric, IReadOnlyList<KeyValuePair<string, double>> Settings)
{
    /// <summary>The largest file <see cref="Load"/> reads: 16 MiB, far above any grid's report.</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>Reads the chosen settings of a file written by <see cref="TuningReport.WriteJson"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="IOException">The file cannot be read, or is not a regular file (a device, a pipe, a folder).</exception>
    /// <exception cref="DataFormatException">The file is not a tuning report; the message names the file and what is missing.</exception>
    public static TunedSettings Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        InputFiles.RequireRegular(path, "Tuning report");
        long length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            throw new DataFormatException($"{path}: {length:N0} bytes, more than a tuning report's {MaxBytes:N0}; not a file written by movierec tune.");
        }

        string text = File.ReadAllText(path);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
                ? p.GetString()!
                : throw new DataFormatException($"{path}: not a tuning report written by movierec tune (no \"{name}\" text).");
            if (!root.TryGetProperty("chosen", out var chosen) || chosen.ValueKind != JsonValueKind.Object)
            {
                throw new DataFormatException($"{path}: not a tuning report written by movierec tune (no \"chosen\" settings).");
            }

            var settings = new List<KeyValuePair<string, double>>();
            foreach (var p in chosen.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Number || !double.IsFinite(p.Value.GetDouble()))
                {
                    throw new DataFormatException($"{path}: chosen setting \"{p.Name}\" is {p.Value.GetRawText()}; expected a finite number.");
                }

                settings.Add(KeyValuePair.Create(p.Name, p.Value.GetDouble()));
            }

            string protocolName = Text("protocol");
            if (!EvaluationProtocolNames.All.Contains(protocolName, StringComparer.OrdinalIgnoreCase))
            {
                throw new DataFormatException($"{path}: protocol \"{protocolName}\" is unknown; expected one of {string.Join(", ", EvaluationProtocolNames.All)}.");
            }

            var protocol = EvaluationProtocolNames.Parse(protocolName);
            return new TunedSettings(Text("model"), Text("dataset"), protocol, Text("metric"), settings);
        }
        catch (JsonException e)
        {
            throw new DataFormatException($"{path}: not JSON ({e.Message})", e);
        }
    }
}
