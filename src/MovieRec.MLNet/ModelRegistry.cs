using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Content;
using MovieRec.Evaluation;
using MovieRec.Onnx.Content;
using MovieRec.Onnx.Export;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Onnx.Models.SeqCnn;
using MovieRec.Onnx.Training;

namespace MovieRec.MLNet;

/// <summary>
/// The one table of MovieRec's models by name, read through <see cref="MovieRecCatalog"/>: every name the library,
/// <c>movierec evaluate</c> and <c>movierec train</c> accept, each mapped to a factory that turns
/// <see cref="DeepTrainingSettings"/> into a trainer, whether that trainer's models go into a model bundle, and the
/// settings <c>movierec tune</c> searches for it (<see cref="Evaluation.SearchSpace"/>), if any.
/// </summary>
/// <remarks>Thread-safe. A name registered again replaces its factory.</remarks>
internal static class ModelRegistry
{
    private static readonly Lock s_lock = new();
    private static readonly Dictionary<string, Entry> s_entries = new(StringComparer.OrdinalIgnoreCase);
    private static readonly List<string> s_order = [];

    static ModelRegistry()
    {
        foreach (string name in BaselineCatalog.ModelNames)
        {
            Add(name, _ => BaselineCatalog.FromName(name), BaselineBundleTrainer.ModelNames.Contains(name));
        }

        foreach (var variant in new[] { RatingCnnVariant.LstmCnn, RatingCnnVariant.TextCnn })
        {
            string name = new RatingCnnOptions { Variant = variant }.ModelName;
            Add(name, s => RatingCnnTrainer.Create(RatingCnn(variant, s)), bundles: true);
            Add(name + "-tuned", s => RatingCnnTrainer.Create(RatingCnn(variant, s with { Tuned = true }) with { Name = name + "-tuned" }), bundles: true);
        }

        foreach (string name in NcfCatalog.ModelNames)
        {
            Add(name, s => NcfCatalog.FromName(name, s), bundles: true);
        }

        Add(LikeMlpTrainer.ModelName, s => LikeMlpTrainer.Create(LikeMlp(s)), bundles: true);
        Add(LikeMlpTrainer.ModelName + "-tuned", s => LikeMlpTrainer.Create(LikeMlp(s with { Tuned = true })), bundles: true);
        foreach (string name in LikeClassifierTrainer.ModelNames)
        {
            Add(name, _ => LikeClassifierTrainer.FromName(name), bundles: false);
        }

        // Members chosen on the blend's validation slice of the training ratings (report RatingBlendSelection): the tuned
        // MLP, SDCA and FastTree, with the bias model's and item-based CF's predicted ratings as two more features.
        Add(LikeClassifierTrainer.BlendName, s => BaselineCatalog.Blend(
            LikeClassifierTrainer.BlendName,
            LikeMlpTrainer.Create(LikeMlp(s with { Tuned = true })),
            LikeClassifierTrainer.FromName("sdca"),
            LikeClassifierTrainer.FromName("fasttree"),
            BaselineCatalog.Biases(),
            BaselineCatalog.ItemKnn()), bundles: false);

        Add(SeqCnnTrainer.ModelName, s => SeqCnnTrainer.Create(SeqCnn(s)), bundles: true);
        Add(SeqCnnTrainer.ModelName + "-tuned", s => SeqCnnTrainer.Create(SeqCnn(s with { Tuned = true })), bundles: true);
        // Members chosen on the blend's validation slice of the training ratings (report RatingBlendSelection): two
        // tuned sequence CNNs of different seeds, the tuned text-CNN, the bias model and item-based CF.
        Add(SeqCnnTrainer.ModelName + "-blend", s => BaselineCatalog.Blend(
            SeqCnnTrainer.ModelName + "-blend",
            SeqCnnTrainer.Create(SeqCnn(s with { Tuned = true })),
            SeqCnnTrainer.Create(SeqCnn(s with { Tuned = true, Training = t => SeedOffset(s.Training(t), 100) })),
            RatingCnnTrainer.Create(RatingCnn(RatingCnnVariant.TextCnn, s with { Tuned = true }) with { Name = "text-cnn-tuned" }),
            BaselineCatalog.Biases(),
            BaselineCatalog.ItemKnn()), bundles: false);

        Add("content", _ => ContentCatalog.Content(ContentCatalog.DefaultEncoder), bundles: false);
        Add("content-tfidf", _ => ContentCatalog.Content(new ContentOptions { Name = "content-tfidf" }), bundles: false);
        Add("content-tags", _ => ContentCatalog.Content(new ContentOptions { Name = "content-tags", Encoder = ContentCatalog.DefaultEncoder, Sources = ContentSources.All }), bundles: false);
        // One hybrid per situation: its content weights are chosen on the protocol it will face, carved from the training ratings.
        Add("hybrid", _ => ContentCatalog.Hybrid(encoder: ContentCatalog.DefaultEncoder), bundles: false);
        Add("hybrid-warm", _ => Hybrid("hybrid-warm", EvaluationProtocol.LeaveOneOut99), bundles: false);
        Add("hybrid-cold", _ => Hybrid("hybrid-cold", EvaluationProtocol.ColdItems), bundles: false);

        foreach (var space in BaselineSearchSpaces.All.Concat(DeepSearchSpaces.All))
        {
            s_entries[space.Model] = s_entries[space.Model] with { Space = space };
        }
    }

    /// <summary>Gets every name, in the order they were added: the classical models first.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (s_lock)
            {
                return [.. s_order];
            }
        }
    }

    /// <summary>Gets the names whose trainers produce model bundles (<c>movierec train</c>, export).</summary>
    public static IReadOnlyList<string> BundleNames
    {
        get
        {
            lock (s_lock)
            {
                return [.. s_order.Where(n => s_entries[n].Bundles)];
            }
        }
    }

    /// <summary>Gets the names that have a search space (<c>movierec tune</c>).</summary>
    public static IReadOnlyList<string> TunableNames
    {
        get
        {
            lock (s_lock)
            {
                return [.. s_order.Where(n => s_entries[n].Space is not null)];
            }
        }
    }

    public static SearchSpace FindSearchSpace(string name) =>
        Find(name).Space ?? throw new ArgumentException($"Model '{name.Trim()}' has no search space; the models that can be tuned are {string.Join(", ", TunableNames)}.", nameof(name));

    public static void Register(string name, Func<DeepTrainingSettings, IRatingTrainer> factory, bool bundles, SearchSpace? space = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (name.Contains(',', StringComparison.Ordinal) || name.Trim() != name)
        {
            throw new ArgumentException($"Model name '{name}' is invalid; expected no commas and no surrounding spaces.", nameof(name));
        }

        if (space is not null && !string.Equals(space.Model, name, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Search space of '{space.Model}' given for model '{name}'; expected the model's own.", nameof(space));
        }

        Add(name, factory, bundles, space);
    }

    public static IRatingTrainer Create(string name, DeepTrainingSettings? settings) =>
        Find(name).Create(settings ?? new DeepTrainingSettings());

    public static BundleTrainer CreateBundleTrainer(string name, DeepTrainingSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(name);
        settings ??= new DeepTrainingSettings();
        string key = name.Trim();
        Entry? entry;
        lock (s_lock)
        {
            s_entries.TryGetValue(key, out entry);
        }

        if (entry is null)
        {
            throw new ArgumentException($"Unknown model '{name}'; expected one of {string.Join(", ", BundleNames)}.", nameof(name));
        }

        if (BaselineCatalog.ModelNames.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            // The classical models bundle through their ONNX export; the bundle trainer says why the others cannot.
            return BaselineBundleTrainer.Create(key, settings.Training(new DeepTrainingOptions()).Seed);
        }

        return entry.Bundles && entry.Create(settings) is BundleTrainer deep
            ? deep
            : throw new ArgumentException($"Model '{key}' is trained by the library and evaluate, not into a model bundle; the models that bundle are {string.Join(", ", BundleNames)}.", nameof(name));
    }

    private static Entry Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (s_lock)
        {
            if (s_entries.TryGetValue(name.Trim(), out var entry))
            {
                return entry;
            }
        }

        throw new ArgumentException($"Unknown model '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
    }

    private static void Add(string name, Func<DeepTrainingSettings, IRatingTrainer> factory, bool bundles, SearchSpace? space = null)
    {
        lock (s_lock)
        {
            if (!s_entries.ContainsKey(name))
            {
                s_order.Add(name);
            }

            s_entries[name] = new Entry(factory, bundles, space);
        }
    }

    private static HybridTrainer Hybrid(string name, EvaluationProtocol validation) =>
        ContentCatalog.Hybrid(ContentCatalog.Hybrid(encoder: ContentCatalog.DefaultEncoder).Options with { Name = name, Validation = validation });

    private static SeqCnnOptions SeqCnn(DeepTrainingSettings settings)
    {
        var o = settings.Tuned ? SeqCnnOptions.Tuned() : new SeqCnnOptions();
        return o with { UseBiases = settings.UseBiases ?? o.UseBiases, Training = settings.Training(o.Training) };
    }

    private static LikeMlpOptions LikeMlp(DeepTrainingSettings settings)
    {
        var o = settings.Tuned ? LikeMlpOptions.Tuned() : new LikeMlpOptions();
        return o with { UseBiases = settings.UseBiases ?? o.UseBiases, Training = settings.Training(o.Training) };
    }

    private static RatingCnnOptions RatingCnn(RatingCnnVariant variant, DeepTrainingSettings settings)
    {
        var o = settings.Tuned ? RatingCnnOptions.Tuned(variant) : new RatingCnnOptions { Variant = variant };
        return o with { UseBiases = settings.UseBiases ?? o.UseBiases, Training = settings.Training(o.Training) };
    }

    private static DeepTrainingOptions SeedOffset(DeepTrainingOptions training, int offset) =>
        training with { Seed = training.Seed + offset };

    private sealed record Entry(Func<DeepTrainingSettings, IRatingTrainer> Create, bool Bundles, SearchSpace? Space);
}
