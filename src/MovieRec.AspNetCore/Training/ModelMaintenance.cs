using MovieRec.AspNetCore.Serving;
using MovieRec.AspNetCore.Storage;
using MovieRec.Onnx.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MovieRec.AspNetCore.Training;

/// <summary>
/// Keeps the serving model current, on every instance: swaps to the version another instance activated (the registry
/// is polled), validates and activates a bundle dropped into the models folder, and retrains when enough ratings
/// arrived or the retraining interval passed, under a lease in the database so that one instance at a time retrains.
/// </summary>
internal sealed partial class ModelMaintenance(
    MovieRecServerOptions options,
    ModelHost host,
    ModelRecords records,
    RatingStore store,
    ModelTraining training,
    ServerMetrics metrics,
    ILogger<ModelMaintenance> logger) : BackgroundService
{
    internal const string RetrainLease = "retrain";
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Queue<string> _dropped = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private TaskCompletionSource _retrainRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asks for a retraining at the next poll (<c>POST /models/retrain</c>).</summary>
    public void RequestRetrain() => _retrainRequested.TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = new FileSystemWatcher(host.Folder, "*.zip") { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite };
        watcher.Created += (_, e) => Drop(e.Name);
        watcher.Renamed += (_, e) => Drop(e.Name);
        watcher.Changed += (_, e) => Drop(e.Name);
        watcher.EnableRaisingEvents = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.WhenAny(Task.Delay(options.PollInterval, stoppingToken), _retrainRequested.Task).ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
                await FollowRegistryAsync(stoppingToken).ConfigureAwait(false);
                await AdoptDroppedAsync(stoppingToken).ConfigureAwait(false);
                await RetrainIfDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database or a file was unavailable for a moment: the serving model stays, and the next poll tries again.
                PollFailed(logger, e.Message);
            }
        }
    }

    private void Drop(string? name)
    {
        if (name is null || name.Contains(".tmp", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        lock (_dropped)
        {
            if (_queued.Add(name))
            {
                _dropped.Enqueue(name);
            }
        }
    }

    /// <summary>Swaps to the active version of the registry when another instance (or a dropped bundle) changed it.</summary>
    private async Task FollowRegistryAsync(CancellationToken cancellationToken)
    {
        var active = await records.ActiveAsync(cancellationToken).ConfigureAwait(false);
        if (active is not null && active.Version != host.Serving?.Version && host.TrySwap(active))
        {
            metrics.Serving(active.Version);
        }
    }

    /// <summary>A bundle written into the folder by hand: validated, registered as the active version and swapped in.</summary>
    private async Task AdoptDroppedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            string? file;
            lock (_dropped)
            {
                if (!_dropped.TryDequeue(out file))
                {
                    return;
                }

                _queued.Remove(file);
            }

            lock (training.OwnFiles)
            {
                if (training.OwnFiles.Contains(file))
                {
                    continue;
                }
            }

            if (await records.ByFileAsync(file, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            ModelBundle bundle;
            try
            {
                bundle = ModelBundle.Load(Path.Combine(host.Folder, file));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                host.Refuse(file, e.Message);
                continue;
            }

            var record = await records.ActivateAsync(
                new ModelRecord(0, bundle.ModelKind, file, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), bundle.Dataset.Seen.Count, bundle.UserCount - 1, bundle.MovieCount - 1, null),
                cancellationToken).ConfigureAwait(false);
            if (host.TrySwap(record))
            {
                metrics.Serving(record.Version);
            }
        }
    }

    private async Task RetrainIfDueAsync(CancellationToken cancellationToken)
    {
        var serving = host.Serving;
        bool requested = _retrainRequested.Task.IsCompleted;
        long written = serving is null || options.RetrainAfterRatings == 0 ? 0 : await store.RatingsSinceAsync(serving.SnapshotAt, cancellationToken).ConfigureAwait(false);
        bool enough = serving is not null && options.RetrainAfterRatings > 0 && written >= options.RetrainAfterRatings;
        bool old = serving is not null && options.RetrainInterval is { } interval && DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - serving.TrainedAt >= interval.TotalMilliseconds;
        if (!requested && !enough && !old)
        {
            return;
        }

        if (requested)
        {
            _retrainRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (!await records.TryLeaseAsync(RetrainLease, _holder, TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await training.TrainAsync(requested ? "asked for" : enough ? $"{written} ratings written since the last model" : "the retraining interval passed", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await records.ReleaseAsync(RetrainLease, _holder, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model maintenance could not complete this round and tries again: {Reason}")]
    private static partial void PollFailed(ILogger logger, string reason);
}
