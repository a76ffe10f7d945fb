namespace MovieRec.Abstractions;

/// <summary>
/// Selects the highest-scoring indices of a score vector with a bounded min-heap, best first, ties to
/// the lower index; NaN and negative-infinity scores are never selected (set a score to
/// <see cref="float.NegativeInfinity"/> to exclude it, such as already-seen movies or index 0). The one
/// selector behind the k-NN neighbour lists, ranking evaluation and recommendation.
/// </summary>
public static class TopK
{
    /// <summary>Writes the indices of the <c>indices.Length</c> highest scores into <paramref name="indices"/>, best first.</summary>
    /// <param name="scores">Score per index.</param>
    /// <param name="indices">Receives the selected indices; its length is K. K larger than the candidates is allowed.</param>
    /// <returns>The number of indices written: min(K, selectable scores).</returns>
    public static int Select(ReadOnlySpan<float> scores, Span<int> indices) => Select(scores, default, all: true, indices);

    /// <summary>Writes the best of <paramref name="candidates"/> only (indices into <paramref name="scores"/>) into <paramref name="indices"/>, best first.</summary>
    /// <param name="scores">Score per index.</param>
    /// <param name="candidates">The indices to choose among.</param>
    /// <param name="indices">Receives the selected indices; its length is K.</param>
    /// <returns>The number of indices written: min(<c>indices.Length</c>, selectable candidates).</returns>
    public static int Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> candidates, Span<int> indices) => Select(scores, candidates, all: false, indices);

    private static int Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> candidates, bool all, Span<int> indices)
    {
        int k = indices.Length;
        if (k == 0)
        {
            return 0;
        }

        // Min-heap on (score, -index): the root is the worst kept entry.
        int size = 0;
        int count = all ? scores.Length : candidates.Length;
        for (int c = 0; c < count; c++)
        {
            int i = all ? c : candidates[c];
            float s = scores[i];
            if (float.IsNaN(s) || float.IsNegativeInfinity(s))
            {
                continue;
            }

            if (size < k)
            {
                indices[size] = i;
                SiftUp(scores, indices, size);
                size++;
            }
            else if (Better(scores, i, indices[0]))
            {
                indices[0] = i;
                SiftDown(scores, indices, 0, size);
            }
        }

        // Heap sort into best-first order.
        for (int end = size - 1; end > 0; end--)
        {
            (indices[0], indices[end]) = (indices[end], indices[0]);
            SiftDown(scores, indices, 0, end);
        }

        return size;
    }

    private static bool Better(ReadOnlySpan<float> scores, int a, int b) => scores[a] > scores[b] || (scores[a] == scores[b] && a < b);

    private static void SiftUp(ReadOnlySpan<float> scores, Span<int> heap, int at)
    {
        while (at > 0)
        {
            int parent = (at - 1) / 2;
            if (!Better(scores, heap[parent], heap[at]))
            {
                break;
            }

            (heap[parent], heap[at]) = (heap[at], heap[parent]);
            at = parent;
        }
    }

    private static void SiftDown(ReadOnlySpan<float> scores, Span<int> heap, int at, int size)
    {
        while (true)
        {
            int left = (2 * at) + 1;
            if (left >= size)
            {
                return;
            }

            int worst = left;
            int right = left + 1;
            if (right < size && Better(scores, heap[left], heap[right]))
            {
                worst = right;
            }

            if (!Better(scores, heap[at], heap[worst]))
            {
                return;
            }

            (heap[at], heap[worst]) = (heap[worst], heap[at]);
            at = worst;
        }
    }
}
