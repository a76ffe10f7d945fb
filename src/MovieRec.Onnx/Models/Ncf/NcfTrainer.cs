using System.Globalization;
using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models.Ncf;

/// <summary>
/// Trains GMF, MLP or NeuMF (Neural Collaborative Filtering) through ONNX Runtime into a
/// <see cref="BundleModel"/>, like the library's other deep models. Create it with <see cref="NcfCatalog"/>.
/// </summary>
/// <remarks>
/// <para>
/// He, Liao, Zhang, Nie, Hu and Chua, "Neural Collaborative Filtering", WWW 2017. For the implicit
/// task every training rating is a positive (label 1); before each epoch
/// <see cref="NcfOptions.NegativesPerPositive"/> movies the user never rated are drawn per positive
/// (label 0), and the model minimises the binary cross-entropy of σ(score). For the rating task the
/// ratings are scaled linearly to [-1, 1] and the model minimises the squared error.
/// </para>
/// <para>
/// NeuMF with <see cref="NcfOptions.Pretrain"/> first trains a GMF and an MLP with the same options,
/// copies their embeddings and MLP layers, and sets NeuMF's output layer to
/// [α·h_GMF; (1 − α)·h_MLP] with bias α·b_GMF + (1 − α)·b_MLP before fine-tuning with
/// <see cref="NcfOptions.FineTuneOptimizer"/>. Same options and data give the same model.
/// </para>
/// <para>
/// With <see cref="NcfOptions.EpochSelection"/> (implicit task) each user's latest training interaction
/// is held out and ranked among 99 sampled never-rated movies after every epoch; each stage keeps its
/// epoch of best validation NDCG@10 (the configured epochs are the upper bound), and
/// <see cref="NcfEpochSelection.Retrain"/> then trains every stage again on all the ratings for its chosen epochs.
/// <see cref="NcfSelection.Read"/> reads the choices back from the model's bundle.
/// </para>
/// <para>
/// The model's bundle reads one column per side, the dense index itself (indices training never saw map to 0,
/// the unknown row). An implicit-feedback model scores with the logit (<c>score</c> output; the bundle's
/// <c>rating</c> output is the probability σ(score)); a rating model scores with the rating, clamped to the
/// training range. GMF and NeuMF also have <c>user_vector</c> (p_u ⊙ h) and <c>movie_vector</c> (q_i), the
/// GMF branch, for similar-movie search; MLP has none.
/// </para>
/// </remarks>
public sealed class NcfTrainer : BundleTrainer
{
    /// <summary>Feature schema of NCF bundles: one id column per side.</summary>
    internal const string BundleSchema = "ncf-ids-v1";

    internal const string ArchitectureKey = "movierec.ncf.architecture";
    internal const string TaskKey = "movierec.ncf.task";
    internal const string AlphaKey = "movierec.ncf.alpha";
    internal const string StagesKey = "movierec.ncf.stages";

    /// <summary>α is chosen among 0, 1/AlphaSteps, …, 1.</summary>
    private const int AlphaSteps = 10;

    internal NcfTrainer(NcfOptions options)
    {
        Options = options;
    }

    /// <inheritdoc/>
    public override string Name => Options.ResolveName();

    /// <summary>Gets the options this trainer uses.</summary>
    public NcfOptions Options { get; }

    /// <inheritdoc/>
    public override DeepTrainingOptions Training => Options.Training;

    /// <inheritdoc/>
    public override PredictionKind Predicts => Options.Task == NcfTask.Implicit ? PredictionKind.Ranking : PredictionKind.Rating;

    /// <inheritdoc/>
    public override BundleTrainer WithSeed(int seed) => new NcfTrainer(Options with { Training = Options.Training with { Seed = seed } });

    /// <inheritdoc/>
    public override BundleModel Fit(RecommendationDataset dataset, RatingsTable train, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        PredictorChecks.CheckTrainingRatings(train, nameof(train));
        if (train.UserIndexBound > dataset.UserIds.IndexCount || train.MovieIndexBound > dataset.MovieIds.IndexCount)
        {
            throw new ArgumentException($"The training ratings refer to users or movies that dataset '{dataset.Name}' lacks.", nameof(train));
        }

        return Fit(train, BundleDataset.Create(dataset, train), AsFraction(progress), cancellationToken);
    }

    /// <summary>Trains a model on ratings alone (no dataset): the bundle's raw ids are the dense indices, without titles or genres.</summary>
    /// <param name="train">Training ratings: dense 1-based indices, finite ratings, at least one row.</param>
    /// <param name="progress">Receives the completed fraction (0 to 1) after every epoch; optional.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <returns>The trained model; dispose it to release its inference session.</returns>
    /// <exception cref="ArgumentException">The table is empty or holds an invalid row.</exception>
    public BundleModel Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        PredictorChecks.CheckTrainingRatings(train, nameof(train));
        return Fit(train, BundleDataset.Create(train), progress, cancellationToken);
    }

    /// <inheritdoc/>
    protected override BundleModel FitRatings(RatingsTable train, IProgress<double>? progress, CancellationToken cancellationToken) =>
        Fit(train, progress, cancellationToken);

    private BundleModel Fit(RatingsTable train, BundleDataset catalog, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var options = Options;
        bool pretrain = options.Architecture == NcfArchitecture.NeuMF && options.Pretrain;
        var plan = new StagePlan([options.Training.Epochs, options.Training.Epochs, pretrain ? options.FineTuneEpochs ?? options.Training.Epochs : options.Training.Epochs], options.Alpha);
        var validation = options.EpochSelection == NcfEpochSelection.None || options.Task != NcfTask.Implicit
            ? null
            : NcfValidation.Create(train, NcfOptions.Defaults.ValidationNegatives, options.Training.Seed);
        Stages trained;
        if (validation is null)
        {
            trained = FitStages(train, plan, null, progress, 0, 1, cancellationToken);
        }
        else if (options.EpochSelection == NcfEpochSelection.KeepBest)
        {
            trained = FitStages(validation.FitPart, plan, validation, progress, 0, 1, cancellationToken);
        }
        else
        {
            // Choose each stage's epochs (and α) on the validation split, then train again on all the ratings.
            FitStages(validation.FitPart, plan, validation, progress, 0, 0.5, cancellationToken);
            trained = FitStages(train, plan, null, progress, 0.5, 0.5, cancellationToken);
        }

        return BundleModel.Create(Bundle(trained, plan, catalog), options.SessionOptions());
    }

    /// <summary>The trained inference model with its bundle: identity feature tables over the catalog's users and movies.</summary>
    private ModelBundle Bundle(Stages trained, StagePlan plan, BundleDataset catalog)
    {
        var options = Options;
        var set = trained.Set;
        var metadata = trained.Model.Metadata.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        metadata[ModelBundle.BestEpochKey] = trained.Losses.Count.ToString(CultureInfo.InvariantCulture);
        if (options.Task == NcfTask.Implicit)
        {
            metadata[ModelBundle.PredictsRatingsKey] = "false";
            metadata[ModelBundle.ScoreOutputKey] = NcfGraph.ScoreOutput;
        }

        if (plan.Selections.Count > 0)
        {
            metadata[StagesKey] = NcfSelection.Format(plan.Selections);
        }

        double learningRate = options.Architecture == NcfArchitecture.NeuMF && options.Pretrain ? options.FineTuneLearningRate : options.Training.LearningRate;
        var history = new List<EpochSummary>();
        for (int e = 0; e < trained.Losses.Count; e++)
        {
            double seconds = trained.Seconds[e];
            history.Add(new EpochSummary(e + 1, trained.Losses[e], null, learningRate, seconds, seconds > 0 ? set.RowCount / seconds : 0));
        }

        return ModelBundle.ForIds(Name, BundleSchema, trained.Model, catalog, set.UserBound, set.MovieBound, metadata, history);
    }

    /// <summary>The inference graph of a trained model, with its metadata.</summary>
    private OnnxModel Export(NcfOptions options, NcfTrainingSet set, Trainer trainer)
    {
        var metadata = new Dictionary<string, string>
        {
            [ArchitectureKey] = options.Architecture.ToString(),
            [TaskKey] = options.Task.ToString(),
            ["movierec.ncf.user_bound"] = set.UserBound.ToString(CultureInfo.InvariantCulture),
            ["movierec.ncf.movie_bound"] = set.MovieBound.ToString(CultureInfo.InvariantCulture),
            ["movierec.ncf.min_rating"] = set.MinRating.ToString("R", CultureInfo.InvariantCulture),
            ["movierec.ncf.max_rating"] = set.MaxRating.ToString("R", CultureInfo.InvariantCulture),
            ["movierec.ncf.factors"] = options.ApproximationRank.ToString(CultureInfo.InvariantCulture),
            ["movierec.ncf.mlp_layers"] = string.Join("-", options.ResolveMlpLayers()),
        };
        if (options.Architecture == NcfArchitecture.NeuMF && options.Pretrain)
        {
            metadata[AlphaKey] = options.Alpha.ToString("R", CultureInfo.InvariantCulture);
        }

        return trainer.ExportModel(new ExportOptions
        {
            ModelKind = "ncf-" + options.Architecture.ToString().ToLowerInvariant(),
            VocabularySizes = new Dictionary<string, long> { ["user"] = set.UserBound, ["movie"] = set.MovieBound },
            FeatureContract = "user: int64[N] dense user index (0 = unknown); movie: int64[N] dense movie index (0 = unknown)",
            Metadata = metadata,
        });
    }

    /// <summary>What training the stages gives: the final model's inference graph and its epochs' losses and seconds.</summary>
    private sealed record Stages(OnnxModel Model, NcfTrainingSet Set, List<double> Losses, List<double> Seconds);

    /// <summary>What a selection pass decides and a retrain reuses: [GMF, MLP, final] epochs and α.</summary>
    private sealed class StagePlan(int[] epochs, double alpha)
    {
        public int[] Epochs { get; } = epochs;

        public double Alpha { get; set; } = alpha;

        /// <summary>Each stage's choice, once a selection pass has run.</summary>
        public List<NcfStageSelection> Selections { get; } = [];
    }

    /// <summary>
    /// Trains the stages (GMF and MLP pre-training when NeuMF is pre-trained, then the model itself) for
    /// the plan's [GMF, MLP, final] epochs. With <paramref name="validation"/> every stage keeps the
    /// weights of its best epoch by validation NDCG@10 and writes that epoch count (and a selected α) back.
    /// </summary>
    private Stages FitStages(RatingsTable train, StagePlan plan, NcfValidation? validation, IProgress<double>? progress, double progressStart, double progressScale, CancellationToken cancellationToken)
    {
        var options = Options;
        int[] epochs = plan.Epochs;
        var set = NcfTrainingSet.Create(train, options.Task, options.NegativesPerPositive, options.RepeatLatest);
        bool pretrain = options.Architecture == NcfArchitecture.NeuMF && options.Pretrain;
        double total = pretrain ? epochs[0] + epochs[1] + epochs[2] : epochs[2];
        double done = 0;
        var report = progress is null ? null : new Action<double>(e => progress.Report(progressStart + (progressScale * Math.Min(1, (done + e) / total))));
        var losses = new List<double>();
        var seconds = new List<double>();

        // A stage's chosen epoch count, recorded with its validation figure when this is a selection pass.
        int Chosen(NcfArchitecture stage, int stageEpochs, double ndcg)
        {
            if (validation is not null)
            {
                plan.Selections.Add(new(stage, stageEpochs, ndcg));
            }

            return stageEpochs;
        }

        if (!pretrain)
        {
            var solo = Run(options.Architecture, options, set, options.Training.Optimizer, options.Training.LearningRate, epochs[2], null, losses, seconds, report, validation, cancellationToken);
            using var trainer = solo.Trainer;
            epochs[2] = Chosen(options.Architecture, solo.Epochs, solo.ValidationNdcg);
            return new Stages(Export(options, set, trainer), set, losses, seconds);
        }

        double[][] gmf, mlp;
        var gmfOptions = options with { Architecture = NcfArchitecture.Gmf };
        var gmfRun = Run(NcfArchitecture.Gmf, gmfOptions, set, options.Training.Optimizer, options.Training.LearningRate, epochs[0], null, [], [], report, validation, cancellationToken);
        done += epochs[0];
        epochs[0] = Chosen(NcfArchitecture.Gmf, gmfRun.Epochs, gmfRun.ValidationNdcg);
        using (var trainer = gmfRun.Trainer)
        {
            gmf = [trainer.GetParameter(NcfGraph.GmfUser), trainer.GetParameter(NcfGraph.GmfMovie), trainer.GetParameter(NcfGraph.GmfOut + ".weight"), trainer.GetParameter(NcfGraph.GmfOut + ".bias")];
        }

        var mlpOptions = options with { Architecture = NcfArchitecture.Mlp };
        int layerCount = options.ResolveMlpLayers().Count - 1;
        var mlpRun = Run(NcfArchitecture.Mlp, mlpOptions, set, options.Training.Optimizer, options.Training.LearningRate, epochs[1], null, [], [], report, validation, cancellationToken);
        done += epochs[1];
        epochs[1] = Chosen(NcfArchitecture.Mlp, mlpRun.Epochs, mlpRun.ValidationNdcg);
        using (var trainer = mlpRun.Trainer)
        {
            var list = new List<double[]> { trainer.GetParameter(NcfGraph.MlpUser), trainer.GetParameter(NcfGraph.MlpMovie) };
            for (int k = 0; k < layerCount; k++)
            {
                list.Add(trainer.GetParameter(NcfGraph.MlpLayerName(k) + ".weight"));
                list.Add(trainer.GetParameter(NcfGraph.MlpLayerName(k) + ".bias"));
            }

            list.Add(trainer.GetParameter(NcfGraph.MlpOut + ".weight"));
            list.Add(trainer.GetParameter(NcfGraph.MlpOut + ".bias"));
            mlp = [.. list];
        }

        void Initialise(Trainer t)
        {
            t.SetParameter(NcfGraph.GmfUser, gmf[0]);
            t.SetParameter(NcfGraph.GmfMovie, gmf[1]);
            t.SetParameter(NcfGraph.MlpUser, mlp[0]);
            t.SetParameter(NcfGraph.MlpMovie, mlp[1]);
            for (int k = 0; k < layerCount; k++)
            {
                t.SetParameter(NcfGraph.MlpLayerName(k) + ".weight", mlp[2 + (2 * k)]);
                t.SetParameter(NcfGraph.MlpLayerName(k) + ".bias", mlp[3 + (2 * k)]);
            }

            if (validation is not null && options.SelectAlpha)
            {
                plan.Alpha = SelectAlpha(t, gmf, mlp, validation, options.Alpha);
            }

            SetOutputLayer(t, gmf, mlp, plan.Alpha);
        }

        var neumfRun = Run(NcfArchitecture.NeuMF, options, set, options.FineTuneOptimizer, options.FineTuneLearningRate, epochs[2], Initialise, losses, seconds, report, validation, cancellationToken);
        using var neumf = neumfRun.Trainer;
        epochs[2] = Chosen(NcfArchitecture.NeuMF, neumfRun.Epochs, neumfRun.ValidationNdcg);

        return new Stages(Export(options with { Alpha = plan.Alpha }, set, neumf), set, losses, seconds);
    }

    /// <summary>NeuMF's output layer from the pre-trained ones: [α·h_GMF; (1 − α)·h_MLP], bias α·b_GMF + (1 − α)·b_MLP.</summary>
    private static void SetOutputLayer(Trainer t, double[][] gmf, double[][] mlp, double alpha)
    {
        double[] weight = [.. gmf[2].Select(w => alpha * w), .. mlp[^2].Select(w => (1 - alpha) * w)];
        t.SetParameter(NcfGraph.NeuMFOut + ".weight", weight);
        t.SetParameter(NcfGraph.NeuMFOut + ".bias", [(alpha * gmf[3][0]) + ((1 - alpha) * mlp[^1][0])]);
    }

    /// <summary>The α of 0, 0.1, …, 1 whose initialised NeuMF has the best validation NDCG@10 (ties: closest to <paramref name="preferred"/>).</summary>
    private static double SelectAlpha(Trainer t, double[][] gmf, double[][] mlp, NcfValidation validation, double preferred)
    {
        double bestAlpha = preferred, bestScore = double.NegativeInfinity;
        for (int step = 0; step <= AlphaSteps; step++)
        {
            double alpha = (double)step / AlphaSteps;
            SetOutputLayer(t, gmf, mlp, alpha);
            double score = validation.Score(t).Ndcg;
            if (score > bestScore || (score == bestScore && Math.Abs(alpha - preferred) < Math.Abs(bestAlpha - preferred)))
            {
                bestScore = score;
                bestAlpha = alpha;
            }
        }

        return bestAlpha;
    }

    private static (Trainer Trainer, int Epochs, double ValidationNdcg) Run(
        NcfArchitecture architecture,
        NcfOptions options,
        NcfTrainingSet set,
        OptimizerKind optimizerKind,
        double learningRate,
        int epochs,
        Action<Trainer>? initialise,
        List<double> losses,
        List<double> seconds,
        Action<double>? report,
        NcfValidation? validation,
        CancellationToken cancellationToken)
    {
        int seed = options.Training.Seed + (1000 * (int)architecture);
        var built = NcfGraph.Build(architecture, options, set.UserBound, set.MovieBound, seed, set.MinRating, set.MaxRating);
        var trainer = Trainer.Create(
            built.Graph,
            built.Loss,
            options.Training.CreateOptimizer(optimizerKind, learningRate),
            options.Training with { Epochs = epochs, Seed = seed });
        try
        {
            initialise?.Invoke(trainer);
            var hooks = new TrainingHooks
            {
                PrepareEpoch = (epoch, order) =>
                {
                    set.SampleNegatives(seed, epoch);
                    NcfTrainingSet.Shuffle(order, seed, epoch);
                },
                ValidationMetric = validation is null ? null : t => validation.Score(t).Ndcg,

                // Fine-tuning starts from pre-trained weights, which are a candidate too: when no epoch
                // improves on them the stage keeps them (0 epochs).
                InitialWeightsCompete = validation is not null && initialise is not null,
            };
            var history = trainer.Fit(set.Data, hooks, report is null ? null : new EpochsDone(report), cancellationToken);
            int kept = validation is null ? history.Epochs.Count : history.BestEpoch;
            foreach (var e in history.Epochs.Take(kept))
            {
                losses.Add(e.TrainingLoss);
                seconds.Add(e.Seconds);
            }

            return (trainer, kept, history.BestValidationMetric ?? double.NegativeInfinity);
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    /// <summary>Passes the number of epochs done on, fractions of an epoch included, at every report (every
    /// <see cref="DeepTrainingOptions.ProgressInterval"/> batches and each epoch's end), so a long epoch's progress moves.</summary>
    private sealed class EpochsDone(Action<double> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.KeptEpoch is null)
            {
                report(value.Epoch - 1 + ((double)value.Batch / value.Batches));
            }
        }
    }
}
