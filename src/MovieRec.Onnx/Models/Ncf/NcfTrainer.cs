using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models.Ncf;

/// <summary>
/// Trains GMF, MLP or NeuMF (Neural Collaborative Filtering) through ONNX Runtime and returns an
/// <see cref="NcfModel"/>. Create it with <see cref="NcfCatalog"/>.
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
/// </para>
/// </remarks>
public sealed class NcfTrainer : IReseedableTrainer
{
    /// <summary>α is chosen among 0, 1/AlphaSteps, …, 1.</summary>
    private const int AlphaSteps = 10;

    internal NcfTrainer(NcfOptions options)
    {
        Options = options;
    }

    /// <inheritdoc/>
    public string Name => Options.ResolveName();

    /// <summary>Gets the options this trainer uses.</summary>
    public NcfOptions Options { get; }

    /// <inheritdoc/>
    /// <remarks>Repetition r trains with seed the training seed + r.</remarks>
    public IRatingTrainer ForRepetition(int repetition) =>
        repetition == 0 ? this : new NcfTrainer(Options with { Training = Options.Training with { Seed = Options.Training.Seed + repetition } });

    /// <inheritdoc/>
    IRatingPredictor IRatingTrainer.Fit(RatingsTable train, IProgress<double>? progress, CancellationToken cancellationToken) =>
        Fit(train, progress, cancellationToken);

    /// <summary>Trains a model on <paramref name="train"/>.</summary>
    /// <param name="train">Training ratings: dense 1-based indices, finite ratings, at least one row.</param>
    /// <param name="progress">Receives the completed fraction (0 to 1) after every epoch; optional.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <returns>The trained model; dispose it to release its inference session.</returns>
    /// <exception cref="ArgumentException">The table is empty or holds an invalid row.</exception>
    public NcfModel Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var options = Options;
        bool pretrain = options.Architecture == NcfArchitecture.NeuMF && options.Pretrain;
        var plan = new StagePlan([options.Training.Epochs, options.Training.Epochs, pretrain ? options.FineTuneEpochs ?? options.Training.Epochs : options.Training.Epochs], options.Alpha);
        var validation = options.EpochSelection == NcfEpochSelection.None || options.Task != NcfTask.Implicit
            ? null
            : NcfValidation.Create(train, NcfOptions.Defaults.ValidationNegatives, options.Training.Seed);
        if (validation is null)
        {
            return FitStages(train, plan, null, progress, 0, 1, cancellationToken);
        }

        NcfModel model;
        if (options.EpochSelection == NcfEpochSelection.KeepBest)
        {
            model = FitStages(validation.FitPart, plan, validation, progress, 0, 1, cancellationToken);
        }
        else
        {
            // Choose each stage's epochs (and α) on the validation split, then train again on all the ratings.
            using (FitStages(validation.FitPart, plan, validation, progress, 0, 0.5, cancellationToken))
            {
            }

            model = FitStages(train, plan, null, progress, 0.5, 0.5, cancellationToken);
        }

        model.ValidationNdcg = plan.ValidationNdcg;
        model.StageSelections = [.. plan.Selections];
        return model;
    }

    /// <summary>What a selection pass decides and a retrain reuses: [GMF, MLP, final] epochs and α.</summary>
    private sealed class StagePlan(int[] epochs, double alpha)
    {
        public int[] Epochs { get; } = epochs;

        public double Alpha { get; set; } = alpha;

        /// <summary>The final stage's best validation NDCG@10, once a selection pass has run.</summary>
        public double? ValidationNdcg => Selections.Count > 0 ? Selections[^1].ValidationNdcg : null;

        /// <summary>Each stage's choice, once a selection pass has run.</summary>
        public List<NcfStageSelection> Selections { get; } = [];
    }

    /// <summary>
    /// Trains the stages (GMF and MLP pre-training when NeuMF is pre-trained, then the model itself) for
    /// the plan's [GMF, MLP, final] epochs. With <paramref name="validation"/> every stage keeps the
    /// weights of its best epoch by validation NDCG@10 and writes that epoch count (and a selected α) back.
    /// </summary>
    private NcfModel FitStages(RatingsTable train, StagePlan plan, NcfValidation? validation, IProgress<double>? progress, double progressStart, double progressScale, CancellationToken cancellationToken)
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
            return NcfModel.Create(Name, options, set, trainer, losses, seconds);
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

        return NcfModel.Create(Name, options with { Alpha = plan.Alpha }, set, neumf, losses, seconds);
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
            options.Training.ToTrainerOptions() with { Epochs = epochs, Seed = seed });
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
            var history = trainer.Fit(set.Data, hooks, report is null ? null : new EpochEnds(report), cancellationToken);
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

    /// <summary>Passes the number of finished epochs on at every epoch's end.</summary>
    private sealed class EpochEnds(Action<double> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.IsEpochEnd)
            {
                report(value.Epoch);
            }
        }
    }
}
