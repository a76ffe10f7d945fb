namespace MovieRec.Data;

/// <summary>
/// Named datasets (ml-100k, ml-1m, ml-latest-small, ml-20m, ml-25m, synthetic) and where to find them:
/// an explicit folder, else <c>$MOVIEREC_DATA/NAME</c>, else the per-user download cache
/// (<see cref="CacheRoot"/>/NAME).
/// </summary>
/// <remarks>
/// No SHA-256 is pinned for the GroupLens archives: GroupLens publishes MD5 sums beside them
/// (<c>NAME.zip.md5</c>), which <see cref="DatasetDownloader"/> checks, together with every entry's
/// CRC-32, and it records the SHA-256 it computed in the dataset folder.
/// </remarks>
public static class DatasetCatalog
{
    /// <summary>The known datasets.</summary>
    public static IReadOnlyList<DatasetInfo> Known { get; } =
    [
        new("ml-100k", DatasetFormat.MovieLens100K, "ml-100k.zip", "u.data", null, "MovieLens 100K: 100,000 ratings, 943 users, 1,682 movies, demographics (1998)"),
        new("ml-1m", DatasetFormat.MovieLens1M, "ml-1m.zip", "users.dat", null, "MovieLens 1M: 1,000,209 ratings, 6,040 users, 3,883 movies, demographics (2003)"),
        new("ml-latest-small", DatasetFormat.MovieLensCsv, "ml-latest-small.zip", "ratings.csv", null, "MovieLens latest-small: about 100,000 ratings, 610 users, 9,742 movies (changes over time)"),
        new("ml-20m", DatasetFormat.MovieLensCsv, "ml-20m.zip", "ratings.csv", null, "MovieLens 20M: 20,000,263 ratings, 138,493 users, 27,278 movies (2016)"),
        new("ml-25m", DatasetFormat.MovieLensCsv, "ml-25m.zip", "ratings.csv", null, "MovieLens 25M: 25,000,095 ratings, 162,541 users, 62,423 movies (2019)"),
        new(NetflixPrize.Name, DatasetFormat.NetflixPrize, null, "movie_titles.csv", null, "Netflix Prize: combined_data_*.txt + movie_titles.csv (not redistributed: pass the folder with --path or put it under the data folder as netflix-prize/)"),
        new(SyntheticDataset.Name, DatasetFormat.Synthetic, null, null, null, "Generated offline with the ML-1M schema (100,000 ratings by default)"),
    ];

    /// <summary>The per-user download cache: LocalApplicationData/MovieRec/datasets.</summary>
    public static string CacheRoot =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "MovieRec", "datasets");

    /// <summary>Returns the catalogue entry of <paramref name="name"/>.</summary>
    /// <param name="name">A name of <see cref="Known"/> (case-insensitive).</param>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static DatasetInfo Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Known.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown dataset '{name}'; known: {string.Join(", ", Known.Select(d => d.Name))}.", nameof(name));
    }

    /// <summary>The folders searched for <paramref name="name"/>, in order.</summary>
    /// <param name="name">A dataset name.</param>
    /// <param name="explicitPath">A folder given by the user, tried first when not null.</param>
    public static IReadOnlyList<string> Candidates(string name, string? explicitPath = null)
    {
        var info = Get(name);
        var list = new List<string>();
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            list.Add(Path.GetFullPath(explicitPath));
        }

        string? env = Environment.GetEnvironmentVariable(DataDefaults.DataEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            list.Add(Path.GetFullPath(Path.Combine(env, info.Name)));
        }

        list.Add(Path.Combine(CacheRoot, info.Name));
        return list;
    }

    /// <summary>
    /// Finds the folder of <paramref name="name"/>: the explicit path when given (it must hold the
    /// dataset), else the first candidate that holds the marker file.
    /// </summary>
    /// <param name="name">A dataset name (not "synthetic", which has no folder).</param>
    /// <param name="explicitPath">A folder given by the user; when set it is the only place looked at.</param>
    /// <returns>The folder, or <see langword="null"/> when the dataset is nowhere.</returns>
    public static string? Resolve(string name, string? explicitPath = null)
    {
        var info = Get(name);
        if (info.MarkerFile is null)
        {
            return null;
        }

        var candidates = Candidates(name, explicitPath);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            candidates = [candidates[0]];
        }

        return candidates.FirstOrDefault(folder => File.Exists(Path.Combine(folder, info.MarkerFile)));
    }

    /// <summary>
    /// The one loader of the library: a named dataset from wherever <see cref="Resolve"/> finds it ("synthetic" is
    /// generated), or a dataset folder, recognised by its ratings file (u.data, ratings.csv or ratings.dat).
    /// </summary>
    /// <param name="nameOrFolder">A name of <see cref="Known"/> (case-insensitive) or a dataset folder.</param>
    /// <param name="explicitPath">For a name: the folder that holds it, or <see langword="null"/> to search for it.</param>
    /// <param name="options">Bad-line policy; <see langword="null"/> for the defaults.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ArgumentException">Not a known name, nor an existing folder.</exception>
    /// <exception cref="DirectoryNotFoundException">A named dataset is in none of the searched folders (the message lists them), or a path names no folder.</exception>
    /// <exception cref="FileNotFoundException">A folder holds no known ratings file.</exception>
    /// <exception cref="DataFormatException">A file is malformed (the message names the file and line).</exception>
    public static RecommendationDataset Load(string nameOrFolder, string? explicitPath = null, DataLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrFolder);
        if (explicitPath is null && !Known.Any(d => string.Equals(d.Name, nameOrFolder, StringComparison.OrdinalIgnoreCase)))
        {
            if (Directory.Exists(nameOrFolder))
            {
                return LoadFolder(nameOrFolder, options);
            }

            if (nameOrFolder.IndexOfAny(['/', '\\']) >= 0)
            {
                // A path, not a name: say that the folder is missing rather than that no dataset has this name.
                throw new DirectoryNotFoundException($"Dataset folder '{nameOrFolder}' does not exist.");
            }
        }

        var info = Get(nameOrFolder);
        if (info.Format == DatasetFormat.Synthetic)
        {
            return SyntheticDataset.Generate(SyntheticDefaults.NumberOfRatings);
        }

        string folder = Resolve(info.Name, explicitPath) ?? throw new DirectoryNotFoundException(
            $"Dataset '{info.Name}' was not found (looked for {info.MarkerFile} in: {string.Join("; ", Candidates(info.Name, explicitPath))}). "
            + $"Download it with 'movierec data fetch {info.Name}', or set {DataDefaults.DataEnvironmentVariable} to a folder holding {info.Name}/.");
        return Read(info.Format, folder, info.Name, options);
    }

    /// <summary>The folder of a dataset that <see cref="Load"/> read from files (by name or as a folder), or null for a generated one.</summary>
    /// <param name="nameOrFolder">As given to <see cref="Load"/>.</param>
    /// <param name="explicitPath">As given to <see cref="Load"/>.</param>
    /// <returns>The folder, or null.</returns>
    public static string? FolderOf(string nameOrFolder, string? explicitPath = null) =>
        explicitPath is null && Directory.Exists(nameOrFolder) && !Known.Any(d => string.Equals(d.Name, nameOrFolder, StringComparison.OrdinalIgnoreCase))
            ? nameOrFolder
            : Resolve(Get(nameOrFolder).Name, explicitPath);

    private static RecommendationDataset LoadFolder(string folder, DataLoadOptions? options)
    {
        foreach (var info in Known.Where(d => d.MarkerFile is not null && d.Format != DatasetFormat.NetflixPrize))
        {
            string ratings = info.Format switch
            {
                DatasetFormat.MovieLens100K => "u.data",
                DatasetFormat.MovieLens1M => "ratings.dat",
                _ => "ratings.csv",
            };
            if (File.Exists(Path.Combine(folder, ratings)))
            {
                return Read(info.Format, folder, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), options);
            }
        }

        throw new FileNotFoundException($"'{folder}' holds no known ratings file (u.data, ratings.csv or ratings.dat).", folder);
    }

    private static RecommendationDataset Read(DatasetFormat format, string folder, string name, DataLoadOptions? options) => format switch
    {
        DatasetFormat.MovieLens100K => MovieLens100K.Load(folder, options),
        DatasetFormat.MovieLens1M => MovieLens1M.Load(folder, options),
        DatasetFormat.NetflixPrize => NetflixPrize.Load(folder, options),
        _ => MovieLensCsv.Load(folder, name, options),
    };
}
