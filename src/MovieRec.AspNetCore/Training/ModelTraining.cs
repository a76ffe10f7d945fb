using System.Globalization;
using MovieRec.Abstractions;
using MovieRec.AspNetCore.Serving;
using MovieRec.AspNetCore.Storage;
using MovieRec.Evaluation;
using MovieRec.Onnx.Export;
using MovieRec.Splits;
using Microsoft.Extensions.Logging;

namespace MovieRec.AspNetCore.Training;

/// <summary>
/// Trains the configured model on everything the database holds, writes its bundle atomically into the models folder,
/// registers it as the active version and swaps it in. Its validation figure comes from a second fit on 90 % of the
/// ratings, tested on the other 10 %.
/// </summary>
internal sealed partial class ModelTraining(MovieRecServerOptions options, RecommenderDatabase database, ModelRecords records, ModelHost host, ServerMetrics metrics, ILogger<ModelTraining> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Gets the bundle files this instance wrote, which the folder watcher leaves to the registry.</summary>
    public HashSet<string> OwnFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Trains, registers and swaps in a new model; never two at once in this process.</summary>
    public async Task<ModelRecord> TrainAsync(string why, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Training(logger, options.Model, why);
            var (dataset, snapshotAt) = await DatasetImport.LoadAsync(database, cancellationToken).ConfigureAwait(false);
            if (dataset.Ratings.Count == 0)
            {
                throw new InvalidOperationException("The database holds no ratings to train on.");
            }

            var trainer = BaselineBundleTrainer.Create(options.Model);
            double? validation = null;
            if (trainer.Predicts != PredictionKind.Ranking && dataset.Ratings.Count >= 100)
            {
                var split = RandomSplit.Create(dataset.Ratings, 0.1, seed: 1);
                using var check = trainer.Fit(dataset, split.Train, cancellationToken: cancellationToken);
                var predicted = new float[split.Test.Count];
                check.Predict(split.Test.Users, split.Test.Movies, predicted);
                validation = RatingMetrics.RootMeanSquaredError(predicted, split.Test.Ratings);
            }

            long version = await records.NextVersionAsync(cancellationToken).ConfigureAwait(false);
            string file = string.Create(CultureInfo.InvariantCulture, $"{options.Model}-v{version}-{Guid.NewGuid():N}.zip");
            Directory.CreateDirectory(host.Folder);
            using (var model = trainer.Fit(dataset, dataset.Ratings, cancellationToken: cancellationToken))
            {
                lock (OwnFiles)
                {
                    OwnFiles.Add(file);
                }

                model.Save(Path.Combine(host.Folder, file));
            }

            var record = await records.ActivateAsync(
                new ModelRecord(0, options.Model, file, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), snapshotAt, dataset.Ratings.Count, dataset.UserCount, dataset.MovieCount, validation),
                cancellationToken).ConfigureAwait(false);
            if (host.TrySwap(record))
            {
                metrics.Serving(record.Version);
            }

            Trained(logger, options.Model, record.Version, dataset.Ratings.Count, validation ?? double.NaN);
            return record;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training {Model}: {Why}")]
    private static partial void Training(ILogger logger, string model, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trained {Model} version {Version} on {Ratings} ratings; validation RMSE {Rmse:F4}")]
    private static partial void Trained(ILogger logger, string model, long version, int ratings, double rmse);
}
