using MovieRec.AspNetCore.Serving;
using MovieRec.AspNetCore.Storage;
using MovieRec.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MovieRec.AspNetCore.Training;

/// <summary>
/// What happens before the first request: the schema is migrated, an empty database gets the configured dataset, a
/// database without a model gets a first one trained, and the active model is loaded (retrained when its bundle is gone).
/// The server listens only once this is done.
/// </summary>
internal sealed partial class ServerStartup(
    MovieRecServerOptions options,
    RecommenderDatabase database,
    RatingStore store,
    ModelRecords records,
    ModelHost host,
    ModelTraining training,
    ServerMetrics metrics,
    ILogger<ServerStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Starting(logger, database.Description, host.Folder);
        Directory.CreateDirectory(host.Folder);
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (!await store.HasMoviesAsync(cancellationToken).ConfigureAwait(false))
        {
            var dataset = LoadDataset(options.Data);
            if (await DatasetImport.ImportAsync(database, dataset, cancellationToken).ConfigureAwait(false))
            {
                Imported(logger, dataset.Name, dataset.Ratings.Count, dataset.UserCount, dataset.MovieCount);
            }
        }

        var active = await records.ActiveAsync(cancellationToken).ConfigureAwait(false);
        while (active is null)
        {
            // One instance trains the first model (the retraining lease); the others wait for it in the registry.
            if (await records.TryLeaseAsync(ModelMaintenance.RetrainLease, Holder, TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    if (await records.ActiveAsync(cancellationToken).ConfigureAwait(false) is null)
                    {
                        await training.TrainAsync("the database has no model yet", cancellationToken).ConfigureAwait(false);
                        return;
                    }
                }
                finally
                {
                    await records.ReleaseAsync(ModelMaintenance.RetrainLease, Holder, CancellationToken.None).ConfigureAwait(false);
                }
            }
            else
            {
                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
            }

            active = await records.ActiveAsync(cancellationToken).ConfigureAwait(false);
        }

        if (host.TrySwap(active))
        {
            metrics.Serving(active.Version);
        }
        else
        {
            await training.TrainAsync($"the active model's bundle {active.File} cannot be loaded", cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/startup";

    /// <summary>The dataset an empty database starts with: a name or folder, or <c>auto</c>: ML-100K, ml-latest-small, else synthetic.</summary>
    internal static RecommendationDataset LoadDataset(string data)
    {
        if (!string.Equals(data, MovieRecServerOptions.Defaults.Data, StringComparison.OrdinalIgnoreCase))
        {
            return DatasetCatalog.Load(data);
        }

        foreach (string name in new[] { "ml-100k", "ml-latest-small" })
        {
            if (DatasetCatalog.Resolve(name) is not null)
            {
                return DatasetCatalog.Load(name);
            }
        }

        return DatasetCatalog.Load(SyntheticDataset.Name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MovieRec server: database {Database}, models in {Models}")]
    private static partial void Starting(ILogger logger, string database, string models);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Dataset}: {Ratings} ratings, {Users} users, {Movies} movies")]
    private static partial void Imported(ILogger logger, string dataset, int ratings, int users, int movies);
}
