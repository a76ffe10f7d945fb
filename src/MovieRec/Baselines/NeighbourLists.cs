using System.Runtime.InteropServices;

namespace MovieRec.Baselines;

/// <summary>
/// Shared machinery of the k-nearest-neighbour trainers: rows computed independently in parallel,
/// candidates ranked deterministically, and the per-row lists packed into one compressed-row table.
/// </summary>
internal static class NeighbourLists
{
    /// <summary>
    /// Runs <paramref name="row"/> for every row 1..<paramref name="rowBound"/>-1 in parallel, each
    /// thread with its own state, and packs the results (row 0 has none). Each row depends only on its
    /// own index, so the table does not depend on the thread count.
    /// </summary>
    /// <typeparam name="TState">Per-thread scratch state.</typeparam>
    /// <param name="rowBound">One more than the largest row index.</param>
    /// <param name="threads">Degree of parallelism.</param>
    /// <param name="createState">Creates one thread's scratch state.</param>
    /// <param name="row">Computes the neighbours of a row with the thread's state.</param>
    /// <param name="progress">Receives the completed fraction, rising from <paramref name="progressStart"/> to 1.</param>
    /// <param name="progressStart">Fraction already reported before this step.</param>
    /// <param name="cancellationToken">Stops between rows.</param>
    /// <returns>Row offsets (length <paramref name="rowBound"/> + 1), neighbour indices and similarities.</returns>
    public static (int[] Offsets, int[] Ids, float[] Sims) Build<TState>(
        int rowBound,
        int threads,
        Func<TState> createState,
        Func<int, TState, (int[] Ids, float[] Sims)> row,
        IProgress<double>? progress,
        double progressStart,
        CancellationToken cancellationToken)
    {
        var neighbours = new (int[] Ids, float[] Sims)[rowBound];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        int done = 0;
        Parallel.For(
            1,
            rowBound,
            parallel,
            createState,
            (a, _, state) =>
            {
                neighbours[a] = row(a, state);
                int finished = Interlocked.Increment(ref done);
                if (progress is not null && finished % 256 == 0)
                {
                    progress.Report(progressStart + ((1 - progressStart) * finished / rowBound));
                }

                return state;
            },
            _ => { });
        if (rowBound > 0)
        {
            neighbours[0] = ([], []);
        }

        progress?.Report(1.0);

        var offsets = new int[rowBound + 1];
        for (int e = 0; e < rowBound; e++)
        {
            offsets[e + 1] = offsets[e] + neighbours[e].Ids.Length;
        }

        var ids = new int[offsets[rowBound]];
        var sims = new float[offsets[rowBound]];
        for (int e = 0; e < rowBound; e++)
        {
            neighbours[e].Ids.CopyTo(ids, offsets[e]);
            neighbours[e].Sims.CopyTo(sims, offsets[e]);
        }

        return (offsets, ids, sims);
    }

    /// <summary>
    /// The best <paramref name="keep"/> of <paramref name="candidates"/>, best first: descending
    /// similarity, ties by ascending index, so the choice and the order are deterministic.
    /// </summary>
    /// <remarks>
    /// A bounded heap picks them in O(n log keep) before only the kept ones are sorted, which matters
    /// when a row has thousands of candidates. The list's order is left unspecified.
    /// </remarks>
    public static (int[] Ids, float[] Sims) Best(List<(float Sim, int Id)> candidates, int keep)
    {
        var all = CollectionsMarshal.AsSpan(candidates);
        keep = Math.Min(all.Length, keep);
        var best = all[..keep];
        if (keep > 0 && keep < all.Length)
        {
            // Min-heap of the kept candidates: the root is the worst one kept.
            for (int i = (keep / 2) - 1; i >= 0; i--)
            {
                SiftDown(best, i);
            }

            for (int i = keep; i < all.Length; i++)
            {
                if (Better(all[i], best[0]))
                {
                    best[0] = all[i];
                    SiftDown(best, 0);
                }
            }
        }

        best.Sort(static (p, q) => Better(p, q) ? -1 : Better(q, p) ? 1 : 0);
        var ids = new int[keep];
        var sims = new float[keep];
        for (int i = 0; i < keep; i++)
        {
            (sims[i], ids[i]) = best[i];
        }

        return (ids, sims);
    }

    private static bool Better((float Sim, int Id) p, (float Sim, int Id) q) => p.Sim > q.Sim || (p.Sim == q.Sim && p.Id < q.Id);

    private static void SiftDown(Span<(float Sim, int Id)> heap, int at)
    {
        while (true)
        {
            int worst = (2 * at) + 1;
            if (worst >= heap.Length)
            {
                return;
            }

            if (worst + 1 < heap.Length && Better(heap[worst], heap[worst + 1]))
            {
                worst++;
            }

            if (!Better(heap[at], heap[worst]))
            {
                return;
            }

            (heap[at], heap[worst]) = (heap[worst], heap[at]);
            at = worst;
        }
    }
}
