using System.Diagnostics.CodeAnalysis;

namespace MovieRec.Baselines;

/// <summary>Argument checks shared by the predictors.</summary>
internal static class PredictorChecks
{
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

    public static void CheckScores(Span<float> scores, int movieIndexBound)
    {
        if (scores.Length < movieIndexBound)
        {
            Throw($"scores has {scores.Length} entries; expected at least MovieIndexBound = {movieIndexBound}.", nameof(scores));
        }
    }

    [DoesNotReturn]
    public static void Throw(string message, string parameter) => throw new ArgumentException(message, parameter);
}
