using MovieRec.Data;

namespace MovieRec.Abstractions;

/// <summary>
/// Trains a <see cref="IRatingPredictor"/> from ratings. Trainers are created by
/// <see cref="Baselines.BaselineCatalog"/> (or a deep-model catalog) and hold only their options, so one trainer
/// can fit many training sets.
/// </summary>
public interface IRatingTrainer
{
    /// <summary>Short model name, for example <c>mf</c>; the trained predictor carries the same name.</summary>
    string Name { get; }

    /// <summary>
    /// Whether the model reads the movies' plot descriptions (<see cref="MoviesTable.Descriptions"/>), so that an
    /// application joins them into the dataset first (the command line's <c>--descriptions</c>); false by default.
    /// </summary>
    bool ReadsDescriptions => false;

    /// <summary>Trains a model on <paramref name="train"/>.</summary>
    /// <param name="train">Training ratings: dense 1-based indices, finite ratings, at least one row.</param>
    /// <param name="progress">Receives the completed fraction (0 to 1) as training advances; optional.</param>
    /// <param name="cancellationToken">Stops training between iterations.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">The table is empty or holds an invalid row.</exception>
    IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Trains a model on ratings that index <paramref name="dataset"/>, whose side information (user
    /// demographics, movie genres and titles) the model may read. Models that use none train exactly as
    /// <see cref="Fit(RatingsTable, IProgress{double}?, CancellationToken)"/> does (the default); models that
    /// need it (the rating CNNs) override this one.
    /// </summary>
    /// <param name="dataset">The dataset the indices of <paramref name="train"/> refer to; its own ratings are not used.</param>
    /// <param name="train">Training ratings: dense 1-based indices of <paramref name="dataset"/>, finite ratings, at least one row.</param>
    /// <param name="progress">Receives the completed fraction (0 to 1) as training advances; optional.</param>
    /// <param name="cancellationToken">Stops training between iterations.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">The table is empty, holds an invalid row, or refers to users or movies the dataset lacks.</exception>
    IRatingPredictor Fit(RecommendationDataset dataset, RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(train, progress, cancellationToken);
}
