namespace MovieRec.Abstractions;

/// <summary>
/// A trained recommender that scores (user, movie) pairs. Every model in the library, classical or
/// deep, implements it, so evaluation and the recommendation modes work with any of them.
/// </summary>
/// <remarks>
/// Users and movies are the dense indices of <see cref="MovieRec.Data.IdMap"/> (1-based; 0 means
/// unknown). <b>Cold start:</b> an unknown user or movie (index 0, or an index at or beyond the bound
/// seen in training) never throws: the model falls back to what it knows, the movie's or the user's
/// bias, and when neither is known to the global mean (or 0 for models that only rank). Scores are
/// never NaN. <b>Threads:</b> every model of the library may be scored from many threads at once once
/// it is trained, with the same results as from one thread (their scratch space is per thread, or
/// their runs are serialised); training is not thread-safe.
/// </remarks>
public interface IRatingPredictor
{
    /// <summary>Short model name, for example <c>mf</c> or <c>ibcf</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Gets what <see cref="Predict(int, int)"/> returns: a rating on the dataset's scale, a ranking score only, or the
    /// probability that the user likes the movie.
    /// </summary>
    PredictionKind Predicts { get; }

    /// <summary>One more than the largest user index seen in training.</summary>
    int UserIndexBound { get; }

    /// <summary>One more than the largest movie index seen in training: the length <see cref="ScoreAll"/> fills.</summary>
    int MovieIndexBound { get; }

    /// <summary>User latent vectors (row = user index), or <see langword="null"/> when the model has none.</summary>
    FactorMatrix? UserVectors { get; }

    /// <summary>Movie latent vectors (row = movie index), or <see langword="null"/> when the model has none.</summary>
    FactorMatrix? MovieVectors { get; }

    /// <summary>Predicts the score of <paramref name="movie"/> for <paramref name="user"/>.</summary>
    /// <param name="user">Dense user index; 0 or out of range means unknown (cold start).</param>
    /// <param name="movie">Dense movie index; 0 or out of range means unknown (cold start).</param>
    /// <returns>The predicted rating (or ranking score); never NaN.</returns>
    float Predict(int user, int movie);

    /// <summary>Predicts many pairs at once: <c>output[i] = Predict(users[i], movies[i])</c>.</summary>
    /// <param name="users">Dense user indices.</param>
    /// <param name="movies">Dense movie indices, as many as <paramref name="users"/>.</param>
    /// <param name="output">Receives one score per pair; at least as long as <paramref name="users"/>.</param>
    /// <exception cref="ArgumentException">The spans' lengths do not match.</exception>
    void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        PredictorChecks.CheckBatch(users, movies, output);
        for (int i = 0; i < users.Length; i++)
        {
            output[i] = Predict(users[i], movies[i]);
        }
    }

    /// <summary>
    /// Predicts held-out ratings knowing when each was made: <c>output[i]</c> scores <c>(users[i], movies[i])</c> as of
    /// Unix time <c>timestamps[i]</c>. A model that reads a user's recent ratings (the sequence CNN) sees only the training
    /// ratings made strictly before that time; every other model ignores the times (the default calls
    /// <see cref="Predict(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float})"/>).
    /// </summary>
    /// <param name="users">Dense user indices.</param>
    /// <param name="movies">Dense movie indices, as many as <paramref name="users"/>.</param>
    /// <param name="timestamps">Unix seconds of each pair, as many as <paramref name="users"/>.</param>
    /// <param name="output">Receives one score per pair; at least as long as <paramref name="users"/>.</param>
    /// <exception cref="ArgumentException">The spans' lengths do not match.</exception>
    void PredictAt(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, ReadOnlySpan<long> timestamps, Span<float> output)
    {
        PredictorChecks.CheckTimes(users, timestamps);
        Predict(users, movies, output);
    }

    /// <summary>
    /// Scores every movie for <paramref name="user"/> in one call: <c>scores[m] = Predict(user, m)</c>
    /// for m in 0..<see cref="MovieIndexBound"/>-1 (index 0 receives the unknown-movie score).
    /// </summary>
    /// <param name="user">Dense user index; 0 or out of range means unknown (cold start).</param>
    /// <param name="scores">Receives the scores; at least <see cref="MovieIndexBound"/> long.</param>
    /// <exception cref="ArgumentException"><paramref name="scores"/> is too short.</exception>
    void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        for (int m = 0; m < MovieIndexBound; m++)
        {
            scores[m] = Predict(user, m);
        }
    }
}
