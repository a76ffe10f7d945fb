using MovieRec.AspNetCore.Storage;
using Microsoft.Extensions.Logging;

namespace MovieRec.AspNetCore.Serving;

/// <summary>
/// Holds the model that serves and swaps it atomically: a request leases the current model for its duration; a swap
/// makes the next one current and retires the old one, which is disposed when its last lease ends.
/// </summary>
internal sealed partial class ModelHost(MovieRecServerOptions options, ILogger<ModelHost> logger) : IDisposable
{
    private ServingModel? _current;

    /// <summary>Gets the folder the bundles live in.</summary>
    public string Folder { get; } = Path.GetFullPath(options.ResolvedModelsDirectory);

    /// <summary>Gets the record of the serving model, or null before the first is loaded.</summary>
    public ModelRecord? Serving => Volatile.Read(ref _current)?.Record;

    /// <summary>Gets why the last bundle offered was refused, or null.</summary>
    public string? LastRefusal { get; private set; }

    /// <summary>Leases the serving model for one request.</summary>
    /// <exception cref="InvalidOperationException">No model is loaded yet.</exception>
    public Lease Acquire()
    {
        while (true)
        {
            var model = Volatile.Read(ref _current) ?? throw new InvalidOperationException("No model is loaded yet.");
            if (model.TryAcquire())
            {
                return new Lease(model);
            }
        }
    }

    /// <summary>Loads, validates and swaps in the bundle of <paramref name="record"/>; on failure the serving model stays and false is returned.</summary>
    public bool TrySwap(ModelRecord record)
    {
        ServingModel next;
        try
        {
            next = ServingModel.Load(record, Folder, options.Encoder);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LastRefusal = $"model version {record.Version} ({record.File}) was refused: {e.Message}";
            Refused(logger, record.Version, record.File, e.Message);
            return false;
        }

        var old = Interlocked.Exchange(ref _current, next);
        old?.Release();
        LastRefusal = null;
        Swapped(logger, record.Version, record.Name, record.File);
        return true;
    }

    /// <summary>Records that a bundle dropped into the folder was refused before it could be registered.</summary>
    public void Refuse(string file, string reason)
    {
        LastRefusal = $"{file} was refused: {reason}";
        RefusedFile(logger, file, reason);
    }

    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Release();

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model version {Version} ({Name}, {File})")]
    private static partial void Swapped(ILogger logger, long version, string name, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model version {Version} ({File}) was refused and the serving model stays: {Reason}")]
    private static partial void Refused(ILogger logger, long version, string file, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bundle {File} was refused and the serving model stays: {Reason}")]
    private static partial void RefusedFile(ILogger logger, string file, string reason);

    /// <summary>A lease of the serving model; dispose it when the request is done.</summary>
    internal readonly struct Lease(ServingModel model) : IDisposable
    {
        public ServingModel Model { get; } = model;

        public void Dispose() => Model.Release();
    }
}
