using System.Diagnostics;
using System.Globalization;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Models;

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
/// </remarks>
public sealed class NcfTrainer : IRatingTrainer
{
    internal NcfTrainer(NcfOptions options)
    {
        Options = options;
    }

    /// <inheritdoc/>
    public string Name => Options.ResolveName();

    /// <summary>Gets the options this trainer uses.</summary>
    public NcfOptions Options { get; }

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
        var set = NcfTrainingSet.Create(train, options.Task, options.NegativesPerPositive);
        bool pretrain = options.Architecture == NcfArchitecture.NeuMF && options.Pretrain;
        int fineTuneEpochs = options.FineTuneEpochs ?? options.Epochs;
        double total = pretrain ? (2.0 * options.Epochs) + fineTuneEpochs : options.Epochs;
        double done = 0;
        var report = progress is null ? null : new Action<double>(epochs => progress.Report(Math.Min(1, (done + epochs) / total)));
        var losses = new List<double>();
        var seconds = new List<double>();
        if (!pretrain)
        {
            using var trainer = Run(options.Architecture, options, set, options.Optimizer, options.LearningRate, options.Epochs, null, losses, seconds, report, cancellationToken);
            return NcfModel.Create(Name, options, set, trainer, losses, seconds);
        }

        double[][] gmf, mlp;
        var gmfOptions = options with { Architecture = NcfArchitecture.Gmf };
        using (var trainer = Run(NcfArchitecture.Gmf, gmfOptions, set, options.Optimizer, options.LearningRate, options.Epochs, null, [], [], report, cancellationToken))
        {
            gmf = [trainer.GetParameter(NcfGraph.GmfUser), trainer.GetParameter(NcfGraph.GmfMovie), trainer.GetParameter(NcfGraph.GmfOut + ".weight"), trainer.GetParameter(NcfGraph.GmfOut + ".bias")];
        }

        done += options.Epochs;
        var mlpOptions = options with { Architecture = NcfArchitecture.Mlp };
        int layerCount = options.ResolveMlpLayers().Count - 1;
        using (var trainer = Run(NcfArchitecture.Mlp, mlpOptions, set, options.Optimizer, options.LearningRate, options.Epochs, null, [], [], report, cancellationToken))
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

        done += options.Epochs;
        double alpha = options.Alpha;
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

            double[] weight = [.. gmf[2].Select(w => alpha * w), .. mlp[^2].Select(w => (1 - alpha) * w)];
            t.SetParameter(NcfGraph.NeuMFOut + ".weight", weight);
            t.SetParameter(NcfGraph.NeuMFOut + ".bias", [(alpha * gmf[3][0]) + ((1 - alpha) * mlp[^1][0])]);
        }

        using var neumf = Run(NcfArchitecture.NeuMF, options, set, options.FineTuneOptimizer, options.FineTuneLearningRate, fineTuneEpochs, Initialise, losses, seconds, report, cancellationToken);
        return NcfModel.Create(Name, options, set, neumf, losses, seconds);
    }

    private static Trainer Run(
        NcfArchitecture architecture,
        NcfOptions options,
        NcfTrainingSet set,
        NcfOptimizerKind optimizerKind,
        double learningRate,
        int epochs,
        Action<Trainer>? initialise,
        List<double> losses,
        List<double> seconds,
        Action<double>? report,
        CancellationToken cancellationToken)
    {
        int seed = options.Seed + (1000 * (int)architecture);
        var built = NcfGraph.Build(architecture, options, set.UserBound, set.MovieBound, seed, set.MinRating, set.MaxRating);
        var optimizer = optimizerKind == NcfOptimizerKind.Adam
            ? Optimizer.Adam(new AdamOptions { LearningRate = learningRate, WeightDecay = options.WeightDecay })
            : Optimizer.Sgd(new SgdOptions { LearningRate = learningRate, WeightDecay = options.WeightDecay });
        var trainer = Trainer.Create(built.Graph, built.Loss, optimizer, new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = options.BatchSize,
            Seed = seed,
            IntraOpThreads = options.IntraOpThreads,
        });
        try
        {
            initialise?.Invoke(trainer);
            int rows = set.RowCount;
            var order = new int[rows];
            int batchSize = options.BatchSize;
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                set.SampleNegatives(seed, epoch);
                NcfTrainingSet.Shuffle(order, seed, epoch);
                double sum = 0;
                long started = Stopwatch.GetTimestamp();
                for (int start = 0; start < rows; start += batchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int count = Math.Min(batchSize, rows - start);
                    double loss = trainer.TrainStep(set.Data, order.AsSpan(start, count), learningRate);
                    if (!double.IsFinite(loss))
                    {
                        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The {architecture} training loss became {loss} at epoch {epoch + 1}; lower the learning rate (now {learningRate})."));
                    }

                    sum += loss * count;
                }

                seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                losses.Add(sum / rows);
                report?.Invoke(epoch + 1);
            }

            return trainer;
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }
}
