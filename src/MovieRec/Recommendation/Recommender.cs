using System.Globalization;
using System.Numerics.Tensors;
using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Recommendation;

/// <summary>
/// The three ways to recommend of the LSTM-CNN paper, for any <see cref="IRatingPredictor"/>:
/// a user's favourites, movies similar to a movie, and "people who liked this also liked"; and
/// recommendations for a new user who has only named movies they liked (<see cref="ForLikedMovies"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Favourites:</b> the movies with the highest predicted score for the user
/// (<see cref="IRatingPredictor.ScoreAll"/>), movies the user rated in training left out by default.
/// <b>Similar movies:</b> cosine similarity of <see cref="IRatingPredictor.MovieVectors"/> rows,
/// cos(a, b) = a·b / (‖a‖‖b‖) (needs a model with movie vectors: MF, ALS, the CNN models).
/// <b>Also liked:</b> the <see cref="RecommendationOptions.NeighbourUsers"/> users with the highest
/// predicted score for the movie; each contributes its top
/// <see cref="RecommendationOptions.NeighbourFavourites"/> movies (by predicted score, the movie
/// itself excluded); a movie's aggregated score is the sum of those users' predicted scores for it
/// divided by the number of users asked, so movies many of them like rank first.
/// </para>
/// <para>
/// Each can return a seeded random pick among the top candidates
/// (<see cref="RecommendationOptions.CandidatePool"/>). <b>Cold start:</b> an unknown user or movie
/// (index 0 or out of range) is scored by the model's own fallback (index 0; biases or the global
/// mean for MF); a user or movie known only by side features is scored by a model that reads them
/// (for example the CNN models' <c>BundleModel.ScoreAll(ReadOnlySpan&lt;long&gt;, Span&lt;float&gt;)</c>)
/// and ranked with <see cref="Top"/>. Index 0 is never recommended.
/// </para>
/// </remarks>
public sealed class Recommender
{
    private readonly IRatingPredictor _predictor;
    private readonly int[] _seenStart;
    private readonly int[] _seenMovies;
    private float[]? _movieNorms;

    private Recommender(IRatingPredictor predictor, RatingsTable? seen)
    {
        _predictor = predictor;
        int users = predictor.UserIndexBound;
        _seenStart = new int[users + 1];
        if (seen is null)
        {
            _seenMovies = [];
            return;
        }

        var u = seen.Users;
        var m = seen.Movies;
        for (int i = 0; i < u.Length; i++)
        {
            if ((uint)u[i] < (uint)users)
            {
                _seenStart[u[i] + 1]++;
            }
        }

        for (int i = 0; i < users; i++)
        {
            _seenStart[i + 1] += _seenStart[i];
        }

        _seenMovies = new int[_seenStart[users]];
        var next = _seenStart[..users];
        for (int i = 0; i < u.Length; i++)
        {
            if ((uint)u[i] < (uint)users)
            {
                _seenMovies[next[u[i]]++] = m[i];
            }
        }
    }

    /// <summary>The model recommendations come from.</summary>
    public IRatingPredictor Predictor => _predictor;

    /// <summary>Creates a recommender over a trained model.</summary>
    /// <param name="predictor">The model.</param>
    /// <param name="seen">Training ratings, to leave seen movies out of favourites; null = nothing seen.</param>
    /// <returns>The recommender.</returns>
    public static Recommender Create(IRatingPredictor predictor, RatingsTable? seen = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        return new Recommender(predictor, seen);
    }

    /// <summary>The movies a user is predicted to like most.</summary>
    /// <param name="user">Dense user index; 0 or out of range = unknown (the model's cold-start scores).</param>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <returns>Up to <see cref="RecommendationOptions.Count"/> movies, best first, with predicted scores.</returns>
    public IReadOnlyList<RankedItem> Favourites(int user, RecommendationOptions? options = null)
    {
        options = Check(options);
        var scores = new float[_predictor.MovieIndexBound];
        _predictor.ScoreAll(user, scores);
        var excluded = options.ExcludeSeen && (uint)user < (uint)_predictor.UserIndexBound
            ? _seenMovies.AsSpan(_seenStart[user], _seenStart[user + 1] - _seenStart[user])
            : [];
        return Top(scores, options, excluded);
    }

    /// <summary>The movies whose vectors are closest (cosine) to a movie's.</summary>
    /// <param name="movie">Dense movie index in 1..MovieIndexBound-1.</param>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <returns>Up to <see cref="RecommendationOptions.Count"/> movies (the movie itself excluded), most similar first, with cosine similarities in [-1, 1].</returns>
    /// <exception cref="InvalidOperationException">The model has no movie vectors.</exception>
    public IReadOnlyList<RankedItem> SimilarMovies(int movie, RecommendationOptions? options = null)
    {
        options = Check(options);
        CheckMovie(movie);
        var vectors = _predictor.MovieVectors ?? throw new InvalidOperationException($"Model '{_predictor.Name}' has no movie vectors; similar movies need a model with them (mf, als, lstm-cnn, text-cnn, ...).");
        var norms = _movieNorms ??= Norms(vectors);
        int count = Math.Min(vectors.Rows, _predictor.MovieIndexBound);
        var scores = new float[count];
        var query = vectors.Row(movie);
        float queryNorm = norms[movie];
        for (int m = 0; m < count; m++)
        {
            float denominator = queryNorm * norms[m];
            scores[m] = denominator > 0 ? TensorPrimitives.Dot(query, vectors.Row(m)) / denominator : 0f;
        }

        return Top(scores, options, [movie]);
    }

    /// <summary>The users who are predicted to like a movie most.</summary>
    /// <param name="movie">Dense movie index in 1..MovieIndexBound-1.</param>
    /// <param name="count">Number of users, 1 or more.</param>
    /// <returns>Users, highest predicted score first.</returns>
    public IReadOnlyList<RankedItem> TopUsers(int movie, int count)
    {
        CheckMovie(movie);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int users = _predictor.UserIndexBound;
        count = Math.Min(count, Math.Max(1, users));
        var userIndices = Enumerable.Range(0, users).ToArray();
        var movies = new int[users];
        Array.Fill(movies, movie);
        var scores = new float[users];
        _predictor.Predict(userIndices, movies, scores);
        return Top(scores, new RecommendationOptions { Count = count }, []);
    }

    /// <summary>"People who liked this also liked": the favourites of the users who like the movie most, aggregated.</summary>
    /// <param name="movie">Dense movie index in 1..MovieIndexBound-1.</param>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <returns>Up to <see cref="RecommendationOptions.Count"/> movies (the movie itself excluded), best first, with aggregated scores (see the class remarks).</returns>
    public IReadOnlyList<RankedItem> AlsoLiked(int movie, RecommendationOptions? options = null)
    {
        options = Check(options);
        var neighbours = TopUsers(movie, options.NeighbourUsers);
        int movies = _predictor.MovieIndexBound;
        var aggregated = new float[movies];
        var scores = new float[movies];
        var perUser = new RecommendationOptions { Count = options.NeighbourFavourites };
        foreach (var neighbour in neighbours)
        {
            _predictor.ScoreAll(neighbour.Index, scores);
            foreach (var favourite in Top(scores, perUser, [movie]))
            {
                aggregated[favourite.Index] += favourite.Score / neighbours.Count;
            }
        }

        // Movies no neighbour listed must not be picked (Top never picks negative infinity).
        for (int m = 0; m < movies; m++)
        {
            if (aggregated[m] == 0)
            {
                aggregated[m] = float.NegativeInfinity;
            }
        }

        return Top(aggregated, options, [movie]);
    }

    /// <summary>
    /// Recommendations for a new user known only by movies they liked: the model's scores for the
    /// <see cref="RecommendationOptions.NeighbourUsers"/> training users whose seen movies overlap the liked ones
    /// most (cosine of the two sets, |S ∩ L| / √(|S|·|L|)), averaged with those similarities as weights. With no
    /// overlapping user it falls back to the unknown user's scores (index 0). The liked movies are left out.
    /// </summary>
    /// <param name="likedMovies">Dense movie indices in 1..MovieIndexBound-1; at least one (repeats count once).</param>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <returns>Up to <see cref="RecommendationOptions.Count"/> movies, best first, with the averaged scores.</returns>
    /// <exception cref="ArgumentException">No liked movie was given, or one is not a known movie index (the message names it).</exception>
    public IReadOnlyList<RankedItem> ForLikedMovies(IReadOnlyCollection<int> likedMovies, RecommendationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(likedMovies);
        options = Check(options);
        if (likedMovies.Count == 0)
        {
            throw new ArgumentException("likedMovies is empty; expected at least one movie the new user liked.", nameof(likedMovies));
        }

        var liked = new HashSet<int>();
        foreach (int movie in likedMovies)
        {
            if (movie < 1 || movie >= _predictor.MovieIndexBound)
            {
                throw new ArgumentException($"Liked movie index {movie} is not a known movie; expected 1..{_predictor.MovieIndexBound - 1}.", nameof(likedMovies));
            }

            liked.Add(movie);
        }

        int users = _predictor.UserIndexBound;
        var similarity = new float[users];
        for (int u = 1; u < users; u++)
        {
            var seen = _seenMovies.AsSpan(_seenStart[u], _seenStart[u + 1] - _seenStart[u]);
            int common = 0;
            foreach (int m in seen)
            {
                common += liked.Contains(m) ? 1 : 0;
            }

            similarity[u] = common == 0 ? float.NegativeInfinity : common / MathF.Sqrt((float)seen.Length * liked.Count);
        }

        var neighbours = Top(similarity, new RecommendationOptions { Count = options.NeighbourUsers }, []);
        int movies = _predictor.MovieIndexBound;
        var scores = new float[movies];
        if (neighbours.Count == 0)
        {
            _predictor.ScoreAll(0, scores);
        }
        else
        {
            var one = new float[movies];
            float total = 0;
            foreach (var neighbour in neighbours)
            {
                _predictor.ScoreAll(neighbour.Index, one);
                TensorPrimitives.MultiplyAdd(one, neighbour.Score, scores, scores);
                total += neighbour.Score;
            }

            TensorPrimitives.Divide(scores, total, scores);
        }

        return Top(scores, options, liked.ToArray());
    }

    /// <summary>Ranks a score vector: the top entries (index 0 and <paramref name="excluded"/> left out), or a seeded random pick among the top candidates.</summary>
    /// <param name="scores">One score per index; NaN and negative-infinity scores are never picked.</param>
    /// <param name="options">Count, candidate pool and seed; null uses the defaults.</param>
    /// <param name="excluded">Indices to leave out.</param>
    /// <returns>The chosen entries, best first.</returns>
    public static IReadOnlyList<RankedItem> Top(ReadOnlySpan<float> scores, RecommendationOptions? options, ReadOnlySpan<int> excluded)
    {
        options = Check(options);

        // A count beyond the catalogue asks for every movie: never more than the scores hold.
        int pool = Math.Min(Math.Max(options.Count, options.CandidatePool), Math.Max(0, scores.Length));
        var masked = scores.ToArray();
        if (masked.Length > 0)
        {
            masked[0] = float.NegativeInfinity;
        }

        foreach (int e in excluded)
        {
            if ((uint)e < (uint)masked.Length)
            {
                masked[e] = float.NegativeInfinity;
            }
        }

        var indices = new int[pool];
        int count = TopK.Select(masked, indices);
        var best = new RankedItem[count];
        for (int i = 0; i < count; i++)
        {
            best[i] = new RankedItem(indices[i], masked[indices[i]]);
        }

        if (options.CandidatePool <= options.Count || best.Length <= options.Count)
        {
            return best;
        }

        new Random(options.Seed).Shuffle(best);
        return best.Take(options.Count).OrderByDescending(r => r.Score).ThenBy(r => r.Index).ToArray();
    }

    private static RecommendationOptions Check(RecommendationOptions? options)
    {
        options ??= new RecommendationOptions();
        if (options.Count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Count, "RecommendationOptions.Count must be 1 or more.");
        }

        if (options.CandidatePool < 0 || options.NeighbourUsers < 1 || options.NeighbourFavourites < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), string.Create(
                CultureInfo.InvariantCulture,
                $"CandidatePool = {options.CandidatePool}, NeighbourUsers = {options.NeighbourUsers}, NeighbourFavourites = {options.NeighbourFavourites}; expected CandidatePool ≥ 0 and the others ≥ 1."));
        }

        return options;
    }

    private void CheckMovie(int movie)
    {
        if (movie < 1 || movie >= _predictor.MovieIndexBound)
        {
            throw new ArgumentOutOfRangeException(nameof(movie), movie, $"Expected a known dense movie index in 1..{_predictor.MovieIndexBound - 1}.");
        }
    }

    private static float[] Norms(FactorMatrix vectors)
    {
        var norms = new float[vectors.Rows];
        for (int m = 0; m < norms.Length; m++)
        {
            norms[m] = TensorPrimitives.Norm(vectors.Row(m));
        }

        return norms;
    }
}
