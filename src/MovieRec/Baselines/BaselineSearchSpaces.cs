using MovieRec.Abstractions;
using MovieRec.Evaluation;

namespace MovieRec.Baselines;

/// <summary>
/// The settings <c>movierec tune</c> searches for each classical model, and the one way a trainer is built from named
/// settings (<see cref="Create"/>), which the search and <c>evaluate --settings</c> share. Each setting is named as its
/// options record names it; a setting left out keeps that record's default.
/// </summary>
public static class BaselineSearchSpaces
{
    private static readonly Space[] s_spaces =
    [
        new("ease", [("Lambda", [25, 50, 100, 250, 500, 1000, 2000])], get =>
            BaselineCatalog.Ease(new EaseOptions { Lambda = get("Lambda", EaseOptions.Defaults.Lambda) })),
        new("bpr", [("ApproximationRank", [64, 128, 256]), ("Lambda", [0.001, 0.01, 0.05]), ("NumberOfIterations", [100, 200, 400])], get =>
            BaselineCatalog.Bpr(new BprOptions
            {
                ApproximationRank = (int)get("ApproximationRank", BprOptions.Defaults.ApproximationRank),
                Lambda = get("Lambda", BprOptions.Defaults.Lambda),
                NumberOfIterations = (int)get("NumberOfIterations", BprOptions.Defaults.NumberOfIterations),
            })),

        // An unobserved cell weighs 1 against 1 + α·r for an observed one: searching α searches the unobserved weight.
        new("ials", [("ApproximationRank", [32, 64, 128]), ("Lambda", [10, 20, 40]), ("Alpha", [0.1, 0.25, 0.5, 1, 2])], get =>
            BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions
            {
                LossFunction = MatrixFactorizationLoss.SquareLossOneClass,
                ApproximationRank = (int)get("ApproximationRank", AlternatingLeastSquaresOptions.Defaults.ApproximationRank),
                Lambda = get("Lambda", AlternatingLeastSquaresOptions.Defaults.OneClassLambda),
                Alpha = get("Alpha", AlternatingLeastSquaresOptions.Defaults.Alpha),
            })),
        new("iknn", [("NumberOfNeighbours", [10, 25, 50, 100, 200, 400]), ("Shrinkage", [0, 5, 20, 100])], get =>
            BaselineCatalog.ImplicitItemKnn(new ImplicitItemKnnOptions
            {
                NumberOfNeighbours = (int)get("NumberOfNeighbours", ImplicitItemKnnOptions.Defaults.NumberOfNeighbours),
                Shrinkage = get("Shrinkage", ImplicitItemKnnOptions.Defaults.Shrinkage),
            })),
        new("mf", [("ApproximationRank", [50, 100, 200]), ("Lambda", [0.02, 0.05, 0.1])], get =>
            BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions
            {
                ApproximationRank = (int)get("ApproximationRank", MatrixFactorizationOptions.Defaults.ApproximationRank),
                Lambda = get("Lambda", MatrixFactorizationOptions.Defaults.Lambda),
            })),
        new("als", [("ApproximationRank", [16, 32, 64]), ("Lambda", [0.05, 0.1, 0.2])], get =>
            BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions
            {
                ApproximationRank = (int)get("ApproximationRank", AlternatingLeastSquaresOptions.Defaults.ApproximationRank),
                Lambda = get("Lambda", AlternatingLeastSquaresOptions.Defaults.RegressionLambda),
            })),
        new("pop", [], _ => BaselineCatalog.Popularity()),
    ];

    /// <summary>Gets the models with a search space.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = [.. s_spaces.Select(s => s.Name)];

    /// <summary>The candidates of one model: every combination of its grid, in search order.</summary>
    /// <param name="name">A name of <see cref="ModelNames"/>, case-insensitive.</param>
    /// <returns>The candidates.</returns>
    /// <exception cref="ArgumentException">The model has no search space.</exception>
    public static IReadOnlyList<TuningCandidate> For(string name)
    {
        var space = Find(name);
        IEnumerable<KeyValuePair<string, double>[]> combinations = [[]];
        foreach (var (key, values) in space.Grid)
        {
            combinations = combinations.SelectMany(c => values.Select(v => (KeyValuePair<string, double>[])[.. c, KeyValuePair.Create(key, v)]));
        }

        return [.. combinations.Select(c => new TuningCandidate(c, Build(space, c)))];
    }

    /// <summary>The trainer of a model with the given settings; settings left out keep their defaults.</summary>
    /// <param name="name">A name of <see cref="ModelNames"/>, case-insensitive.</param>
    /// <param name="settings">Settings by option name, as <see cref="TuningCandidate.Settings"/> names them.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">The model has no search space, or a setting is not one of its.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its option's range.</exception>
    public static IRatingTrainer Create(string name, IEnumerable<KeyValuePair<string, double>> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Build(Find(name), settings);
    }

    private static IRatingTrainer Build(Space space, IEnumerable<KeyValuePair<string, double>> settings)
    {
        var given = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            if (!space.Grid.Any(g => g.Key == key))
            {
                string known = space.Grid.Length == 0 ? "none" : string.Join(", ", space.Grid.Select(g => g.Key));
                throw new ArgumentException($"'{key}' is not a setting of {space.Name}; its settings are {known}.", nameof(settings));
            }

            given[key] = value;
        }

        return space.Make((key, fallback) => given.TryGetValue(key, out double v) ? v : fallback);
    }

    private static Space Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return s_spaces.FirstOrDefault(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Model '{name}' has no search space; the models that can be tuned are {string.Join(", ", ModelNames)}.", nameof(name));
    }

    private sealed record Space(string Name, (string Key, double[] Values)[] Grid, Func<Func<string, double, double>, IRatingTrainer> Make);
}
