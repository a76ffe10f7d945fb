using System.Globalization;
using MovieRec.Abstractions;

namespace MovieRec.Evaluation;

/// <summary>One point of a settings search: the settings by name, and the trainer they configure.</summary>
/// <param name="Settings">The searched settings, by option name (for example <c>Lambda</c> = 250), in a stable order.</param>
/// <param name="Trainer">The trainer with those settings.</param>
public sealed record TuningCandidate(IReadOnlyList<KeyValuePair<string, double>> Settings, IRatingTrainer Trainer)
{
    /// <summary>Gets the settings as one line, for example <c>Lambda=250 NumberOfNeighbours=50</c>.</summary>
    public string Label => Settings.Count == 0
        ? "(defaults)"
        : string.Join(' ', Settings.Select(s => s.Key + "=" + s.Value.ToString("G", CultureInfo.InvariantCulture)));
}
