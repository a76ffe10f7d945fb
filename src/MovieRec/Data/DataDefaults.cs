namespace MovieRec.Data;

/// <summary>Default values of the data layer's options, written once.</summary>
public static class DataDefaults
{
    /// <summary>Default of <see cref="DataLoadOptions.SkipBadLines"/>: fail on the first bad line.</summary>
    public const bool SkipBadLines = false;

    /// <summary>Default of <see cref="DataLoadOptions.MaxBadLineExamples"/>.</summary>
    public const int MaxBadLineExamples = 10;

    /// <summary>Default of <see cref="DataLoadOptions.IncludeTimestamps"/>.</summary>
    public const bool IncludeTimestamps = true;

    /// <summary>Name of the environment variable naming a folder that holds datasets (for example <c>ml-100k/</c>).</summary>
    public const string DataEnvironmentVariable = "MOVIEREC_DATA";

    /// <summary>Default of <see cref="DownloadOptions.Force"/>: keep a dataset already in the cache.</summary>
    public const bool ForceDownload = false;

    /// <summary>Default of <see cref="DownloadOptions.CheckPublishedMd5"/>.</summary>
    public const bool CheckPublishedMd5 = true;

    /// <summary>Default of <see cref="DownloadOptions.StallTimeout"/>.</summary>
    public static readonly TimeSpan DownloadStallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Default of <see cref="DownloadOptions.MaxArchiveBytes"/>: 2 GiB.</summary>
    public const long MaxArchiveBytes = 2L << 30;

    /// <summary>Default of <see cref="DownloadOptions.MaxInflationRatio"/>.</summary>
    public const int MaxInflationRatio = 20;

    /// <summary>Base address of the GroupLens MovieLens downloads.</summary>
    public const string GroupLensBaseUrl = "https://files.grouplens.org/datasets/movielens/";
}
