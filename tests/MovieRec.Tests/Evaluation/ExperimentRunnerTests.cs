using System.Text.Json;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Evaluation;

public sealed class ExperimentRunnerTests
{
    private static readonly RatingsTable s_ratings = LatentRatings.Create(150, 90, 0.3, seed: 11);

    private static IRatingTrainer[] Trainers() =>
    [
        BaselineCatalog.GlobalMean(),
        BaselineCatalog.Biases(),
        BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = 8, NumberOfIterations = 20, LearningRate = 0.02f, NumberOfThreads = 2 }),
        BaselineCatalog.Popularity(),
    ];

    [Test]
    public void Random_split_compares_models_on_rating_and_top_k_metrics()
    {
        var progress = new List<ExperimentProgress>();
        var report = ExperimentRunner.Run(s_ratings, Trainers(), new ExperimentOptions { Seeds = 2 }, new SynchronousProgress(progress.Add));
        Assert.That(report.Models.Select(m => m.Model), Is.EqualTo(new[] { "mean", "bias", "mf", "pop" }));
        Assert.That(report.Repetitions, Is.EqualTo(2));
        var mean = report.Models[0].Metrics["RMSE"];
        var bias = report.Models[1].Metrics["RMSE"];
        var mf = report.Models[2].Metrics["RMSE"];
        Assert.That(bias.Mean, Is.LessThan(mean.Mean));
        Assert.That(mf.Mean, Is.LessThan(bias.Mean));
        Assert.That(mf.Count, Is.EqualTo(2));
        Assert.That(report.Models[3].Metrics.ContainsKey("RMSE"), Is.False, "popularity counts are not ratings");
        Assert.That(report.MetricNames, Does.Contain("P@5").And.Contain("F1@50").And.Contain("NDCG@10").And.Contain("Coverage@10"));
        foreach (var row in report.Models)
        {
            Assert.That(row.Metrics.Values.Select(v => v.Mean), Is.All.Matches<double>(double.IsFinite));
            Assert.That(row.PredictionsPerSecond.Mean, Is.GreaterThan(0));
        }

        Assert.That(progress.Where(p => p.Model == "mf").Select(p => p.Fraction), Is.Ordered);
        Assert.That(progress.Last(p => p.Model == "mf").Fraction, Is.EqualTo(1.0));
        Assert.That(progress.Where(p => p.Model == "mf").Select(p => p.Elapsed), Is.Ordered, "each model's own time only grows");
        Assert.That(progress.Last(p => p.Model == "mf").Remaining, Is.EqualTo(TimeSpan.Zero));
        Assert.That(new ExperimentProgress("x", 0.25, "s") { Elapsed = TimeSpan.FromSeconds(10) }.Remaining, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(new ExperimentProgress("x", 0, "s").Remaining, Is.Null);
    }

    [Test]
    public void Leave_one_out_ranks_the_held_out_movie()
    {
        var report = ExperimentRunner.Run(s_ratings, [BaselineCatalog.Popularity(), BaselineCatalog.ImplicitAlternatingLeastSquares(8, 5)], new ExperimentOptions { Protocol = EvaluationProtocol.LeaveOneOut99, Negatives = 20 });
        foreach (var row in report.Models)
        {
            Assert.That(row.Metrics["HR@10"].Mean, Is.InRange(0.0, 1.0));
            Assert.That(row.Metrics["NDCG@10"].Mean, Is.InRange(0.0, row.Metrics["HR@10"].Mean));
        }
    }

    [Test]
    public void CreateSplit_and_Evaluate_measure_as_Run_does()
    {
        var options = new ExperimentOptions { Protocol = EvaluationProtocol.LeaveOneOut99, Negatives = 20, FirstSeed = 4 };
        var report = ExperimentRunner.Run(s_ratings, [BaselineCatalog.Popularity()], options);

        var split = ExperimentRunner.CreateSplit(EvaluationProtocol.LeaveOneOut99, s_ratings, seed: 4, negatives: 20);
        var metrics = ExperimentRunner.Evaluate(BaselineCatalog.Popularity().Fit(split.Train), split, options);

        Assert.That(split.Candidates, Is.Not.Null);
        Assert.That(split.Candidates!, Has.All.Length.EqualTo(21));
        foreach (string name in new[] { "HR@10", "NDCG@10", "MRR" })
        {
            Assert.That(metrics[name], Is.EqualTo(report.Models[0].Metrics[name].Mean).Within(1e-12), name);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentRunner.CreateSplit(EvaluationProtocol.MovieLens100KFolds, s_ratings, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentRunner.Evaluate(BaselineCatalog.Popularity().Fit(split.Train), split, options with { RankingCutoff = 0 }));
    }

    [Test]
    public void Reseedable_trainers_get_one_trainer_per_repetition()
    {
        var used = new List<int>();
        var trainer = new RecordingTrainer(0, used);

        var report = ExperimentRunner.Run(s_ratings, [trainer], new ExperimentOptions { Seeds = 3, TopKs = [] });

        Assert.That(used, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(report.Models[0].Model, Is.EqualTo("recording"));
    }

    [Test]
    public void Temporal_split_holds_out_each_users_latest_ratings()
    {
        var report = ExperimentRunner.Run(s_ratings, [BaselineCatalog.Biases(), BaselineCatalog.GlobalMean()], new ExperimentOptions { Protocol = EvaluationProtocol.Temporal80To20, TopKs = [10] });
        Assert.That(report.Protocol, Is.EqualTo(EvaluationProtocol.Temporal80To20));
        Assert.That(report.Models[0].Metrics["RMSE"].Mean, Is.LessThan(report.Models[1].Metrics["RMSE"].Mean));
        Assert.That(report.MetricNames, Does.Contain("P@10").And.Not.Contain("P@5"));
    }

    [Test]
    public void Predefined_folds_are_required_for_the_folds_protocol()
    {
        var error = Assert.Throws<ArgumentException>(() => ExperimentRunner.Run(s_ratings, Trainers(), new ExperimentOptions { Protocol = EvaluationProtocol.MovieLens100KFolds }));
        Assert.That(error!.Message, Does.Contain("Folds"));
        var fold = LatentRatings.Split(s_ratings);
        var report = ExperimentRunner.Run(RatingsTable.Empty, [BaselineCatalog.Biases()], new ExperimentOptions
        {
            Protocol = EvaluationProtocol.MovieLens100KFolds,
            Folds = [new EvaluationSplit(fold.Train, fold.Test), new EvaluationSplit(fold.Train, fold.Test)],
            TopKs = [],
        });
        Assert.That(report.Repetitions, Is.EqualTo(2));
        Assert.That(report.Models[0].Metrics["RMSE"].StandardDeviation, Is.Zero.Within(1e-9));
        Assert.That(report.MetricNames, Does.Not.Contain("P@5"));
    }

    [Test]
    public void Invalid_requests_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ExperimentRunner.Run(s_ratings, [], new ExperimentOptions()));
        Assert.Throws<ArgumentException>(() => ExperimentRunner.Run(s_ratings, [BaselineCatalog.Biases(), BaselineCatalog.Biases()], new ExperimentOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentRunner.Run(s_ratings, [BaselineCatalog.Biases()], new ExperimentOptions { Seeds = 0 }));
        Assert.Throws<ArgumentException>(() => ExperimentRunner.Run(RatingsTable.Empty, [BaselineCatalog.Biases()], new ExperimentOptions()));
    }

    [Test]
    public void Report_is_written_as_csv_and_json()
    {
        var report = ExperimentRunner.Run(s_ratings, [BaselineCatalog.Biases(), BaselineCatalog.Popularity()], new ExperimentOptions { DatasetName = "latent", TopKs = [5], Seeds = 2 });
        string folder = Path.Combine(Path.GetTempPath(), "movierec-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string csv = Path.Combine(folder, "r.csv");
            string json = Path.Combine(folder, "r.json");
            report.WriteCsv(csv);
            report.WriteJson(json);
            var lines = File.ReadAllLines(csv);
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[0], Does.StartWith("model,RMSE_mean,RMSE_std"));
            Assert.That(lines[2], Does.StartWith("pop,,"));
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            Assert.That(doc.RootElement.GetProperty("dataset").GetString(), Is.EqualTo("latent"));
            Assert.That(doc.RootElement.GetProperty("protocol").GetString(), Is.EqualTo("random-80-20"));
            var bias = doc.RootElement.GetProperty("models")[0];
            Assert.That(bias.GetProperty("RMSE").GetProperty("mean").GetDouble(), Is.EqualTo(report.Models[0].Metrics["RMSE"].Mean).Within(1e-12));
            var perSeed = bias.GetProperty("RMSE").GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.That(perSeed, Is.EqualTo(report.Models[0].Values["RMSE"]));
            Assert.That(perSeed, Has.Length.EqualTo(2));
            Assert.That(perSeed.Average(), Is.EqualTo(report.Models[0].Metrics["RMSE"].Mean).Within(1e-12), "the mean is the values' mean");
            Assert.That(perSeed[0], Is.Not.EqualTo(perSeed[1]), "each seed is its own split");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Fits the global mean and records which repetition's trainer did the fit.</summary>
    private sealed class RecordingTrainer(int repetition, List<int> used) : IReseedableTrainer
    {
        public string Name => "recording";

        public int Seed => repetition;

        public IRatingTrainer WithSeed(int seed) => new RecordingTrainer(seed, used);

        public IRatingTrainer ForRepetition(int repetition) => new RecordingTrainer(repetition, used);

        public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
        {
            used.Add(repetition);
            return BaselineCatalog.GlobalMean().Fit(train, progress, cancellationToken);
        }
    }

    private sealed class SynchronousProgress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }

    [Test]
    public void Held_out_ratings_are_predicted_at_the_times_they_were_made()
    {
        var train = RatingsTable.Create([1, 2], [1, 2], [4f, 2f], [10, 20]);
        var test = RatingsTable.Create([1, 2], [2, 1], [5f, 1f], [30, 40]);
        var model = new TimeReadingModel();

        var metrics = ExperimentRunner.Evaluate(model, new EvaluationSplit(train, test), new ExperimentOptions { TopKs = [] });

        Assert.Multiple(() =>
        {
            Assert.That(model.Times, Is.EqualTo(new long[] { 30, 40 }));
            Assert.That(metrics["MAE"], Is.Zero, "the model's time-aware predictions were measured");
        });
    }

    /// <summary>Predicts 5 at time 30 and 1 otherwise when given times, and 0 when asked without them.</summary>
    private sealed class TimeReadingModel : IRatingPredictor
    {
        public List<long> Times { get; } = [];

        public string Name => "time";

        public PredictionKind Predicts => PredictionKind.Rating;

        public int UserIndexBound => 3;

        public int MovieIndexBound => 3;

        public FactorMatrix? UserVectors => null;

        public FactorMatrix? MovieVectors => null;

        public float Predict(int user, int movie) => 0;

        public void PredictAt(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, ReadOnlySpan<long> timestamps, Span<float> output)
        {
            for (int i = 0; i < users.Length; i++)
            {
                Times.Add(timestamps[i]);
                output[i] = timestamps[i] == 30 ? 5f : 1f;
            }
        }
    }
}
