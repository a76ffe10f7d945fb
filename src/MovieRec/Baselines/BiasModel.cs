using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>
/// Baseline predictor r̂(u, i) = μ + b_u + b_i (the global-mean model has all biases zero),
/// clamped to the training rating range.
/// </summary>
/// <remarks>
/// Cold start: an unknown user contributes b_u = 0 and an unknown movie b_i = 0, so a pair with
/// both unknown scores the global mean μ.
/// </remarks>
public sealed class BiasModel : IRatingPredictor
{
    private readonly BiasTerms _biases;

    internal BiasModel(string name, BiasTerms biases)
    {
        Name = name;
        _biases = biases;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public PredictionKind Predicts => PredictionKind.Rating;

    /// <inheritdoc/>
    public int UserIndexBound => _biases.UserBound;

    /// <inheritdoc/>
    public int MovieIndexBound => _biases.MovieBound;

    /// <inheritdoc/>
    public FactorMatrix? UserVectors => null;

    /// <inheritdoc/>
    public FactorMatrix? MovieVectors => null;

    /// <summary>The global mean rating μ of the training set.</summary>
    public float GlobalMean => _biases.Mean;

    /// <summary>User biases b_u by user index (index 0, the unknown user, is 0).</summary>
    public ReadOnlySpan<float> UserBiases => _biases.UserBias;

    /// <summary>Movie biases b_i by movie index (index 0, the unknown movie, is 0).</summary>
    public ReadOnlySpan<float> MovieBiases => _biases.MovieBias;

    /// <summary>Lowest rating seen in training: predictions of rating models are clamped to it.</summary>
    public float MinRating => _biases.Min;

    /// <summary>Highest rating seen in training: predictions of rating models are clamped to it.</summary>
    public float MaxRating => _biases.Max;

    /// <inheritdoc/>
    public float Predict(int user, int movie) => _biases.Clamp(_biases.Baseline(user, movie));

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        _biases.BaselineAll(user, scores);
        _biases.ClampAll(scores[..MovieIndexBound]);
    }
}
