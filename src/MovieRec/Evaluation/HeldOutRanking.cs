using System.Numerics;

namespace MovieRec.Evaluation;

/// <summary>
/// Ranks held-out movies among their sampled negatives and averages hit ratio, NDCG and reciprocal rank
/// over the cases: the one scorer of the leave-one-out protocol, for test figures and for choosing
/// settings on validation data alike.
/// </summary>
/// <remarks>
/// NaN scores rank last: a held-out movie scored NaN is behind all its negatives, a negative scored NaN behind the
/// held-out movie. The held-out movie's rank (from 0) is the number of negatives scoring higher plus half the number
/// scoring the same: the expected rank when ties are broken at random, so a model that scores
/// everything alike gets the figures of a random ranking rather than 0 or a perfect score. A case is a
/// hit when that rank is below the cut-off K; its NDCG is 1 / log₂(rank + 2).
/// </remarks>
/// <param name="cutoff">The cut-off K of the hit ratio and NDCG, 1 or more.</param>
public sealed class HeldOutRanking(int cutoff)
{
    private double _hits;
    private double _ndcg;
    private double _reciprocal;

    /// <summary>Gets the cut-off K.</summary>
    public int Cutoff { get; } = cutoff >= 1 ? cutoff : throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "Expected a cut-off of 1 or more.");

    /// <summary>Gets the number of cases added.</summary>
    public int Cases { get; private set; }

    /// <summary>Gets HR@K: the share of cases whose held-out movie ranks in the first K; 0 without cases.</summary>
    public double HitRatio => _hits / Math.Max(1, Cases);

    /// <summary>Gets NDCG@K averaged over the cases; 0 without cases.</summary>
    public double Ndcg => _ndcg / Math.Max(1, Cases);

    /// <summary>Gets the mean reciprocal rank 1 / (rank + 1); 0 without cases.</summary>
    public double MeanReciprocalRank => _reciprocal / Math.Max(1, Cases);

    /// <summary>The held-out movie's rank among the candidates, ties counting half.</summary>
    /// <typeparam name="T">The score type.</typeparam>
    /// <param name="scores">The held-out movie's score first, then its negatives' scores.</param>
    /// <returns>The rank, from 0, in steps of 0.5.</returns>
    public static double Rank<T>(ReadOnlySpan<T> scores)
        where T : IFloatingPointIeee754<T>
    {
        if (scores.IsEmpty)
        {
            throw new ArgumentException("A case needs the held-out movie's score.", nameof(scores));
        }

        T positive = scores[0];
        if (T.IsNaN(positive))
        {
            // A score that is no number ranks last: below every negative, NaN ones included.
            return scores.Length - 1;
        }

        double rank = 0;
        for (int j = 1; j < scores.Length; j++)
        {
            rank += scores[j] > positive ? 1 : scores[j] == positive ? 0.5 : 0;
        }

        return rank;
    }

    /// <summary>Adds one case.</summary>
    /// <typeparam name="T">The score type.</typeparam>
    /// <param name="scores">The held-out movie's score first, then its negatives' scores.</param>
    public void Add<T>(ReadOnlySpan<T> scores)
        where T : IFloatingPointIeee754<T> => AddRank(Rank(scores));

    /// <summary>Adds cases laid out one after another, each <paramref name="candidates"/> scores long (held-out movie first).</summary>
    /// <typeparam name="T">The score type.</typeparam>
    /// <param name="scores">The scores of every case.</param>
    /// <param name="candidates">Scores per case: 1 + the number of negatives.</param>
    /// <returns>This instance.</returns>
    public HeldOutRanking AddAll<T>(ReadOnlySpan<T> scores, int candidates)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 1);
        if (scores.Length % candidates != 0)
        {
            throw new ArgumentException($"scores has {scores.Length} values, not a multiple of {candidates} candidates per case.", nameof(scores));
        }

        for (int at = 0; at < scores.Length; at += candidates)
        {
            Add(scores.Slice(at, candidates));
        }

        return this;
    }

    /// <summary>Adds one case by its rank.</summary>
    /// <param name="rank">The held-out movie's rank, from 0 (see <see cref="Rank{T}"/>).</param>
    public void AddRank(double rank)
    {
        if (rank < Cutoff)
        {
            _hits++;
            _ndcg += 1 / Math.Log2(rank + 2);
        }

        _reciprocal += 1 / (rank + 1);
        Cases++;
    }
}
