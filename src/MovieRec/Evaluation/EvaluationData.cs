using MovieRec.Data;
using MovieRec.Splits;

namespace MovieRec.Evaluation;

/// <summary>
/// A dataset for the evaluation tools, loaded by <see cref="DatasetCatalog.Load"/> (a name or a folder), and for the
/// ml100k-folds protocol the folds u1–u5 of its ML-100K folder.
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
        var dataset = DatasetCatalog.Load(nameOrPath, explicitPath);
        if (protocol != EvaluationProtocol.MovieLens100KFolds)
        {
            return (dataset, null);
        }

        string? folder = dataset.Name == SyntheticDataset.Name ? null : DatasetCatalog.FolderOf(nameOrPath, explicitPath);
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
}
