using System.Diagnostics.Metrics;

namespace MovieRec.AspNetCore;

/// <summary>
/// The server's metrics on the <c>MovieRec.AspNetCore</c> meter, which OpenTelemetry (or <c>dotnet-counters</c>) reads:
/// recommendation latency by source, fold-ins, rating writes and the serving model's version. ASP.NET Core's own
/// meters add the request latency of every endpoint.
/// </summary>
internal sealed class ServerMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MovieRec.AspNetCore";

    private readonly Meter _meter;
    private readonly Histogram<double> _recommendation;
    private readonly Counter<long> _foldIns;
    private readonly Counter<long> _writes;
    private long _version;

    public ServerMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _recommendation = _meter.CreateHistogram<double>("movierec.recommendation.duration", "ms", "Time to compute a user's recommendations.");
        _foldIns = _meter.CreateCounter<long>("movierec.fold_ins", description: "Users solved from their current ratings against the serving model.");
        _writes = _meter.CreateCounter<long>("movierec.rating_writes", description: "Ratings written or deleted.");
        _meter.CreateObservableGauge("movierec.model.version", () => Volatile.Read(ref _version), description: "The version of the serving model.");
    }

    public void Recommended(string source, double milliseconds) => _recommendation.Record(milliseconds, new KeyValuePair<string, object?>("source", source));

    public void FoldedIn() => _foldIns.Add(1);

    public void Wrote(int ratings) => _writes.Add(ratings);

    public void Serving(long version) => Volatile.Write(ref _version, version);

    public void Dispose() => _meter.Dispose();
}
