using MovieRec.Data;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models.Ncf;

/// <summary>
/// Trains an NCF model (GMF, MLP or NeuMF) as a deep rating model: the result is a
/// <see cref="DeepRatingModel"/> over the model's <see cref="ModelBundle"/>, so the <c>movierec train</c>
/// command, the recommendation modes and the export treat NCF like the other deep models.
/// </summary>
public sealed class NcfDeepTrainer : DeepRatingTrainer
{
    private readonly NcfTrainer _trainer;

    internal NcfDeepTrainer(NcfTrainer trainer)
    {
        _trainer = trainer;
    }

    /// <inheritdoc/>
    public override string Name => _trainer.Name;

    /// <inheritdoc/>
    public override DeepTrainingOptions Training => Options.Training;

    /// <inheritdoc/>
    public override bool LearnsRanking => Options.Task == NcfTask.Implicit;

    /// <summary>Gets the options of the NCF model.</summary>
    public NcfOptions Options => _trainer.Options;

    /// <summary>Creates the trainer for <see cref="DeepModelCatalog"/> settings.</summary>
    /// <param name="options">The NCF options to start from.</param>
    /// <param name="settings">The change to the training options.</param>
    /// <returns>The trainer.</returns>
    public static NcfDeepTrainer Create(NcfOptions options, DeepTrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        var o = options with { Training = settings.Training(options.Training) };
        return new NcfDeepTrainer(NcfCatalog.Create(o));
    }

    /// <inheritdoc/>
    public override DeepRatingModel Fit(RecommendationDataset dataset, RatingsTable train, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(train);
        var fraction = progress is null ? null : new EpochProgress(progress);
        using var model = _trainer.Fit(train, fraction, cancellationToken);
        return DeepRatingModel.Create(model.ToBundle(dataset, train), Options.SessionOptions());
    }

    /// <inheritdoc/>
    public override DeepRatingTrainer WithSeed(int seed) => new NcfDeepTrainer(NcfCatalog.Create(Options with { Training = Options.Training with { Seed = seed } }));

    private sealed class EpochProgress(IProgress<TrainingProgress> sink) : IProgress<double>
    {
        private const int Steps = 1000;

        public void Report(double value) =>
            sink.Report(new TrainingProgress(1, 1, Math.Clamp((int)Math.Round(value * Steps), 0, Steps), Steps, 0, 0, null, value >= 1));
    }
}
