namespace MovieRec.Onnx.Models.Ncf;

/// <summary>Creates the Neural Collaborative Filtering trainers: GMF, MLP and NeuMF.</summary>
/// <remarks>
/// Names accepted by <see cref="FromName(string)"/>, each in the model catalog of <c>MovieRec.MLNet</c>: <c>gmf</c>, <c>mlp</c>, <c>neumf</c>
/// (pre-trained from GMF and MLP, α = 0.5), <c>neumf-nopre</c> (random initialisation), each for the
/// implicit task with the paper's settings; <c>gmf-tuned</c>, <c>mlp-tuned</c>, <c>neumf-tuned</c> with
/// <see cref="NcfOptions.Tuned"/>; with a <c>-rating</c> suffix for the rating task.
/// </remarks>
public static class NcfCatalog
{
    /// <summary>The names <see cref="FromName(string)"/> accepts.</summary>
    public static IReadOnlyList<string> ModelNames { get; } =
        ["gmf", "mlp", "neumf", "neumf-nopre", "gmf-tuned", "mlp-tuned", "neumf-tuned", "gmf-rating", "mlp-rating", "neumf-rating", "neumf-nopre-rating"];

    /// <summary>Creates a GMF trainer (rating task: <see cref="NcfOptions.Defaults.RatingEpochs"/> epochs).</summary>
    /// <param name="approximationRank">Predictive factors (embedding size), 1 or more; default 8.</param>
    /// <param name="task">Implicit feedback (default) or rating regression.</param>
    /// <returns>The trainer.</returns>
    public static NcfTrainer Gmf(int approximationRank = NcfOptions.Defaults.ApproximationRank, NcfTask task = NcfOptions.Defaults.Task) =>
        Create(ForTask(task) with { Architecture = NcfArchitecture.Gmf, ApproximationRank = approximationRank });

    /// <summary>Creates an MLP trainer with the tower 8f-4f-2f-f.</summary>
    /// <param name="approximationRank">Predictive factors (last layer), 1 or more; default 8 (tower 64-32-16-8).</param>
    /// <param name="task">Implicit feedback (default) or rating regression.</param>
    /// <returns>The trainer.</returns>
    public static NcfTrainer Mlp(int approximationRank = NcfOptions.Defaults.ApproximationRank, NcfTask task = NcfOptions.Defaults.Task) =>
        Create(ForTask(task) with { Architecture = NcfArchitecture.Mlp, ApproximationRank = approximationRank });

    /// <summary>Creates a NeuMF trainer.</summary>
    /// <param name="approximationRank">Predictive factors, 1 or more; default 8.</param>
    /// <param name="pretrain">Whether to initialise from a trained GMF and MLP (α = 0.5); default true.</param>
    /// <param name="task">Implicit feedback (default) or rating regression.</param>
    /// <returns>The trainer.</returns>
    public static NcfTrainer NeuMF(int approximationRank = NcfOptions.Defaults.ApproximationRank, bool pretrain = NcfOptions.Defaults.Pretrain, NcfTask task = NcfOptions.Defaults.Task) =>
        Create(ForTask(task) with { Architecture = NcfArchitecture.NeuMF, ApproximationRank = approximationRank, Pretrain = pretrain });

    /// <summary>The default options of a task: the rating task trains <see cref="NcfOptions.Defaults.RatingEpochs"/> epochs.</summary>
    private static NcfOptions ForTask(NcfTask task) =>
        task == NcfTask.Rating ? new NcfOptions { Task = task, Training = NcfOptions.Defaults.Training with { Epochs = NcfOptions.Defaults.RatingEpochs } } : new NcfOptions { Task = task };

    /// <summary>Creates a trainer from full options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    public static NcfTrainer Create(NcfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new NcfTrainer(options);
    }

    /// <summary>Creates the trainer named <paramref name="name"/> (see the remarks) with default options.</summary>
    /// <param name="name">Model name, case-insensitive.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">The name is not an NCF model name.</exception>
    public static NcfTrainer FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant();
        var task = NcfTask.Implicit;
        if (key.EndsWith("-rating", StringComparison.Ordinal))
        {
            task = NcfTask.Rating;
            key = key[..^"-rating".Length];
        }

        return key switch
        {
            "gmf-tuned" when task == NcfTask.Implicit => Create(NcfOptions.Tuned(NcfArchitecture.Gmf) with { Name = "gmf-tuned" }),
            "mlp-tuned" when task == NcfTask.Implicit => Create(NcfOptions.Tuned(NcfArchitecture.Mlp) with { Name = "mlp-tuned" }),
            "neumf-tuned" when task == NcfTask.Implicit => Create(NcfOptions.Tuned() with { Name = "neumf-tuned" }),
            "gmf" => Gmf(task: task),
            "mlp" => Mlp(task: task),
            "neumf" => NeuMF(pretrain: true, task: task),
            "neumf-nopre" => NeuMF(pretrain: false, task: task),
            _ => throw new ArgumentException($"Unknown NCF model '{name}'; expected one of {string.Join(", ", ModelNames)}.", nameof(name)),
        };
    }

    /// <summary>
    /// Creates the trainer named <paramref name="name"/> with <paramref name="settings"/> applied, as the model catalog
    /// and <c>movierec train</c> do: <c>gmf</c>, <c>mlp</c>, <c>neumf</c>, <c>neumf-nopre</c> learn from implicit
    /// feedback (their <c>rating</c> output is a probability; <see cref="DeepTrainingSettings.Tuned"/> starts gmf, mlp
    /// and neumf from <see cref="NcfOptions.Tuned"/>), and the same names with a <c>-rating</c> suffix regress the ratings.
    /// </summary>
    /// <param name="name">A name of <see cref="ModelNames"/>, case-insensitive.</param>
    /// <param name="settings">The tuned preset and the change to the training options.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">The name is not an NCF model name.</exception>
    public static NcfTrainer FromName(string name, DeepTrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var named = FromName(name);
        string key = name.Trim().ToLowerInvariant();
        bool plainImplicit = key is "gmf" or "mlp" or "neumf";
        var options = settings.Tuned && plainImplicit ? FromName(key + "-tuned").Options with { Name = key } : named.Options;
        return WithSettings(options, settings);
    }

    private static NcfTrainer WithSettings(NcfOptions options, DeepTrainingSettings settings) =>
        Create(options with { Training = settings.Training(options.Training) });
}
