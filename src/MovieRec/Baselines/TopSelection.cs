namespace MovieRec.Baselines;

/// <summary>
/// Picks the highest-scoring indices with a bounded min-heap, best first, ties to the lower index; NaN
/// and negative-infinity scores are never picked. The one selector behind the neighbour lists of the
/// k-NN trainers and, through <see cref="Evaluation.TopK"/>, behind ranking and recommendation.
/// </summary>
internal static class TopSelection
{
    /// <summary>Selects among every index of <paramref name="scores"/>.</summary>
    /// <returns>The number of indices written: min(<c>indices.Length</c>, selectable scores).</returns>
    public static int Select(ReadOnlySpan<float> scores, Span<int> indices) => Select(scores, default, all: true, indices);

    /// <summary>Selects among <paramref name="candidates"/> only (indices into <paramref name="scores"/>).</summary>
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
