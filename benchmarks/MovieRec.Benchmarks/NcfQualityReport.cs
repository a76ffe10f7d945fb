using System.Globalization;
using System.Text;
using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.MLNet;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Training;

namespace MovieRec.Benchmarks;

/// <summary>
/// Quality of the NCF models next to the classical baselines under the NCF paper's protocol
/// (leave-one-out by time, the held-out movie ranked among 99 never-rated ones; HR@10 and NDCG@10,
/// mean ± std over seeds), or under a random 4:1 split for the rating task (RMSE, MAE).
/// </summary>
/// <remarks>
/// Arguments are <c>key=value</c> pairs: <c>data</c> (ml-100k), <c>protocol</c> (loo-99),
/// <c>seeds</c> (3), <c>models</c> (comma-separated: NCF names such as gmf, mlp, neumf-nopre, neumf,
/// neumf (pre-trained, default fine-tuning: SGD), neumf-adam (fine-tuned with Adam), neumf-sgd (SGD at <c>sgdlr</c>), gmf-rating, ...; or baseline names),
/// <c>factors</c>, <c>mlp</c> (tower such as 64-32-16-8), <c>epochs</c>, <c>lr</c>, <c>decay</c> (per-epoch learning-rate factor), <c>wd</c> (weight decay), <c>l2</c> (embedding L2), <c>dropout</c> (MLP tower dropout), <c>average</c> (per-epoch weight averaging β), <c>latest</c> (each user's latest interactions trained on twice per epoch), <c>batch</c>, <c>negatives</c>,
/// <c>ftlr</c>, <c>ftepochs</c>, <c>sgdlr</c> (SGD fine-tuning learning rate of neumf-sgd, default 0.001 as in the NCF paper's code), <c>alpha</c>, <c>selectalpha</c> (choose α on the validation split; needs <c>select</c>),
/// <c>init</c> (embedding initialisation std), <c>select</c> (epoch selection on a validation leave-one-out: none, retrain, keepbest),
/// <c>firstseed</c> (first split seed, and the NCF models' seed, so <c>firstseed=2 seeds=1</c> repeats the second repetition of <c>seeds=3</c> for NCF), <c>threads</c>, <c>out</c> (folder for CSV/JSON). Datasets come from <c>$MOVIEREC_DATA</c>.
/// </remarks>
public static class NcfQualityReport
{
    public static int Run(string[] args)
    {
        var a = args.Select(x => x.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
        string Get(string key, string fallback) => a.TryGetValue(key, out var v) ? v : fallback;
        double D(string key, double fallback) => double.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        int I(string key, int fallback) => int.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        string data = Get("data", "ml-100k");
        var protocol = EvaluationProtocolNames.Parse(Get("protocol", "loo-99"));
        var baseOptions = new NcfOptions
        {
            ApproximationRank = I("factors", NcfOptions.Defaults.ApproximationRank),
            MlpLayers = a.TryGetValue("mlp", out var tower) ? tower.Split('-').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray() : null,
            EmbeddingL2 = D("l2", NcfOptions.Defaults.EmbeddingL2),
            MlpDropout = D("dropout", NcfOptions.Defaults.MlpDropout),
            RepeatLatest = I("latest", NcfOptions.Defaults.RepeatLatest),
            NegativesPerPositive = I("negatives", NcfOptions.Defaults.NegativesPerPositive),
            FineTuneLearningRate = D("ftlr", NcfOptions.Defaults.FineTuneLearningRate),
            FineTuneEpochs = a.ContainsKey("ftepochs") ? I("ftepochs", 0) : null,
            Alpha = D("alpha", NcfOptions.Defaults.Alpha),
            SelectAlpha = a.ContainsKey("selectalpha"),
            InitStandardDeviation = D("init", NcfOptions.Defaults.InitStandardDeviation),
            EpochSelection = Enum.Parse<NcfEpochSelection>(Get("select", NcfOptions.Defaults.EpochSelection.ToString()), ignoreCase: true),
            Training = NcfOptions.Defaults.Training with { Epochs = I("epochs", NcfOptions.Defaults.Training.Epochs), LearningRate = D("lr", NcfOptions.Defaults.Training.LearningRate), LearningRateDecay = D("decay", NcfOptions.Defaults.Training.LearningRateDecay), WeightDecay = D("wd", NcfOptions.Defaults.Training.WeightDecay), BatchSize = I("batch", NcfOptions.Defaults.Training.BatchSize), WeightAveraging = D("average", NcfOptions.Defaults.Training.WeightAveraging), NumberOfThreads = I("threads", NcfOptions.Defaults.Training.NumberOfThreads), Seed = I("firstseed", NcfOptions.Defaults.Training.Seed) },
        };
        double sgdRate = D("sgdlr", NcfOptions.Defaults.FineTuneLearningRate);
        var validation = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var trainers = Get("models", "gmf,mlp,neumf-nopre,neumf,neumf-sgd,ials,iknn,ibcf,pop")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => Trainer(name, baseOptions, sgdRate))
            .Select(t => t is NcfTrainer ncf ? new ValidationRecorder(ncf, validation) : t)
            .ToArray();
        var (dataset, folds) = EvaluationData.Load(data, protocol, null);
        var options = new ExperimentOptions { DatasetName = dataset.Name, Protocol = protocol, Seeds = I("seeds", 3), FirstSeed = I("firstseed", ExperimentOptions.Defaults.FirstSeed), Folds = folds, TopKs = [] };
        var report = ExperimentRunner.Run(dataset.Ratings, trainers, options);
        if (a.TryGetValue("out", out var output))
        {
            Directory.CreateDirectory(output);
            string stem = Path.Combine(output, $"ncf-{data}-{EvaluationProtocolNames.NameOf(protocol)}");
            report.WriteCsv(stem + ".csv");
            report.WriteJson(stem + ".json");
        }

        Console.WriteLine(string.Join(' ', args));
        Console.WriteLine(Markdown(report));
        if (validation.Count > 0)
        {
            // Settings are compared on this figure, not on the test columns above.
            Console.WriteLine("Validation NDCG@10 (each user's latest training interaction, chosen epoch of the final stage; mean over seeds):");
            foreach (var (name, values) in validation)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {values.Average():F4} ({string.Join(", ", values.Select(v => v.ToString("F4", CultureInfo.InvariantCulture)))})"));
            }
        }

        return 0;
    }

    private static IRatingTrainer Trainer(string name, NcfOptions options, double sgdRate)
    {
        string key = name.ToLowerInvariant();
        var task = key.EndsWith("-rating", StringComparison.Ordinal) ? NcfTask.Rating : NcfTask.Implicit;
        string stem = task == NcfTask.Rating ? key[..^"-rating".Length] : key;
        var o = options with { Task = task, Name = key, Training = options.Training with { Epochs = task == NcfTask.Rating && options.Training.Epochs == NcfOptions.Defaults.Training.Epochs ? NcfOptions.Defaults.RatingEpochs : options.Training.Epochs } };
        return stem switch
        {
            "gmf" => NcfCatalog.Create(o with { Architecture = NcfArchitecture.Gmf }),
            "mlp" => NcfCatalog.Create(o with { Architecture = NcfArchitecture.Mlp }),
            "neumf-nopre" => NcfCatalog.Create(o with { Architecture = NcfArchitecture.NeuMF, Pretrain = false }),
            "neumf" => NcfCatalog.Create(o with { Architecture = NcfArchitecture.NeuMF, Pretrain = true }),
            "neumf-adam" => NcfCatalog.Create(o with { Architecture = NcfArchitecture.NeuMF, Pretrain = true, FineTuneOptimizer = OptimizerKind.Adam }),
            "neumf-sgd" => NcfCatalog.Create(o with { Architecture = NcfArchitecture.NeuMF, Pretrain = true, FineTuneOptimizer = OptimizerKind.Sgd, FineTuneLearningRate = sgdRate }),
            _ => new MLContext(seed: 0).MovieRec().CreateTrainer(name),
        };
    }

    /// <summary>Passes training through and keeps each fitted model's validation NDCG@10 (epoch selection only).</summary>
    private sealed class ValidationRecorder(NcfTrainer inner, Dictionary<string, List<double>> sink) : IReseedableTrainer
    {
        public string Name => inner.Name;

        public int Seed => inner.Options.Training.Seed;

        public IRatingTrainer WithSeed(int seed) => new ValidationRecorder((NcfTrainer)inner.WithSeed(seed), sink);

        public IRatingTrainer ForRepetition(int repetition) => new ValidationRecorder((NcfTrainer)inner.ForRepetition(repetition), sink);

        public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
        {
            var model = inner.Fit(train, progress, cancellationToken);
            var selection = NcfSelection.Read(model.Bundle);
            if (selection.ValidationNdcg is { } value)
            {
                if (!sink.TryGetValue(Name, out var list))
                {
                    sink[Name] = list = [];
                }

                list.Add(value);
                string stages = string.Join(", ", selection.Stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.Epochs} epochs {s.ValidationNdcg:F4}")));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name} seed {inner.Options.Training.Seed}: {stages}{(selection.Alpha is { } alpha ? $", alpha {alpha:F1}" : string.Empty)}"));
            }

            return model;
        }
    }

    private static string Markdown(ExperimentReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {report.DatasetName}, {EvaluationProtocolNames.NameOf(report.Protocol)} (mean ± std over {report.Repetitions})");
        text.AppendLine();
        var metrics = report.MetricNames.Where(m => m != "MSE").ToArray();
        text.AppendLine("| model | " + string.Join(" | ", metrics) + " | train s |");
        text.AppendLine("|---|" + string.Concat(metrics.Select(_ => "---:|")) + "---:|");
        foreach (var row in report.Models)
        {
            var cells = metrics.Select(m => row.Metrics.TryGetValue(m, out var s) ? s.ToString(3) : "—");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Model} | {string.Join(" | ", cells)} | {row.TrainingSeconds.Mean:F1} |");
        }

        return text.ToString();
    }
}
