using System.Globalization;
using System.Text;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;

namespace MovieRec.Benchmarks;

/// <summary>
/// Sweeps the neighbour count and the shrinkage of the implicit item k-NN model (<c>iknn</c>) under
/// leave-one-out with 99 sampled negatives and prints HR@10, NDCG@10 and MRR per setting, the
/// figures behind <see cref="ImplicitItemKnnOptions.Defaults"/>.
/// </summary>
/// <remarks>
/// Arguments are <c>key=value</c> pairs: <c>data</c> (ml-100k), <c>protocol</c> (loo-99), <c>seeds</c> (3),
/// <c>k</c> (comma-separated neighbour counts, default 20,50,100,200), <c>shrink</c> (comma-separated
/// shrinkages, default 0,5,10). Datasets come from <c>$MOVIEREC_DATA</c>.
/// </remarks>
public static class ItemKnnQualityReport
{
    public static int Run(string[] args)
    {
        var a = args.Select(x => x.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.OrdinalIgnoreCase);
        string Get(string key, string fallback) => a.TryGetValue(key, out var v) ? v : fallback;
        var protocol = EvaluationProtocolNames.Parse(Get("protocol", "loo-99"));
        var (dataset, folds) = EvaluationData.Load(Get("data", "ml-100k"), protocol, null);
        var ks = Get("k", "20,50,100,200").Split(',').Select(k => int.Parse(k, CultureInfo.InvariantCulture)).ToArray();
        var shrinks = Get("shrink", "0,5,10").Split(',').Select(h => float.Parse(h, CultureInfo.InvariantCulture)).ToArray();
        var trainers = (from k in ks
                        from h in shrinks
                        select (IRatingTrainer)new Renamed(
                            string.Create(CultureInfo.InvariantCulture, $"iknn k={k} shrink={h}"),
                            BaselineCatalog.ImplicitItemKnn(new ImplicitItemKnnOptions { NumberOfNeighbours = k, Shrinkage = h }))).ToArray();
        var options = new ExperimentOptions
        {
            DatasetName = dataset.Name,
            Protocol = protocol,
            Seeds = int.Parse(Get("seeds", "3"), CultureInfo.InvariantCulture),
            Folds = folds,
            TopKs = [],
        };
        var report = ExperimentRunner.Run(dataset.Ratings, trainers, options);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {report.DatasetName}, {EvaluationProtocolNames.NameOf(report.Protocol)} (mean ± std over {report.Repetitions})");
        text.AppendLine();
        string[] metrics = ["HR@10", "NDCG@10", "MRR"];
        text.AppendLine("| setting | " + string.Join(" | ", metrics) + " | train s |");
        text.AppendLine("|---|" + string.Concat(metrics.Select(_ => "---:|")) + "---:|");
        foreach (var row in report.Models)
        {
            var cells = metrics.Select(m => row.Metrics.TryGetValue(m, out var s) ? s.ToString(3) : "—");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Model} | {string.Join(" | ", cells)} | {row.TrainingSeconds.Mean:F2} |");
        }

        Console.WriteLine(text.ToString());
        return 0;
    }

    /// <summary>A trainer and its models under another name, so several settings of one model fit in one report.</summary>
    private sealed class Renamed(string name, IRatingTrainer inner) : IRatingTrainer
    {
        public string Name => name;

        public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
            new RenamedModel(name, inner.Fit(train, progress, cancellationToken));
    }

    private sealed class RenamedModel(string name, IRatingPredictor inner) : IRatingPredictor
    {
        public string Name => name;

        public PredictionKind Predicts => inner.Predicts;

        public int UserIndexBound => inner.UserIndexBound;

        public int MovieIndexBound => inner.MovieIndexBound;

        public FactorMatrix? UserVectors => inner.UserVectors;

        public FactorMatrix? MovieVectors => inner.MovieVectors;

        public float Predict(int user, int movie) => inner.Predict(user, movie);

        public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output) => inner.Predict(users, movies, output);

        public void ScoreAll(int user, Span<float> scores) => inner.ScoreAll(user, scores);
    }
}
