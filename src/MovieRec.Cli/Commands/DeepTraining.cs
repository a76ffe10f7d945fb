using System.Diagnostics;
using System.Globalization;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Training;
using MovieRec.Recommendation;
using MovieRec.Splits;
using Spectre.Console;

namespace MovieRec.Cli.Commands;

/// <summary>What <c>train</c> and <c>quickstart</c> share: load, split, train with a progress bar, report, save.</summary>
internal static class DeepTraining
{
    public sealed record Request(
        string Model,
        string Data,
        string? Path,
        int? SyntheticRatings,
        DeepTrainingSettings Settings,
        double TestFraction,
        bool CompareWithMf,
        string? Output,
        int ShowRecommendations);

    public static RecommendationDataset LoadDataset(string data, string? path, int? syntheticRatings) =>
        string.Equals(data, SyntheticDataset.Name, StringComparison.OrdinalIgnoreCase) && syntheticRatings is { } n
            ? SyntheticDataset.Generate(n)
            : DatasetCatalog.Load(data, path);

    public static int Run(Request request, CancellationToken cancellationToken)
    {
        var trainer = DeepModelCatalog.Create(request.Model, request.Settings);
        var clock = Stopwatch.StartNew();
        var dataset = LoadDataset(request.Data, request.Path, request.SyntheticRatings);
        var split = RandomSplit.Create(dataset.Ratings, request.TestFraction, request.Settings.Seed);
        AnsiConsole.MarkupLineInterpolated($"[bold]{dataset.Name}[/]: {dataset.Ratings.Count:N0} ratings, {dataset.UserCount:N0} users, {dataset.MovieCount:N0} movies; random split {split.Train.Count:N0} train / {split.Test.Count:N0} test; model [bold]{trainer.Name}[/]");
        DeepRatingModel? model = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(trainer.Name, maxValue: 1.0);
                var sink = new ActionProgress<TrainingProgress>(p =>
                {
                    task.Value = Math.Min(1.0, (p.Epoch - 1 + ((double)p.Batch / p.Batches)) / p.Epochs);
                    string validation = p.ValidationLoss is { } v ? string.Create(CultureInfo.InvariantCulture, $", validation {v:F4}") : string.Empty;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{trainer.Name} [grey]epoch {p.Epoch}/{p.Epochs}, loss {p.RunningLoss:F4}{validation}[/]");
                });
                model = trainer.Fit(dataset, split.Train, sink, cancellationToken);
                task.Value = 1.0;
            });

        using var trained = model!;
        var history = trained.Bundle.History;
        var rows = new List<(string Name, double Mse, double Mae, double Seconds)>
        {
            Metrics(trained.Name, trained, split.Test, clock.Elapsed.TotalSeconds),
        };
        if (request.CompareWithMf)
        {
            var mfClock = Stopwatch.StartNew();
            var mf = BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { Seed = request.Settings.Seed }).Fit(split.Train, cancellationToken: cancellationToken);
            rows.Add(Metrics("mf (biased)", mf, split.Test, mfClock.Elapsed.TotalSeconds));
        }

        var table = new Table().Title($"Test metrics ({split.Test.Count:N0} held-out ratings)").AddColumn("model")
            .AddColumn(new TableColumn("MSE").RightAligned()).AddColumn(new TableColumn("RMSE").RightAligned())
            .AddColumn(new TableColumn("MAE").RightAligned()).AddColumn(new TableColumn("train s").RightAligned());
        foreach (var (name, mse, mae, seconds) in rows)
        {
            table.AddRow(name, F(mse), F(Math.Sqrt(mse)), F(mae), seconds.ToString("F1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Epochs run: {history.Count}; best epoch: {trained.Bundle.Metadata["best_epoch"]}; final training loss {history[^1].TrainingLoss:F4}; {history.Average(h => h.Seconds):F2} s per epoch");
        if (request.ShowRecommendations > 0)
        {
            var recommender = Recommender.Create(trained, trained.Bundle.Catalog.Seen);
            int user = 1;
            RecommendationTable.Write(trained.Bundle.Catalog, recommender.Favourites(user, new RecommendationOptions { Count = request.ShowRecommendations }), $"Favourites of user {trained.Bundle.Catalog.UserIds[user]}", "predicted");
            RecommendationTable.Write(trained.Bundle.Catalog, recommender.SimilarMovies(1, new RecommendationOptions { Count = request.ShowRecommendations }), $"Movies similar to {trained.Bundle.Catalog.Titles[1]}", "cosine");
        }

        if (!string.IsNullOrEmpty(request.Output))
        {
            trained.Save(request.Output);
            AnsiConsole.MarkupLineInterpolated($"Saved model bundle [bold]{request.Output}[/]");
        }

        return 0;
    }

    private static (string, double, double, double) Metrics(string name, IRatingPredictor model, RatingsTable test, double seconds)
    {
        var predicted = new float[test.Count];
        model.Predict(test.Users, test.Movies, predicted);
        return (name, RatingMetrics.MeanSquaredError(predicted, test.Ratings), RatingMetrics.MeanAbsoluteError(predicted, test.Ratings), seconds);
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
