using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Export;

/// <summary>
/// Trains a classical model that has an ONNX form (<c>mean</c>, <c>bias</c>, <c>mf</c>, <c>als</c>, <c>ials</c>,
/// <c>pop</c>, <c>pop-rated</c>) into a <see cref="BundleModel"/> over its bundle, so <c>movierec train</c>
/// saves it, the recommendation commands use it and <c>movierec export</c> writes its ONNX model as for the deep
/// models. The bundle scores exactly as the classical model does (<see cref="BaselineOnnxExporter.ToBundle"/>).
/// </summary>
/// <remarks>
/// The k-NN models (<c>ubcf</c>, <c>ibcf</c>, <c>iknn</c>) predict from neighbours' ratings at query time and have
/// no fixed-size graph, so they cannot be bundled. Only the seed of <see cref="Training"/> means something here: the
/// models' own settings are their option records (for example <see cref="MatrixFactorizationOptions"/>).
/// </remarks>
public sealed class BaselineBundleTrainer : BundleTrainer
{
    private readonly string _name;
    private readonly IRatingTrainer _trainer;

    private BaselineBundleTrainer(string name, int seed)
    {
        _name = name;
        Training = new DeepTrainingOptions { Seed = seed };
        var trainer = BaselineCatalog.FromName(name);
        _trainer = trainer is IReseedableTrainer seeded ? seeded.WithSeed(seed) : trainer;
    }

    /// <summary>The names of the classical models that can be bundled.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = ["mean", "bias", "mf", "als", "ials", "pop", "pop-rated"];

    /// <inheritdoc/>
    public override string Name => _name;

    /// <inheritdoc/>
    /// <remarks>Only <see cref="DeepTrainingOptions.Seed"/> is used (by <c>mf</c>, <c>als</c> and <c>ials</c>).</remarks>
    public override DeepTrainingOptions Training { get; }

    /// <inheritdoc/>
    public override PredictionKind Predicts => _name is "ials" or "pop" ? PredictionKind.Ranking : PredictionKind.Rating;

    /// <inheritdoc/>
    public override bool HasTrainingOptions => false;

    /// <summary>Creates the trainer of a classical model of <see cref="ModelNames"/>.</summary>
    /// <param name="name">The model name (case-insensitive).</param>
    /// <param name="seed">The seed of the models that draw random numbers (mf, als, ials).</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">The model has no ONNX form or is unknown (the message says which).</exception>
    public static BaselineBundleTrainer Create(string name, int seed = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string key = name.Trim().ToLowerInvariant();
        if (!ModelNames.Contains(key))
        {
            string why = key == "majority"
                ? $"'{name}' is a reference line for like/dislike classifiers (one constant probability), not a model to bundle"
                : BaselineCatalog.ModelNames.Contains(key)
                ? $"'{name}' predicts from neighbours' ratings at query time and has no ONNX form, so it cannot be bundled"
                : $"Unknown model '{name}'";
            throw new ArgumentException($"{why}; the classical models that can be are {string.Join(", ", ModelNames)}.", nameof(name));
        }

        return new BaselineBundleTrainer(key, seed);
    }

    /// <inheritdoc/>
    public override BundleModel Fit(RecommendationDataset dataset, RatingsTable train, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        PredictorChecks.CheckTrainingRatings(train, nameof(train));
        var model = _trainer.Fit(dataset, train, AsFraction(progress), cancellationToken);
        return BundleModel.Create(BaselineOnnxExporter.ToBundle(model, dataset, train));
    }

    /// <inheritdoc/>
    public override BundleTrainer WithSeed(int seed) => new BaselineBundleTrainer(_name, seed);
}
