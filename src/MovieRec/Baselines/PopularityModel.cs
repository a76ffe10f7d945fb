using System.Numerics.Tensors;
using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>
/// Non-personalised baseline: every user gets the same score per movie, its rating count
/// (<see cref="PopularityKind.MostRated"/>) or its Bayesian average rating (<see cref="PopularityKind.BestRated"/>).
/// </summary>
/// <remarks>Cold start: an unknown movie scores 0 (most rated) or the global mean (best rated); the user is ignored.</remarks>
public sealed class PopularityModel : IRatingPredictor
{
    private readonly float[] _scores;
    private readonly float _unknown;

    internal PopularityModel(string name, PopularityKind kind, float[] scores, float unknown)
    {
        Name = name;
        Kind = kind;
        _scores = scores;
        _unknown = unknown;
        _scores[0] = unknown;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The ranking criterion.</summary>
    public PopularityKind Kind { get; }

    /// <inheritdoc/>
    public PredictionKind Predicts => Kind == PopularityKind.BestRated ? PredictionKind.Rating : PredictionKind.Ranking;

    /// <inheritdoc/>
    public int UserIndexBound => 0;

    /// <inheritdoc/>
    public int MovieIndexBound => _scores.Length;

    /// <inheritdoc/>
    public FactorMatrix? UserVectors => null;

    /// <inheritdoc/>
    public FactorMatrix? MovieVectors => null;

    /// <inheritdoc/>
    public float Predict(int user, int movie) => (uint)movie < (uint)_scores.Length ? _scores[movie] : _unknown;

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        _scores.CopyTo(scores);
    }

    internal static PopularityModel Create(string name, RatingMatrix data, PopularityOptions options)
    {
        var scores = new float[data.MovieBound];
        for (int m = 1; m < scores.Length; m++)
        {
            var ratings = data.RatingsOfMovie(m);
            scores[m] = options.Kind == PopularityKind.MostRated
                ? ratings.Length
                : (TensorPrimitives.Sum(ratings) + ((float)options.PriorStrength * data.Mean)) / (ratings.Length + (float)options.PriorStrength);
            if (ratings.Length == 0 && options.Kind == PopularityKind.BestRated)
            {
                scores[m] = data.Mean;
            }
        }

        return new PopularityModel(name, options.Kind, scores, options.Kind == PopularityKind.MostRated ? 0f : data.Mean);
    }
}
