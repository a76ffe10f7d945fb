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
public sealed class MatrixFactorizationModel : IUserFoldIn
{
    private readonly BiasTerms _biases;
    private readonly FactorMatrix _users;
    private readonly FactorMatrix _movies;
    private readonly Lazy<(float[] Gram, float[] ColumnSum)> _gram;

    internal MatrixFactorizationModel(string name, bool predictsRatings, BiasTerms biases, FactorMatrix users, FactorMatrix movies, FoldInSettings foldIn)
    {
        Name = name;
        PredictsRatings = predictsRatings;
        _biases = biases;
        _users = users;
        _movies = movies;
        FoldInSettings = foldIn;
        _gram = new(() => FactorSolver.Gram(_movies));
    }

    /// <summary>
    /// A model from its parameters, as an exported model holds them (<c>BaselineOnnxExporter.ImportFactors</c> reads them
    /// back from a bundle): r̂(u, i) = μ + b_u + b_i + p_u · q_i, clamped to [<paramref name="minRating"/>,
    /// <paramref name="maxRating"/>] for a rating model.
    /// </summary>
    /// <param name="name">The model's name, for example <c>mf</c>.</param>
    /// <param name="predictsRatings">False for implicit feedback (μ = b = 0, unclamped scores).</param>
    /// <param name="globalMean">μ.</param>
    /// <param name="userBiases">b_u by user index (index 0, the unknown user, 0); the model keeps the array.</param>
    /// <param name="movieBiases">b_i by movie index; the model keeps the array.</param>
    /// <param name="users">p_u, one row per entry of <paramref name="userBiases"/>.</param>
    /// <param name="movies">q_i, one row per entry of <paramref name="movieBiases"/>, as many columns as <paramref name="users"/>.</param>
    /// <param name="minRating">The lowest training rating.</param>
    /// <param name="maxRating">The highest training rating.</param>
    /// <param name="foldIn">The regularisation <see cref="FoldIn"/> uses.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The shapes disagree.</exception>
    public static MatrixFactorizationModel Create(string name, bool predictsRatings, float globalMean, float[] userBiases, float[] movieBiases, FactorMatrix users, FactorMatrix movies, float minRating, float maxRating, FoldInSettings foldIn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(userBiases);
        ArgumentNullException.ThrowIfNull(movieBiases);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(foldIn);
        if (users.Rows != userBiases.Length || movies.Rows != movieBiases.Length || users.Columns != movies.Columns)
        {
            throw new ArgumentException($"The factors are {users.Rows} × {users.Columns} and {movies.Rows} × {movies.Columns} for {userBiases.Length} user and {movieBiases.Length} movie biases; expected a row per bias and as many columns on both sides.", nameof(users));
        }

        return new MatrixFactorizationModel(name, predictsRatings, new BiasTerms(globalMean, userBiases, movieBiases, minRating, maxRating), users, movies, foldIn);
    }

    /// <summary>Gets the regularisation <see cref="FoldIn"/> solves a user with: the one the model was trained with.</summary>
    public FoldInSettings FoldInSettings { get; }

    /// <summary>
    /// Solves a user from their ratings against the fixed movie factors and biases, as one step of alternating least
    /// squares would (closed form, Cholesky): a new user, or one whose ratings changed since training, scores without
    /// retraining. Ratings of movies the model does not know are left out.
    /// </summary>
    /// <param name="movies">The user's rated movies (dense indices).</param>
    /// <param name="ratings">Their ratings (for implicit feedback, the interaction strengths).</param>
    /// <returns>The user, to score with <see cref="Predict(FoldedInUser, int)"/> and <see cref="ScoreAll(FoldedInUser, Span{float})"/>.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or a rating is not finite.</exception>
    /// <remarks>Thread-safe. The cost is O(n·k² + k³) for n ratings and rank k.</remarks>
    public FoldedInUser FoldIn(ReadOnlySpan<int> movies, ReadOnlySpan<float> ratings)
    {
        if (movies.Length != ratings.Length)
        {
            throw new ArgumentException($"{movies.Length} movies and {ratings.Length} ratings; expected one rating per movie.", nameof(ratings));
        }

        var known = new List<int>(movies.Length);
        var values = new List<float>(movies.Length);
        for (int i = 0; i < movies.Length; i++)
        {
            if (!float.IsFinite(ratings[i]))
            {
                throw new ArgumentException($"Rating {i} is {ratings[i]}; ratings must be finite.", nameof(ratings));
            }

            if (movies[i] > 0 && movies[i] < _movies.Rows)
            {
                known.Add(movies[i]);
                values.Add(ratings[i]);
            }
        }

        var vector = new float[Rank];
        if (known.Count == 0)
        {
            return new FoldedInUser(0f, vector, 0);
        }

        var solver = FactorSolver.ForThread(Rank, !PredictsRatings);
        var s = FoldInSettings;
        if (!PredictsRatings)
        {
            var (gram, columnSum) = _gram.Value;
            solver.SolveImplicit(gram, columnSum, _movies, (float)s.Lambda, (float)s.Alpha, (float)s.C, known.ToArray(), values.ToArray(), vector);
            return new FoldedInUser(0f, vector, known.Count);
        }

        float bias = solver.SolveExplicit(_movies, _biases.MovieBias, _biases.Mean, (float)s.Lambda, (float)s.BiasLambda, known.ToArray(), values.ToArray(), vector);
        return new FoldedInUser(bias, vector, known.Count);
    }

    /// <summary>The score of <paramref name="movie"/> for a folded-in user, as <see cref="Predict(int, int)"/> scores a trained one.</summary>
    /// <param name="user">The user.</param>
    /// <param name="movie">Dense movie index; 0 or out of range means unknown.</param>
    /// <returns>The score.</returns>
    public float Predict(FoldedInUser user, int movie)
    {
        ArgumentNullException.ThrowIfNull(user);
        float score = _biases.Mean + user.Bias + _biases.Movie(movie);
        if ((uint)movie < (uint)_movies.Rows)
        {
            score += TensorPrimitives.Dot(user.Vector, _movies.Row(movie));
        }

        return PredictsRatings ? _biases.Clamp(score) : (float.IsFinite(score) ? score : 0f);
    }

    /// <summary>The scores of every movie for a folded-in user, as <see cref="ScoreAll(int, Span{float})"/> scores a trained one.</summary>
    /// <param name="user">The user.</param>
    /// <param name="scores">At least <see cref="MovieIndexBound"/> values.</param>
    public void ScoreAll(FoldedInUser user, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(user);
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        var dest = scores[..MovieIndexBound];
        TensorPrimitives.Add(_biases.MovieBias, _biases.Mean + user.Bias, dest);
        dest[0] = _biases.Mean + user.Bias;
        int rank = Rank;
        var q = _movies.Data.AsSpan();
        for (int m = 1; m < dest.Length; m++)
        {
            dest[m] += TensorPrimitives.Dot(user.Vector, q.Slice(m * rank, rank));
        }

        if (PredictsRatings)
        {
            _biases.ClampAll(dest);
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public PredictionKind Predicts => PredictsRatings ? PredictionKind.Rating : PredictionKind.Ranking;

    /// <summary>Gets whether the factors were fitted to ratings (biases, clamped scores) rather than to implicit feedback.</summary>
    private bool PredictsRatings { get; }

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
