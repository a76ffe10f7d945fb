using MovieRec.Baselines;

namespace MovieRec.Evaluation;

/// <summary>Selects the highest-scoring indices of a score vector (partial sort with a bounded heap).</summary>
public static class TopK
{
    /// <summary>
    /// Writes the indices of the <c>indices.Length</c> highest scores into <paramref name="indices"/>,
    /// best first; ties go to the lower index. NaN and negative-infinity scores are never selected (set a
    /// score to <see cref="float.NegativeInfinity"/> to exclude it, such as already-seen movies or index 0).
    /// </summary>
    /// <param name="scores">Score per index.</param>
    /// <param name="indices">Receives the selected indices; its length is K. K larger than the candidates is allowed.</param>
    /// <returns>The number of indices written: min(K, selectable scores).</returns>
    public static int Select(ReadOnlySpan<float> scores, Span<int> indices) => TopSelection.Select(scores, indices);
}
