using System.Diagnostics.CodeAnalysis;

namespace MovieRec.Abstractions;

/// <summary>Argument checks of the batch methods of <see cref="IRatingPredictor"/>, shared by every model (a model of your own can use them too).</summary>
public static class PredictorChecks
{
    /// <summary>Checks that a batch of pairs has one time per pair.</summary>
    /// <param name="users">The batch's user indices.</param>
    /// <param name="timestamps">The batch's times.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void CheckTimes(ReadOnlySpan<int> users, ReadOnlySpan<long> timestamps)
    {
        if (timestamps.Length != users.Length)
        {
            Throw($"timestamps has {timestamps.Length} entries but users has {users.Length}; expected equal lengths.", nameof(timestamps));
        }
    }

    /// <summary>Checks the arguments of <see cref="IRatingPredictor.Predict(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float})"/>.</summary>
    /// <param name="users">The users.</param>
    /// <param name="movies">The movies, as many as the users.</param>
    /// <param name="output">The output, at least as long as the users.</param>
    /// <exception cref="ArgumentException">A length does not match.</exception>
    public static void CheckBatch(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        if (movies.Length != users.Length)
        {
            Throw($"movies has {movies.Length} entries but users has {users.Length}; expected equal lengths.", nameof(movies));
        }

        if (output.Length < users.Length)
        {
            Throw($"output has {output.Length} entries but {users.Length} pairs were given; expected at least {users.Length}.", nameof(output));
        }
    }

    /// <summary>Checks the buffer of <see cref="IRatingPredictor.ScoreAll"/>.</summary>
    /// <param name="scores">The buffer.</param>
    /// <param name="movieIndexBound">The predictor's <see cref="IRatingPredictor.MovieIndexBound"/>.</param>
    /// <exception cref="ArgumentException">The buffer is too short.</exception>
    public static void CheckScores(Span<float> scores, int movieIndexBound)
    {
        if (scores.Length < movieIndexBound)
        {
            Throw($"scores has {scores.Length} entries; expected at least MovieIndexBound = {movieIndexBound}.", nameof(scores));
        }
    }

    /// <summary>
    /// Checks training ratings as every trainer of the library does: at least one row, user and movie indices
    /// of 1 or more (0 is the reserved unknown index), finite ratings (and non-negative ones for implicit feedback).
    /// </summary>
    /// <param name="train">The training ratings.</param>
    /// <param name="parameterName">The parameter the errors name.</param>
    /// <param name="requireNonNegative">Whether ratings must be 0 or more (implicit feedback).</param>
    /// <exception cref="ArgumentException">The table is empty, or a row is invalid (the message names the row).</exception>
    public static void CheckTrainingRatings(MovieRec.Data.RatingsTable train, string parameterName, bool requireNonNegative = false)
    {
        ArgumentNullException.ThrowIfNull(train, parameterName);
        if (train.Count == 0)
        {
            Throw("The training set is empty; expected at least one rating.", parameterName);
        }

        var users = train.Users;
        var movies = train.Movies;
        var ratings = train.Ratings;
        for (int i = 0; i < train.Count; i++)
        {
            if (users[i] <= 0)
            {
                Throw($"Row {i}: user index {users[i]} is not a known user; expected 1 or more (0 is the reserved unknown index).", parameterName);
            }

            if (movies[i] <= 0)
            {
                Throw($"Row {i}: movie index {movies[i]} is not a known movie; expected 1 or more (0 is the reserved unknown index).", parameterName);
            }

            float r = ratings[i];
            if (!float.IsFinite(r) || (requireNonNegative && r < 0))
            {
                Throw($"Row {i}: rating {r} is out of range; expected a finite{(requireNonNegative ? " non-negative" : string.Empty)} value.", parameterName);
            }
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/>.</summary>
    /// <param name="message">The sentence.</param>
    /// <param name="parameter">The parameter.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void Throw(string message, string parameter) => throw new ArgumentException(message, parameter);
}
