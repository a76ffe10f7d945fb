using MovieRec.Data;

namespace MovieRec.Evaluation;

/// <summary>
/// One training/test split. For ranking protocols (leave-one-out) each test row also has a list of
/// candidate movies, the held-out movie first, then the sampled negatives.
/// </summary>
public sealed class EvaluationSplit
{
    /// <summary>Creates a split.</summary>
    /// <param name="train">Training ratings.</param>
    /// <param name="test">Held-out ratings.</param>
    /// <param name="candidates">For ranking protocols, one candidate list per test row (held-out movie first); otherwise <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The candidate lists do not match the test rows.</exception>
    public EvaluationSplit(RatingsTable train, RatingsTable test, IReadOnlyList<int[]>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (candidates is not null)
        {
            if (candidates.Count != test.Count)
            {
                throw new ArgumentException($"candidates has {candidates.Count} lists but test has {test.Count} rows; expected one list per test row.", nameof(candidates));
            }

            for (int i = 0; i < candidates.Count; i++)
            {
                if (candidates[i].Length == 0 || candidates[i][0] != test.Movies[i])
                {
                    throw new ArgumentException($"candidates[{i}] must start with the held-out movie {test.Movies[i]}.", nameof(candidates));
                }
            }
        }

        Train = train;
        Test = test;
        Candidates = candidates;
    }

    /// <summary>Training ratings.</summary>
    public RatingsTable Train { get; }

    /// <summary>Held-out ratings.</summary>
    public RatingsTable Test { get; }

    /// <summary>Candidate lists for ranking protocols, or <see langword="null"/>.</summary>
    public IReadOnlyList<int[]>? Candidates { get; }

    /// <summary>
    /// Gets the ratings held out for choosing settings (the full-ranking protocol's 10 %), or <see langword="null"/>.
    /// They are not trained on, and a top-K list never shows them, as it never shows a training movie.
    /// </summary>
    public RatingsTable? Validation { get; init; }
}
