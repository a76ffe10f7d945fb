namespace MovieRec.Data;

/// <summary>Progress of <see cref="DatasetDownloader.FetchAsync"/>.</summary>
/// <param name="Stage">What is happening: "download", "verify", "extract" or "done".</param>
/// <param name="BytesDone">Bytes received so far (downloading) or processed (verifying).</param>
/// <param name="BytesTotal">Total bytes when known (the server's Content-Length), else <see langword="null"/>.</param>
public readonly record struct DownloadProgress(string Stage, long BytesDone, long? BytesTotal);
