using System.Numerics.Tensors;
using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>
/// A latent-factor model r̂(u, i) = μ + b_u + b_i + p_u · q_i, trained by SGD
/// (<see cref="BaselineCatalog.MatrixFactorization(int, int)"/>) or by alternating least squares
/// (<see cref="BaselineCatalog.AlternatingLeastSquares(int, int)"/>, <see cref="BaselineCatalog.ImplicitAlternatingLeastSquares(int, int)"/>).
/// </summary>
/// <remarks>
/// Rating models clamp predictions to the training rating range. Implicit-feedback models
/// (one-class loss) have μ = b = 0 and return unclamped preference scores p_u · q_i, which only rank.
/// Cold start: an unknown user has p_u = 0 and b_u = 0, so it scores μ + b_i; an unknown movie scores
/// μ + b_u; both unknown score μ.
/// </remarks>
public sealed class MatrixFactorizationModel : IRatingPredictor
{
    private readonly BiasTerms _biases;
    private readonly FactorMatrix _users;
    private readonly FactorMatrix _movies;

    internal MatrixFactorizationModel(string name, bool predictsRatings, BiasTerms biases, FactorMatrix users, FactorMatrix movies)
    {
        Name = name;
        PredictsRatings = predictsRatings;
        _biases = biases;
        _users = users;
        _movies = movies;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public bool PredictsRatings { get; }

    /// <inheritdoc/>
    public int UserIndexBound => _users.Rows;

    /// <inheritdoc/>
    public int MovieIndexBound => _movies.Rows;

    /// <summary>Length of the latent vectors.</summary>
    public int Rank => _users.Columns;

    /// <summary>The global mean μ (0 for implicit-feedback models).</summary>
    public float GlobalMean => _biases.Mean;

    /// <summary>User biases b_u by user index.</summary>
    public ReadOnlySpan<float> UserBiases => _biases.UserBias;

    /// <summary>Movie biases b_i by movie index.</summary>
    public ReadOnlySpan<float> MovieBiases => _biases.MovieBias;

    /// <summary>Lowest rating seen in training: predictions of rating models are clamped to it.</summary>
    public float MinRating => _biases.Min;

    /// <summary>Highest rating seen in training: predictions of rating models are clamped to it.</summary>
    public float MaxRating => _biases.Max;

    /// <inheritdoc/>
    public FactorMatrix? UserVectors => _users;

    /// <inheritdoc/>
    public FactorMatrix? MovieVectors => _movies;

    /// <inheritdoc/>
    public float Predict(int user, int movie)
    {
        float score = _biases.Baseline(user, movie);
        if ((uint)user < (uint)_users.Rows && (uint)movie < (uint)_movies.Rows)
        {
            score += TensorPrimitives.Dot(_users.Row(user), _movies.Row(movie));
        }

        return PredictsRatings ? _biases.Clamp(score) : (float.IsFinite(score) ? score : 0f);
    }

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        var dest = scores[..MovieIndexBound];
        _biases.BaselineAll(user, dest);
        if ((uint)user < (uint)_users.Rows)
        {
            var p = _users.Row(user);
            int rank = _users.Columns;
            var q = _movies.Data.AsSpan();
            for (int m = 1; m < dest.Length; m++)
            {
                dest[m] += TensorPrimitives.Dot(p, q.Slice(m * rank, rank));
            }
        }

        if (PredictsRatings)
        {
            _biases.ClampAll(dest);
        }
    }
}
