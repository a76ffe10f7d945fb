using System.Diagnostics;
using System.Globalization;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Training;
using MovieRec.Recommendation;
using Spectre.Console;

namespace MovieRec.Cli.Commands;

/// <summary>What <c>train</c> and <c>quickstart</c> share: load, split, train with a progress bar, report, save.</summary>
internal static class DeepTraining
{
    private const string RatingSuffix = "-rating";

    public sealed record Request(
        string Model,
        string Data,
        string? Path,
        int? SyntheticRatings,
        DeepTrainingSettings Settings,
        int Seed,
        double TestFraction,
        bool CompareWithMf,
        string? Output,
        int ShowRecommendations,
        string Descriptions = "auto");

    /// <summary>
    /// The dataset of <c>--data</c>: <c>synthetic</c> (generated; <c>--ratings</c> sets its size), a dataset
    /// name, or a dataset folder (the format recognised from its files), as <c>evaluate</c> reads it.
    /// </summary>
    public static RecommendationDataset LoadDataset(string data, string? path, int? syntheticRatings)
    {
        bool synthetic = string.Equals(data, SyntheticDataset.Name, StringComparison.OrdinalIgnoreCase);
        if (synthetic && path is not null)
        {
            throw new ArgumentException($"--path '{path}' does not apply to --data synthetic, which is generated rather than read; give a dataset name or folder with --data, or leave --path out.");
        }

        if (!synthetic && syntheticRatings is not null)
        {
            throw new ArgumentException($"--ratings {syntheticRatings} sets the size of --data synthetic only; --data {data} is read from files.");
        }

        return synthetic && syntheticRatings is { } n
            ? SyntheticDataset.Generate(n)
            : DatasetCatalog.Load(data, path);
    }

    /// <summary>
    /// Joins plot summaries for models that read them (<c>--descriptions</c>): a titles-with-descriptions CSV, <c>none</c>, or
    /// <c>auto</c> (default), the Netflix titles catalogue when it is in the data folders and the dataset has no descriptions
    /// of its own. Says how many movies got a summary.
    /// </summary>
    public static RecommendationDataset WithDescriptions(RecommendationDataset dataset, string descriptions, bool needed)
    {
        if (!needed || string.Equals(descriptions, "none", StringComparison.OrdinalIgnoreCase))
        {
            return dataset;
        }

        bool auto = string.Equals(descriptions, "auto", StringComparison.OrdinalIgnoreCase);
        if (auto && dataset.Movies.DescriptionCount > 0)
        {
            return dataset;
        }

        string? file = auto ? TitleDescriptions.FindNetflixTitles() : descriptions;
        if (file is null)
        {
            AnsiConsole.MarkupLineInterpolated($"Plot summaries: none found ({TitleDescriptions.NetflixTitlesName}/{TitleDescriptions.NetflixTitlesFile} is not in the data folders); titles' words stand in.");
            return dataset;
        }

        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"--descriptions '{descriptions}' does not exist; expected a CSV with title, release_year and description columns, auto or none.", file);
        }

        Data.InputFiles.RequireRegular(file, "--descriptions");

        var joined = TitleDescriptions.Join(dataset, TitleDescriptions.Load(file));
        int movies = Math.Max(1, joined.Movies.Count - 1);
        AnsiConsole.MarkupLineInterpolated($"Plot summaries: {joined.Movies.DescriptionCount:N0} of {movies:N0} movies ({100.0 * joined.Movies.DescriptionCount / movies:F1} %) from {Path.GetFileName(file)}; titles' words stand in for the rest.");
        return joined;
    }

    /// <summary>
    /// The catalogue name of <c>--model</c> with an optional <c>--task</c>. A model name means the same in
    /// every command: <c>gmf</c>, <c>mlp</c>, <c>neumf</c>, <c>neumf-nopre</c> learn from implicit feedback
    /// and the same names with <c>-rating</c> regress the ratings; <c>--task</c> picks one of the two for
    /// an NCF name and must agree with any other model.
    /// </summary>
    public static string ResolveModel(string model, string? task)
    {
        string name = model.Trim();
        var models = MovieRecCli.Models;
        if (!models.BundleModelNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            // A model without a bundle (k-NN, content, blends) or an unknown name: the catalog says why.
            models.CreateBundleTrainer(name);
        }

        if (task is null)
        {
            return name;
        }

        bool ranking = string.Equals(task, "implicit", StringComparison.OrdinalIgnoreCase);
        string stem = name.EndsWith(RatingSuffix, StringComparison.OrdinalIgnoreCase) ? name[..^RatingSuffix.Length] : name;
        foreach (string candidate in ranking ? new[] { stem } : [name, stem + RatingSuffix])
        {
            if (models.BundleModelNames.Contains(candidate, StringComparer.OrdinalIgnoreCase)
                && (models.CreateBundleTrainer(candidate).Predicts == PredictionKind.Ranking) == ranking)
            {
                return candidate;
            }
        }

        var offering = models.BundleModelNames.Where(n => (models.CreateBundleTrainer(n).Predicts == PredictionKind.Ranking) == ranking);
        throw new ArgumentException($"--model {model} has no {task} task; --task {task} is available for {string.Join(", ", offering)}.", nameof(model));
    }

    public static int Run(Request request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(request.Output))
        {
            OutputPaths.CheckFile("--output", request.Output);
        }

        var trainer = MovieRecCli.Models.CreateBundleTrainer(request.Model, request.Settings);
        bool implicitTask = trainer.Predicts == PredictionKind.Ranking;
        var clock = Stopwatch.StartNew();
        var dataset = WithDescriptions(LoadDataset(request.Data, request.Path, request.SyntheticRatings), request.Descriptions, trainer.ReadsDescriptions);
        // A ranking model is measured as the NCF paper does (the latest interaction ranked among 99 never-rated movies),
        // the others on a seeded random split of --test-fraction.
        EvaluationSplit split;
        if (implicitTask)
        {
            split = ExperimentRunner.CreateSplit(EvaluationProtocol.LeaveOneOut99, dataset.Ratings, request.Seed);
        }
        else
        {
            var random = Splits.RandomSplit.Create(dataset.Ratings, request.TestFraction, request.Seed);
            split = new EvaluationSplit(random.Train, random.Test);
        }

        string splitText = implicitTask
            ? $"leave-one-out {split.Train.Count:N0} train / {split.Test.Count:N0} held-out interactions, each ranked among 99 never-rated movies"
            : $"random split {split.Train.Count:N0} train / {split.Test.Count:N0} test";
        AnsiConsole.MarkupLineInterpolated($"[bold]{dataset.Name}[/]: {dataset.Ratings.Count:N0} ratings, {dataset.UserCount:N0} users, {dataset.MovieCount:N0} movies; {splitText}; model [bold]{trainer.Name}[/]");
        BundleModel? model = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(trainer.Name, maxValue: 1.0);
                var sink = new ActionProgress<TrainingProgress>(p =>
                {
                    task.Value = Math.Min(1.0, (p.Epoch - 1 + ((double)p.Batch / p.Batches)) / p.Epochs);
                    string validation = p.ValidationLoss is { } v ? string.Create(CultureInfo.InvariantCulture, $", validation {v:F4}") : string.Empty;
                    // A trainer that reports only its completed fraction (NCF's stages, the classical models) has no epochs or loss to show.
                    task.Description = !double.IsNaN(p.RunningLoss)
                        ? string.Create(CultureInfo.InvariantCulture, $"{trainer.Name} [grey]epoch {p.Epoch}/{p.Epochs}, loss {p.RunningLoss:F4}{validation}[/]")
                        : trainer.Name;
                });
                model = trainer.Fit(dataset, split.Train, sink, cancellationToken);
                task.Value = 1.0;
            });

        using var trained = model!;
        if (trainer.HasTrainingOptions)
        {
            string trainedOn = trained.Bundle.Model.Metadata.TryGetValue(Trainer.TrainingDeviceKey, out var device) ? device : trained.DeviceName;
            if (trained.FallbackReason is { } why)
            {
                AnsiConsole.MarkupLineInterpolated($"Trained on [bold]{trainedOn}[/] [grey](CUDA not used: {why})[/]");
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated($"Trained on [bold]{trainedOn}[/]");
            }
        }

        var history = trained.Bundle.History;
        var metricOptions = new ExperimentOptions { TopKs = [] };
        var rows = new List<(string Name, IReadOnlyDictionary<string, double> Metrics, double Seconds)>
        {
            (trained.Name, ExperimentRunner.Evaluate(trained, split, metricOptions), clock.Elapsed.TotalSeconds),
        };
        if (request.CompareWithMf)
        {
            var mfClock = Stopwatch.StartNew();
            IRatingTrainer baseline = implicitTask
                ? BaselineCatalog.ImplicitAlternatingLeastSquares()
                : BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { Seed = trainer.Training.Seed });
            IRatingPredictor mf = baseline.Fit(split.Train, cancellationToken: cancellationToken);
            rows.Add((implicitTask ? "ials (implicit ALS)" : "mf (biased)", ExperimentRunner.Evaluate(mf, split, metricOptions), mfClock.Elapsed.TotalSeconds));
        }

        string[] columns = trainer.Predicts switch
        {
            PredictionKind.Ranking => ["HR@10", "NDCG@10", "MRR"],
            PredictionKind.LikeProbability => ["Accuracy", "AUC", "LogLoss"],
            _ => ["MSE", "RMSE", "MAE"],
        };
        string title = implicitTask
            ? $"Test metrics ({split.Test.Count:N0} held-out interactions)"
            : $"Test metrics ({split.Test.Count:N0} held-out ratings)";
        var table = new Table().Title(title).AddColumn("model");
        foreach (string column in columns)
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        table.AddColumn(new TableColumn("train s").RightAligned());
        foreach (var (name, metrics, seconds) in rows)
        {
            table.AddRow([name, .. columns.Select(c => metrics.TryGetValue(c, out double v) ? F(v) : "—"), seconds.ToString("F1", CultureInfo.InvariantCulture)]);
        }

        AnsiConsole.Write(table);
        if (trainer.HasTrainingOptions && history.Count > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"Epochs run: {history.Count}; best epoch: {trained.Bundle.BestEpoch}; final training loss {history[^1].TrainingLoss:F4}; {history.Average(h => h.Seconds):F2} s per epoch");
        }
        else if (trainer.HasTrainingOptions)
        {
            AnsiConsole.MarkupLine("Final stage: no epoch improved on the pre-trained weights, which were kept.");
        }

        if (request.ShowRecommendations > 0)
        {
            var recommender = Recommender.Create(trained, trained.Bundle.Dataset.Seen);
            int user = 1;
            RecommendationTable.Write(trained.Bundle.Dataset, recommender.Favourites(user, new RecommendationOptions { Count = request.ShowRecommendations }), $"Favourites of user {trained.Bundle.Dataset.UserIds[user]}", "predicted");
            RecommendationTable.Write(trained.Bundle.Dataset, recommender.SimilarMovies(1, new RecommendationOptions { Count = request.ShowRecommendations }), $"Movies similar to {trained.Bundle.Dataset.Titles[1]}", "cosine");
        }

        if (!string.IsNullOrEmpty(request.Output))
        {
            trained.Save(request.Output);
            AnsiConsole.MarkupLineInterpolated($"Saved model bundle [bold]{request.Output}[/]");
        }

        return 0;
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
