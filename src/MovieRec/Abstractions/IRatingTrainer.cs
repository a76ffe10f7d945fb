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

    /// <summary>Trains a model on <paramref name="train"/>.</summary>
    /// <param name="train">Training ratings: dense 1-based indices, finite ratings, at least one row.</param>
    /// <param name="progress">Receives the completed fraction (0 to 1) as training advances; optional.</param>
    /// <param name="cancellationToken">Stops training between iterations.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">The table is empty or holds an invalid row.</exception>
    IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default);
}
