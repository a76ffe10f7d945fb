namespace MovieRec.Data;

/// <summary>Options of <see cref="DatasetDownloader.FetchAsync"/>.</summary>
public sealed record DownloadOptions
{
    /// <summary>
    /// Base address the archive name is appended to. Default the GroupLens MovieLens folder
    /// (<c>https://files.grouplens.org/datasets/movielens/</c>). Must be HTTPS unless the host is the
    /// local machine (for tests and mirrors on localhost).
    /// </summary>
    public string BaseUrl { get; init; } = DataDefaults.GroupLensBaseUrl;

    /// <summary>Download again even when the dataset is already in the cache. Default false.</summary>
    public bool Force { get; init; } = DataDefaults.ForceDownload;

    /// <summary>Folder that receives NAME/; <see langword="null"/> (the default) for <see cref="DatasetCatalog.CacheRoot"/>.</summary>
    public string? TargetRoot { get; init; }

    /// <summary>SHA-256 (hex) the archive must have; <see langword="null"/> to use the catalogue's, if any.</summary>
    public string? ExpectedSha256 { get; init; }

    /// <summary>How long the server may send nothing (no headers, or no bytes of the body) before the download is abandoned and its partial file removed. Default 60 seconds.</summary>
    public TimeSpan StallTimeout { get; init; } = DataDefaults.DownloadStallTimeout;

    /// <summary>The largest archive accepted, in bytes; a larger one is abandoned as soon as it is known. Default 2 GiB (MovieLens 25M's archive has 262 MB).</summary>
    public long MaxArchiveBytes { get; init; } = DataDefaults.MaxArchiveBytes;

    /// <summary>How many times its own size the archive may inflate to; more is refused as a zip bomb before anything is unpacked. Default 20 (MovieLens archives inflate three to five times).</summary>
    public int MaxInflationRatio { get; init; } = DataDefaults.MaxInflationRatio;

    /// <summary>Also fetch NAME.zip.md5 beside the archive and check it when the server has one. Default true.</summary>
    public bool CheckPublishedMd5 { get; init; } = DataDefaults.CheckPublishedMd5;
}
