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

    /// <summary>Also fetch NAME.zip.md5 beside the archive and check it when the server has one. Default true.</summary>
    public bool CheckPublishedMd5 { get; init; } = DataDefaults.CheckPublishedMd5;
}
