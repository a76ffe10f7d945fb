using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Onnx.Models.SeqCnn;

namespace MovieRec.Onnx.Models;

/// <summary>
/// The deep rating models by name, for the <c>movierec train --model NAME</c> command and for
/// scripts: each name maps to a factory that turns <see cref="DeepTrainingSettings"/> into a trainer.
/// </summary>
public static class DeepModelCatalog
{
    private static readonly Dictionary<string, Func<DeepTrainingSettings, DeepRatingTrainer>> s_factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lstm-cnn"] = settings => RatingCnnTrainer.Create(RatingCnn(RatingCnnVariant.LstmCnn, settings)),
        ["text-cnn"] = settings => RatingCnnTrainer.Create(RatingCnn(RatingCnnVariant.TextCnn, settings)),
        [LikeMlpTrainer.ModelName] = settings => LikeMlpTrainer.Create(LikeMlp(settings)),
        [SeqCnnTrainer.ModelName] = settings => SeqCnnTrainer.Create(SeqCnn(settings)),
    };

    private static readonly Lock s_lock = new();

    /// <summary>The registered model names.</summary>
    public static IReadOnlyList<string> ModelNames
    {
        get
        {
            lock (s_lock)
            {
                return [.. s_factories.Keys];
            }
        }
    }

    /// <summary>Creates the trainer of a model.</summary>
    /// <param name="name">A name of <see cref="ModelNames"/> (case-insensitive).</param>
    /// <param name="settings">Settings; null keeps the model's paper settings.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known ones).</exception>
    public static DeepRatingTrainer Create(string name, DeepTrainingSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Func<DeepTrainingSettings, DeepRatingTrainer>? factory;
        lock (s_lock)
        {
            s_factories.TryGetValue(name, out factory);
        }

        return factory is null
            ? throw new ArgumentException($"Unknown model '{name}'; expected one of {string.Join(", ", ModelNames)}.", nameof(name))
            : factory(settings ?? new DeepTrainingSettings());
    }

    /// <summary>Adds (or replaces) a model.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="factory">Turns settings into a trainer.</param>
    public static void Register(string name, Func<DeepTrainingSettings, DeepRatingTrainer> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        lock (s_lock)
        {
            s_factories[name] = factory;
        }
    }

    /// <summary>
    /// Registers the rating CNNs with <see cref="TrainerRegistry"/>, so the experiment runner and
    /// <c>movierec evaluate</c> compare them with the classical models on the same splits: <c>lstm-cnn</c>
    /// and <c>text-cnn</c> (the papers' settings) and <c>lstm-cnn-tuned</c>, <c>text-cnn-tuned</c>
    /// (<see cref="RatingCnnOptions.Tuned"/>), and the like/dislike classifier <c>like-mlp</c> and <c>like-mlp-tuned</c>
    /// (<see cref="LikeMlpOptions.Tuned"/>), and the sequence CNN <c>seq-cnn</c>, <c>seq-cnn-tuned</c> (<see cref="SeqCnnOptions.Tuned"/>) and <c>seq-cnn-blend</c>
    /// (the tuned model, ubcf and ibcf blended by weights fitted on a validation slice, <see cref="BlendTrainer"/>). They need the dataset's features, so run them with
    /// <see cref="ExperimentRunner.Run(RecommendationDataset, IReadOnlyList{IRatingTrainer}, ExperimentOptions, IProgress{ExperimentProgress}?, CancellationToken)"/>.
    /// Safe to call more than once.
    /// </summary>
    public static void RegisterRatingModels()
    {
        foreach (var variant in new[] { RatingCnnVariant.LstmCnn, RatingCnnVariant.TextCnn })
        {
            string name = new RatingCnnOptions { Variant = variant }.ModelName;
            TrainerRegistry.Register(name, () => RatingCnnTrainer.Create(RatingCnn(variant, new DeepTrainingSettings())));
            TrainerRegistry.Register(name + "-tuned", () => RatingCnnTrainer.Create(RatingCnn(variant, new DeepTrainingSettings { Tuned = true }) with { Name = name + "-tuned" }));
        }

        TrainerRegistry.Register(LikeMlpTrainer.ModelName, () => LikeMlpTrainer.Create());
        TrainerRegistry.Register(LikeMlpTrainer.ModelName + "-tuned", () => LikeMlpTrainer.Create(LikeMlpOptions.Tuned()));
        TrainerRegistry.Register(SeqCnnTrainer.ModelName, () => SeqCnnTrainer.Create());
        TrainerRegistry.Register(SeqCnnTrainer.ModelName + "-tuned", () => SeqCnnTrainer.Create(SeqCnnOptions.Tuned()));
        TrainerRegistry.Register(SeqCnnTrainer.ModelName + "-blend", () => BaselineCatalog.Blend(
            SeqCnnTrainer.ModelName + "-blend", SeqCnnTrainer.Create(SeqCnnOptions.Tuned()), BaselineCatalog.UserKnn(), BaselineCatalog.ItemKnn()));
    }

    /// <summary>The sequence CNN's options with the settings applied.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The options.</returns>
    public static SeqCnnOptions SeqCnn(DeepTrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var o = settings.Tuned ? SeqCnnOptions.Tuned() : new SeqCnnOptions();
        return o with { UseBiases = settings.UseBiases ?? o.UseBiases, Training = settings.Training(o.Training) };
    }

    /// <summary>The like/dislike MLP's options with the settings applied.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The options.</returns>
    public static LikeMlpOptions LikeMlp(DeepTrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var o = settings.Tuned ? LikeMlpOptions.Tuned() : new LikeMlpOptions();
        return o with { UseBiases = settings.UseBiases ?? o.UseBiases, Training = settings.Training(o.Training) };
    }

    /// <summary>The CNN options for a variant with the settings applied.</summary>
    /// <param name="variant">LSTM-CNN or text-CNN.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The options.</returns>
    public static RatingCnnOptions RatingCnn(RatingCnnVariant variant, DeepTrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var o = settings.Tuned ? RatingCnnOptions.Tuned(variant) : new RatingCnnOptions { Variant = variant };
        return o with { UseBiases = settings.UseBiases ?? o.UseBiases, Training = settings.Training(o.Training) };
    }
}
