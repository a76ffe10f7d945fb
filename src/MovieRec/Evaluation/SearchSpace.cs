using MovieRec.Abstractions;

namespace MovieRec.Evaluation;

/// <summary>
/// The settings <c>movierec tune</c> searches for one model, and the one way a trainer of that model is built from named
/// settings, which the search and <c>evaluate --settings</c> share. Each setting is named as the model's options record
/// names it (a training setting as <c>Training.WeightDecay</c>); a setting left out keeps the model's preset.
/// </summary>
/// <remarks>Thread-safe: a space holds no state beyond its grid.</remarks>
public sealed class SearchSpace
{
    private readonly Func<Func<string, double, double>, IRatingTrainer> _create;

    /// <summary>Initializes a new instance of the <see cref="SearchSpace"/> class.</summary>
    /// <param name="model">The model's name, as the table of models knows it.</param>
    /// <param name="grid">The settings searched, each with the values tried, in search order; may be empty (the preset alone).</param>
    /// <param name="create">Builds the trainer: it is given a lookup of a setting by name with the preset's value as fallback.</param>
    /// <exception cref="ArgumentException">A name is blank, a setting appears twice, or a setting has no value to try.</exception>
    public SearchSpace(string model, IReadOnlyList<(string Setting, double[] Values)> grid, Func<Func<string, double, double>, IRatingTrainer> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(create);
        foreach (var (setting, values) in grid)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(setting, nameof(grid));
            if (values is null || values.Length == 0 || values.Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"Setting '{setting}' of {model} has no values to try or a value that is not finite; expected finite values.", nameof(grid));
            }

            if (grid.Count(g => g.Setting == setting) > 1)
            {
                throw new ArgumentException($"Setting '{setting}' of {model} appears twice in the grid; expected each setting once.", nameof(grid));
            }
        }

        Model = model;
        Grid = [.. grid.Select(g => (g.Setting, (IReadOnlyList<double>)[.. g.Values]))];
        _create = create;
    }

    /// <summary>Gets the model's name.</summary>
    public string Model { get; }

    /// <summary>Gets the settings searched and the values tried for each, in search order.</summary>
    public IReadOnlyList<(string Setting, IReadOnlyList<double> Values)> Grid { get; }

    /// <summary>Gets the preset's value of each setting of the grid: what a setting left out keeps.</summary>
    public IReadOnlyDictionary<string, double> Preset
    {
        get
        {
            var preset = new Dictionary<string, double>(StringComparer.Ordinal);
            _create((key, fallback) => preset[key] = fallback);
            return preset;
        }
    }

    /// <summary>Gets the number of candidates: the product of the numbers of values.</summary>
    public int Count => Grid.Aggregate(1, (n, g) => n * g.Values.Count);

    /// <summary>The candidates: every combination of the grid, in search order (the last setting varies fastest).</summary>
    /// <returns>The candidates, each with its trainer.</returns>
    public IReadOnlyList<TuningCandidate> Candidates()
    {
        IEnumerable<KeyValuePair<string, double>[]> combinations = [[]];
        foreach (var (setting, values) in Grid)
        {
            combinations = combinations.SelectMany(c => values.Select(v => (KeyValuePair<string, double>[])[.. c, KeyValuePair.Create(setting, v)]));
        }

        return [.. combinations.Select(c => new TuningCandidate(c, Create(c)))];
    }

    /// <summary>The trainer with the given settings; settings left out keep the preset's values.</summary>
    /// <param name="settings">Settings by name, as <see cref="TuningCandidate.Settings"/> names them.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">A setting is not one of this space's.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its option's range.</exception>
    public IRatingTrainer Create(IEnumerable<KeyValuePair<string, double>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var given = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            if (!Grid.Any(g => g.Setting == key))
            {
                string known = Grid.Count == 0 ? "none" : string.Join(", ", Grid.Select(g => g.Setting));
                throw new ArgumentException($"'{key}' is not a setting of {Model}; its settings are {known}.", nameof(settings));
            }

            given[key] = value;
        }

        return _create((key, fallback) => given.TryGetValue(key, out double v) ? v : fallback);
    }
}
