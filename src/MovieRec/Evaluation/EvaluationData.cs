using MovieRec.Data;
using MovieRec.Splits;

namespace MovieRec.Evaluation;

/// <summary>
/// Resolves a dataset name or folder for the evaluation tools: <c>ml-100k</c>, <c>ml-latest-small</c>
/// (or any MovieLens CSV release folder), <c>ml-1m</c>, or <c>synthetic</c>. Names are looked up
/// under the given data root, then under the MOVIEREC_DATA folder.
/// </summary>
internal static class EvaluationData
{
    public static (RecommendationDataset Dataset, IReadOnlyList<EvaluationSplit>? Folds) Load(string nameOrPath, EvaluationProtocol protocol, string? dataRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (string.Equals(nameOrPath, SyntheticDataset.Name, StringComparison.OrdinalIgnoreCase))
        {
            if (protocol == EvaluationProtocol.MovieLens100KFolds)
            {
                throw new ArgumentException("The ml100k-folds protocol needs the ml-100k dataset.", nameof(protocol));
            }

            return (SyntheticDataset.Generate(100_000), null);
        }

        string folder = Resolve(nameOrPath, dataRoot);
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        if (File.Exists(Path.Combine(folder, "u.data")))
        {
            var dataset = MovieLens100K.Load(folder);
            IReadOnlyList<EvaluationSplit>? folds = null;
            if (protocol == EvaluationProtocol.MovieLens100KFolds)
            {
                folds = new[] { "u1", "u2", "u3", "u4", "u5" }
                    .Select(f => PredefinedSplit.MovieLens100K(dataset, folder, f))
                    .Select(s => new EvaluationSplit(s.Train, s.Test))
                    .ToArray();
            }

            return (dataset, folds);
        }

        if (protocol == EvaluationProtocol.MovieLens100KFolds)
        {
            throw new ArgumentException($"The ml100k-folds protocol needs the ml-100k dataset; '{folder}' has no u.data.", nameof(protocol));
        }

        if (File.Exists(Path.Combine(folder, "ratings.csv")))
        {
            return (MovieLensCsv.Load(folder, name), null);
        }

        if (File.Exists(Path.Combine(folder, "ratings.dat")))
        {
            return (MovieLens1M.Load(folder), null);
        }

        throw new FileNotFoundException($"'{folder}' holds no known ratings file (u.data, ratings.csv or ratings.dat).", folder);
    }

    private static string Resolve(string nameOrPath, string? dataRoot)
    {
        if (Directory.Exists(nameOrPath))
        {
            return nameOrPath;
        }

        foreach (string? root in new[] { dataRoot, Environment.GetEnvironmentVariable(DataDefaults.DataEnvironmentVariable) })
        {
            if (!string.IsNullOrEmpty(root) && Directory.Exists(Path.Combine(root, nameOrPath)))
            {
                return Path.Combine(root, nameOrPath);
            }
        }

        throw new DirectoryNotFoundException(
            $"Dataset '{nameOrPath}' was not found: it is not a folder, and neither --data-dir nor {DataDefaults.DataEnvironmentVariable} holds a folder of that name.");
    }
}
