using MovieRec.Onnx.Models.RatingCnn;
using System.Diagnostics;
using System.Globalization;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.SeqCnn;
using MovieRec.Onnx.Training;
using MovieRec.Splits;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// Seconds per training epoch of the sequence CNN (paper settings and tuned) beside LSTM-CNN, text-CNN and biased MF,
/// one after the other in one run on the training part of ML-100K's random 80/20 split (seed 1).
/// </summary>
/// <remarks>
/// Arguments (optional): <c>--data ml-100k</c>, <c>--epochs 2</c>. Early stopping is off so every model runs the same
/// epochs; the tuned model's time includes training its matrix factorisation first (reported apart).
/// </remarks>
public static class SeqCnnSpeedReport
{
    public static int Run(string[] args)
    {
        string data = Arg(args, "--data", "ml-100k");
        int epochs = int.Parse(Arg(args, "--epochs", "2"), CultureInfo.InvariantCulture);
        var dataset = DatasetCatalog.Load(data);
        var train = RandomSplit.Create(dataset.Ratings, 0.2, 1).Train;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{dataset.Name}: {train.Count:N0} training ratings, {epochs} epochs each, {Environment.ProcessorCount} logical cores"));
        Console.WriteLine("| model | batch | s per epoch | training s |");
        Console.WriteLine("|---|---:|---:|---:|");
        DeepTrainingOptions Fixed(DeepTrainingOptions t) => t with { Epochs = epochs, ValidationFraction = 0, Patience = 0 };
        var tuned = SeqCnnOptions.Tuned();
        (string Name, BundleTrainer Trainer)[] trainers =
        [
            ("seq-cnn (paper: SGD, batch 32, filters 64-128-256)", SeqCnnTrainer.Create(new SeqCnnOptions { Training = Fixed(SeqCnnOptions.Defaults.Training) })),
            ("seq-cnn-tuned (filters 32-64-128, MF terms fixed)", SeqCnnTrainer.Create(tuned with { Training = Fixed(tuned.Training) })),
            ("lstm-cnn (paper)", RatingCnnTrainer.Create(new RatingCnnOptions { Variant = RatingCnnVariant.LstmCnn, Training = Fixed(RatingCnnOptions.Defaults.Training) })),
            ("text-cnn (paper)", RatingCnnTrainer.Create(new RatingCnnOptions { Variant = RatingCnnVariant.TextCnn, Training = Fixed(RatingCnnOptions.Defaults.Training) })),
        ];
        foreach (var (name, trainer) in trainers)
        {
            var clock = Stopwatch.StartNew();
            using var model = trainer.Fit(dataset, train);
            double total = clock.Elapsed.TotalSeconds;
            double perEpoch = model.Bundle.History.Average(e => e.Seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {trainer.Training.BatchSize} | {perEpoch:F2} | {total:F2} |"));
        }

        var mfClock = Stopwatch.StartNew();
        BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = tuned.ApproximationRank, Seed = 1 }).Fit(train);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| biased MF, rank {tuned.ApproximationRank} (the tuned model's first step) | — | — | {mfClock.Elapsed.TotalSeconds:F2} |"));
        return 0;
    }
}
