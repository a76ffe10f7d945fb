using System.Globalization;
using System.Text;
using MovieRec.Baselines;
using MovieRec.Evaluation;

namespace MovieRec.Benchmarks;

/// <summary>
/// The reference quality table of the classical baselines on real MovieLens data: ML-100K folds
/// u1–u5, ML-100K random 4:1 (3 seeds, with top-K), ml-latest-small random 4:1 (3 seeds) and
/// ML-100K leave-one-out with 99 negatives. Prints Markdown tables and writes CSV/JSON per experiment.
/// </summary>
/// <remarks>
/// Arguments: <c>[output folder]</c> (default <c>quality-baselines</c>). Datasets are read from
/// <c>$MOVIEREC_DATA/ml-100k</c> and <c>$MOVIEREC_DATA/ml-latest-small</c>.
/// </remarks>
public static class BaselinesQualityReport
{
    private static readonly (string Data, string Protocol, int Seeds, string Models)[] s_experiments =
    [
        ("ml-100k", "ml100k-folds", 1, "mean,bias,mf,als,ubcf,ibcf,pop-rated"),
        ("ml-100k", "random-80-20", 3, "mean,bias,mf,als,ials,ubcf,ibcf,iknn,pop,pop-rated"),
        ("ml-latest-small", "random-80-20", 3, "mean,bias,mf,als,ubcf,ibcf"),
        ("ml-100k", "loo-99", 3, "ials,iknn,mf,als,ibcf,ubcf,bias,pop,pop-rated"),
    ];

    public static int Run(string[] args)
    {
        string output = args.Length > 0 ? args[0] : "quality-baselines";
        Directory.CreateDirectory(output);
        foreach (var (data, protocolName, seeds, models) in s_experiments)
        {
            var protocol = EvaluationProtocolNames.Parse(protocolName);
            var (dataset, folds) = EvaluationData.Load(data, protocol, null);
            var trainers = models.Split(',').Select(BaselineCatalog.FromName).ToArray();
            var options = new ExperimentOptions
            {
                DatasetName = dataset.Name,
                Protocol = protocol,
                Seeds = seeds,
                Folds = folds,
                TopKs = protocol == EvaluationProtocol.MovieLens100KFolds || data != "ml-100k" ? [] : [5, 10, 20, 50],
            };
            var report = ExperimentRunner.Run(dataset.Ratings, trainers, options);
            string stem = Path.Combine(output, $"{data}-{protocolName}");
            report.WriteCsv(stem + ".csv");
            report.WriteJson(stem + ".json");
            Console.WriteLine(Markdown(report));
        }

        return 0;
    }

    private static string Markdown(ExperimentReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {report.DatasetName}, {EvaluationProtocolNames.NameOf(report.Protocol)} (mean ± std over {report.Repetitions})");
        text.AppendLine();
        var metrics = report.MetricNames.Where(m => m != "MSE").ToArray();
        text.AppendLine("| model | " + string.Join(" | ", metrics) + " | train s | pred/s |");
        text.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", metrics.Length + 2)));
        foreach (var row in report.Models)
        {
            var cells = metrics.Select(m => row.Metrics.TryGetValue(m, out var s) ? s.ToString(4) : "—");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Model} | {string.Join(" | ", cells)} | {row.TrainingSeconds.ToString(2)} | {row.PredictionsPerSecond.Mean:N0} |");
        }

        return text.ToString();
    }
}
