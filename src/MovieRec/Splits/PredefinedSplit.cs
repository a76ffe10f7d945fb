using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>The predefined splits that ship with a dataset (the ML-100K folds u1..u5, ua, ub).</summary>
public static class PredefinedSplit
{
    /// <summary>
    /// Loads an ML-100K fold (<c>NAME.base</c> / <c>NAME.test</c>) with the ids of <paramref name="dataset"/>.
    /// </summary>
    /// <param name="dataset">The ML-100K dataset loaded from the same folder.</param>
    /// <param name="folder">The ML-100K folder.</param>
    /// <param name="foldName">One of <see cref="MovieLens100K.FoldNames"/>: u1..u5 (5-fold 80/20), ua, ub (10 test ratings per user).</param>
    /// <param name="options">Bad-line policy; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="foldName"/> is not a known fold.</exception>
    /// <exception cref="DataFormatException">A line is malformed or names an id the dataset lacks.</exception>
    public static TrainTestSplit MovieLens100K(RecommendationDataset dataset, string folder, string foldName, DataLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Data.MovieLens100K.FoldNames.Contains(foldName))
        {
            throw new ArgumentException($"Unknown fold '{foldName}'; expected one of {string.Join(", ", Data.MovieLens100K.FoldNames)}.", nameof(foldName));
        }

        var context = new LoadContext(options);
        var train = Data.MovieLens100K.ReadRatings(Path.Combine(folder, foldName + ".base"), dataset.UserIds, dataset.MovieIds, context);
        var test = Data.MovieLens100K.ReadRatings(Path.Combine(folder, foldName + ".test"), dataset.UserIds, dataset.MovieIds, context);
        return new TrainTestSplit(train, test);
    }
}
