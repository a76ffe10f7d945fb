using MovieRec.Data;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models;

/// <summary>
/// Trains a deep rating model on a dataset's ratings and returns it as a <see cref="DeepRatingModel"/>
/// (whose <see cref="DeepRatingModel.Bundle"/> can be saved). Every deep model of the library
/// implements it, so the <c>movierec train</c> command and the evaluation scripts treat them alike.
/// </summary>
public interface IDeepRatingTrainer
{
    /// <summary>Short model name, for example <c>lstm-cnn</c>.</summary>
    string Name { get; }

    /// <summary>Trains a model.</summary>
    /// <param name="dataset">The dataset (users, movies, features); its ratings are not used.</param>
    /// <param name="train">The training ratings (dense indices of <paramref name="dataset"/>).</param>
    /// <param name="progress">Optional progress sink (per batch interval and per epoch).</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>The trained model; dispose it to release its native session.</returns>
    DeepRatingModel Fit(RecommendationDataset dataset, RatingsTable train, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}
