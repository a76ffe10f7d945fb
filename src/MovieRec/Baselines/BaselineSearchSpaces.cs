using MovieRec.Abstractions;
using MovieRec.Evaluation;

namespace MovieRec.Baselines;

/// <summary>
/// The <see cref="SearchSpace"/> of each classical model: the settings <c>movierec tune</c> searches. Each setting is
/// named as its options record names it; a setting left out keeps that record's default.
/// </summary>
public static class BaselineSearchSpaces
{
    private static readonly SearchSpace[] s_spaces =
    [
        new SearchSpace("ease", [("Lambda", [25, 50, 100, 250, 500, 1000, 2000])], get =>
            BaselineCatalog.Ease(new EaseOptions { Lambda = get("Lambda", EaseOptions.Defaults.Lambda) })),
        new SearchSpace("bpr", [("ApproximationRank", [64, 128, 256]), ("Lambda", [0.001, 0.01, 0.05]), ("NumberOfIterations", [100, 200, 400])], get =>
            BaselineCatalog.Bpr(new BprOptions
            {
                ApproximationRank = (int)get("ApproximationRank", BprOptions.Defaults.ApproximationRank),
                Lambda = get("Lambda", BprOptions.Defaults.Lambda),
                NumberOfIterations = (int)get("NumberOfIterations", BprOptions.Defaults.NumberOfIterations),
            })),

        // An unobserved cell weighs 1 against 1 + α·r for an observed one: searching α searches the unobserved weight.
        new SearchSpace("ials", [("ApproximationRank", [32, 64, 128]), ("Lambda", [10, 20, 40]), ("Alpha", [0.1, 0.25, 0.5, 1, 2])], get =>
            BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions
            {
                LossFunction = MatrixFactorizationLoss.SquareLossOneClass,
                ApproximationRank = (int)get("ApproximationRank", AlternatingLeastSquaresOptions.Defaults.OneClassApproximationRank),
                Lambda = get("Lambda", AlternatingLeastSquaresOptions.Defaults.OneClassLambda),
                Alpha = get("Alpha", AlternatingLeastSquaresOptions.Defaults.Alpha),
            })),
        new SearchSpace("iknn", [("NumberOfNeighbours", [10, 25, 50, 100, 200, 400]), ("Shrinkage", [0, 5, 20, 100])], get =>
            BaselineCatalog.ImplicitItemKnn(new ImplicitItemKnnOptions
            {
                NumberOfNeighbours = (int)get("NumberOfNeighbours", ImplicitItemKnnOptions.Defaults.NumberOfNeighbours),
                Shrinkage = get("Shrinkage", ImplicitItemKnnOptions.Defaults.Shrinkage),
            })),
        new SearchSpace("mf", [("ApproximationRank", [50, 100, 200]), ("Lambda", [0.02, 0.05, 0.1])], get =>
            BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions
            {
                ApproximationRank = (int)get("ApproximationRank", MatrixFactorizationOptions.Defaults.ApproximationRank),
                Lambda = get("Lambda", MatrixFactorizationOptions.Defaults.Lambda),
            })),
        new SearchSpace("als", [("ApproximationRank", [16, 32, 64]), ("Lambda", [0.05, 0.1, 0.2])], get =>
            BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions
            {
                ApproximationRank = (int)get("ApproximationRank", AlternatingLeastSquaresOptions.Defaults.ApproximationRank),
                Lambda = get("Lambda", AlternatingLeastSquaresOptions.Defaults.RegressionLambda),
            })),
        new SearchSpace("pop", [], _ => BaselineCatalog.Popularity()),
    ];

    /// <summary>Gets the search spaces, one per classical model that can be tuned.</summary>
    public static IReadOnlyList<SearchSpace> All => s_spaces;

    /// <summary>Gets the models with a search space.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = [.. s_spaces.Select(s => s.Model)];

    /// <summary>The candidates of one model: every combination of its grid, in search order.</summary>
    /// <param name="name">A name of <see cref="ModelNames"/>, case-insensitive.</param>
    /// <returns>The candidates.</returns>
    /// <exception cref="ArgumentException">The model has no search space.</exception>
    public static IReadOnlyList<TuningCandidate> For(string name) => Find(name).Candidates();

    /// <summary>The trainer of a model with the given settings; settings left out keep their defaults.</summary>
    /// <param name="name">A name of <see cref="ModelNames"/>, case-insensitive.</param>
    /// <param name="settings">Settings by option name, as <see cref="TuningCandidate.Settings"/> names them.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">The model has no search space, or a setting is not one of its.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its option's range.</exception>
    public static IRatingTrainer Create(string name, IEnumerable<KeyValuePair<string, double>> settings) => Find(name).Create(settings);

    private static SearchSpace Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return s_spaces.FirstOrDefault(s => string.Equals(s.Model, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Model '{name}' has no search space; the models that can be tuned are {string.Join(", ", ModelNames)}.", nameof(name));
    }
}
