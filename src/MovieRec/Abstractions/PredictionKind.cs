namespace MovieRec.Abstractions;

/// <summary>
/// What a model's score is, which decides how it is measured (RMSE and MAE, ranking metrics, or accuracy, AUC and
/// log-loss) and how a rating threshold applies to it: <see cref="IRatingPredictor.Predicts"/>.
/// </summary>
public enum PredictionKind
{
    /// <summary>A rating on the dataset's scale, so RMSE and MAE are meaningful.</summary>
    Rating,

    /// <summary>A score that only orders movies for a user (learnt from implicit feedback); higher is better.</summary>
    Ranking,

    /// <summary>The probability, in [0, 1], that the user likes the movie (a like/dislike classifier).</summary>
    LikeProbability,
}
