using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>
/// The majority-class reference of the like/dislike classifiers: every pair gets the training set's share of likes
/// (ratings ≥ the like threshold) as its like probability, so at probability 0.5 it predicts the majority class for
/// everyone. A classifier that does not beat its accuracy (the test set's base rate, or one minus it) has learned nothing.
/// </summary>
public sealed class MajorityClassModel : IRatingPredictor
{
    internal MajorityClassModel(float likeShare, int userBound, int movieBound)
    {
        LikeShare = likeShare;
        UserIndexBound = userBound;
        MovieIndexBound = movieBound;
    }

    /// <inheritdoc/>
    public string Name => "majority";

    /// <summary>Gets the share of likes among the training ratings: the probability every pair gets.</summary>
    public float LikeShare { get; }

    /// <inheritdoc/>
    public PredictionKind Predicts => PredictionKind.LikeProbability;

    /// <inheritdoc/>
    public int UserIndexBound { get; }

    /// <inheritdoc/>
    public int MovieIndexBound { get; }

    /// <inheritdoc/>
    public FactorMatrix? UserVectors => null;

    /// <inheritdoc/>
    public FactorMatrix? MovieVectors => null;

    /// <inheritdoc/>
    public float Predict(int user, int movie) => LikeShare;

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        PredictorChecks.CheckBatch(users, movies, output);
        output[..users.Length].Fill(LikeShare);
    }

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        scores[..MovieIndexBound].Fill(LikeShare);
    }

    /// <summary>Fits the share of likes.</summary>
    internal static MajorityClassModel Fit(RatingMatrix data, float likeThreshold)
    {
        int likes = 0;
        foreach (float r in data.Table.Ratings)
        {
            likes += r >= likeThreshold ? 1 : 0;
        }

        return new MajorityClassModel(likes / (float)data.Count, data.UserBound, data.MovieBound);
    }
}
