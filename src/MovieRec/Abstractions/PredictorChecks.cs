using System.Diagnostics.CodeAnalysis;

namespace MovieRec.Abstractions;

/// <summary>Argument checks of the batch methods of <see cref="IRatingPredictor"/>, shared by every model (a model of your own can use them too).</summary>
public static class PredictorChecks
{
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

    /// <summary>Throws an <see cref="ArgumentException"/>.</summary>
    /// <param name="message">The sentence.</param>
    /// <param name="parameter">The parameter.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    [DoesNotReturn]
    public static void Throw(string message, string parameter) => throw new ArgumentException(message, parameter);
}
