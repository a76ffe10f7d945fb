namespace MovieRec.Evaluation;

/// <summary>
/// Top-K metrics of one ranked recommendation list against a user's relevant movies (binary
/// relevance). Average them over users for a test set. Results are never NaN: a user with no
/// relevant movie scores 0 on every metric.
/// </summary>
public static class RankingMetrics
{
    /// <summary>Precision@K: relevant movies among the first K recommended, divided by K.</summary>
    /// <param name="recommended">Recommended movie indices, best first; may be shorter than K (missing slots count as misses).</param>
    /// <param name="relevant">The relevant movie indices.</param>
    /// <param name="k">Cut-off K; 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1.</exception>
    public static double PrecisionAtK(ReadOnlySpan<int> recommended, IReadOnlySet<int> relevant, int k) =>
        Hits(recommended, relevant, k) / (double)k;

    /// <summary>Recall@K: relevant movies among the first K recommended, divided by the number of relevant movies.</summary>
    /// <inheritdoc cref="PrecisionAtK" path="/param"/>
    /// <inheritdoc cref="PrecisionAtK" path="/exception"/>
    public static double RecallAtK(ReadOnlySpan<int> recommended, IReadOnlySet<int> relevant, int k)
    {
        int hits = Hits(recommended, relevant, k);
        return relevant.Count == 0 ? 0 : hits / (double)relevant.Count;
    }

    /// <summary>F1@K: the harmonic mean of precision@K and recall@K.</summary>
    /// <inheritdoc cref="PrecisionAtK" path="/param"/>
    /// <inheritdoc cref="PrecisionAtK" path="/exception"/>
    public static double F1AtK(ReadOnlySpan<int> recommended, IReadOnlySet<int> relevant, int k) =>
        ClassificationMetrics.HarmonicMean(PrecisionAtK(recommended, relevant, k), RecallAtK(recommended, relevant, k));

    /// <summary>Hit rate@K: 1 when at least one relevant movie is among the first K, else 0.</summary>
    /// <inheritdoc cref="PrecisionAtK" path="/param"/>
    /// <inheritdoc cref="PrecisionAtK" path="/exception"/>
    public static double HitRateAtK(ReadOnlySpan<int> recommended, IReadOnlySet<int> relevant, int k) =>
        Hits(recommended, relevant, k) > 0 ? 1 : 0;

    /// <summary>
    /// NDCG@K with binary gains: DCG = Σ_{hit at rank r} 1 / log₂(r + 1) (ranks from 1), divided by the
    /// DCG of an ideal list with min(K, |relevant|) hits at the top.
    /// </summary>
    /// <inheritdoc cref="PrecisionAtK" path="/param"/>
    /// <inheritdoc cref="PrecisionAtK" path="/exception"/>
    public static double NdcgAtK(ReadOnlySpan<int> recommended, IReadOnlySet<int> relevant, int k)
    {
        MetricChecks.PositiveK(k, nameof(k));
        double dcg = 0;
        int n = Math.Min(k, recommended.Length);
        for (int r = 0; r < n; r++)
        {
            if (relevant.Contains(recommended[r]))
            {
                dcg += 1 / Math.Log2(r + 2);
            }
        }

        double ideal = 0;
        int idealHits = Math.Min(k, relevant.Count);
        for (int r = 0; r < idealHits; r++)
        {
            ideal += 1 / Math.Log2(r + 2);
        }

        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>
    /// Average precision@K: Σ_{hit at rank r ≤ K} precision@r, divided by min(K, |relevant|). The mean
    /// over users is MAP@K.
    /// </summary>
    /// <inheritdoc cref="PrecisionAtK" path="/param"/>
    /// <inheritdoc cref="PrecisionAtK" path="/exception"/>
    public static double AveragePrecisionAtK(ReadOnlySpan<int> recommended, IReadOnlySet<int> relevant, int k)
    {
        MetricChecks.PositiveK(k, nameof(k));
        int hits = 0;
        double sum = 0;
        int n = Math.Min(k, recommended.Length);
        for (int r = 0; r < n; r++)
        {
            if (relevant.Contains(recommended[r]))
            {
                hits++;
                sum += hits / (double)(r + 1);
            }
        }

        int denominator = Math.Min(k, relevant.Count);
        return denominator == 0 ? 0 : sum / denominator;
    }

    /// <summary>Catalogue coverage: the fraction of the catalogue that appears in at least one list.</summary>
    /// <param name="recommendations">One recommended list per user.</param>
    /// <param name="catalogueSize">Number of recommendable movies; 1 or more. Indices outside 1..catalogueSize are ignored.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="catalogueSize"/> is below 1.</exception>
    public static double CatalogueCoverage(IEnumerable<int[]> recommendations, int catalogueSize)
    {
        ArgumentNullException.ThrowIfNull(recommendations);
        MetricChecks.PositiveK(catalogueSize, nameof(catalogueSize));
        var seen = new bool[catalogueSize + 1];
        int distinct = 0;
        foreach (var list in recommendations)
        {
            foreach (int m in list)
            {
                if (m >= 1 && m <= catalogueSize && !seen[m])
                {
                    seen[m] = true;
                    distinct++;
                }
            }
        }

        return distinct / (double)catalogueSize;
    }

    private static int Hits(ReadOnlySpan<int> recommended, IReadOnlySet<int> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        MetricChecks.PositiveK(k, nameof(k));
        int hits = 0;
        int n = Math.Min(k, recommended.Length);
        for (int r = 0; r < n; r++)
        {
            hits += relevant.Contains(recommended[r]) ? 1 : 0;
        }

        return hits;
    }
}
