using MovieRec.Data;
using MovieRec.Splits;

namespace MovieRec.Evaluation;

/// <summary>
/// Loads a dataset for the evaluation tools: a name of <see cref="DatasetCatalog"/> (ml-100k,
/// ml-latest-small, ml-1m, synthetic, ...), found through <see cref="DatasetCatalog.Resolve"/>, or a
/// dataset folder (recognised by u.data, ratings.csv or ratings.dat). For the ml100k-folds protocol
/// it also loads the folds u1–u5 from the ML-100K folder.
/// </summary>
public static class EvaluationData
{
    /// <summary>Loads the dataset, and the folds when the protocol has predefined ones.</summary>
    /// <param name="nameOrPath">A dataset name of <see cref="DatasetCatalog"/> or a dataset folder.</param>
    /// <param name="protocol">The protocol; <see cref="EvaluationProtocol.MovieLens100KFolds"/> also loads u1–u5.</param>
    /// <param name="explicitPath">The folder of a named dataset, or null to find it through <see cref="DatasetCatalog.Resolve"/>.</param>
    /// <returns>The dataset and, for the folds protocol, the five folds (otherwise null).</returns>
    /// <exception cref="ArgumentException">The name is unknown, or the folds protocol is asked of a dataset without folds.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    /// <exception cref="DataFormatException">A file is malformed (the message names the file and line).</exception>
    public static (RecommendationDataset Dataset, IReadOnlyList<EvaluationSplit>? Folds) Load(string nameOrPath, EvaluationProtocol protocol, string? explicitPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        bool folds = protocol == EvaluationProtocol.MovieLens100KFolds;
        string? folder;
        RecommendationDataset dataset;
        if (explicitPath is null && nameOrPath.IndexOfAny(['/', '\\']) >= 0 && !Directory.Exists(nameOrPath))
        {
            // A path, not a name: say that the folder is missing rather than that no dataset has this name.
            throw new DirectoryNotFoundException($"Dataset folder '{nameOrPath}' does not exist.");
        }

        if (Directory.Exists(nameOrPath) && explicitPath is null)
        {
            folder = nameOrPath;
            dataset = LoadFolder(folder);
        }
        else
        {
            var info = DatasetCatalog.Get(nameOrPath);
            dataset = DatasetCatalog.Load(info.Name, explicitPath);
            folder = info.Format == DatasetFormat.MovieLens100K ? DatasetCatalog.Resolve(info.Name, explicitPath) : null;
        }

        if (!folds)
        {
            return (dataset, null);
        }

        if (folder is null || !File.Exists(Path.Combine(folder, "u1.base")))
        {
            throw new ArgumentException($"The ml100k-folds protocol needs the ml-100k dataset with its u1..u5 files; '{nameOrPath}' has none.", nameof(protocol));
        }

        var splits = new[] { "u1", "u2", "u3", "u4", "u5" }
            .Select(f => PredefinedSplit.MovieLens100K(dataset, folder, f))
            .Select(s => new EvaluationSplit(s.Train, s.Test))
            .ToArray();
        return (dataset, splits);
    }

    private static RecommendationDataset LoadFolder(string folder)
    {
        if (File.Exists(Path.Combine(folder, "u.data")))
        {
            return MovieLens100K.Load(folder);
        }

        if (File.Exists(Path.Combine(folder, "ratings.csv")))
        {
            return MovieLensCsv.Load(folder, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)));
        }

        if (File.Exists(Path.Combine(folder, "ratings.dat")))
        {
            return MovieLens1M.Load(folder);
        }

        throw new FileNotFoundException($"'{folder}' holds no known ratings file (u.data, ratings.csv or ratings.dat).", folder);
    }
}
