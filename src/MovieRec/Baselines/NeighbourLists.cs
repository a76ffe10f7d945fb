using MovieRec.Abstractions;

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
    /// The best <paramref name="keep"/> of <paramref name="candidates"/> by their similarity in
    /// <paramref name="sims"/>, best first: descending similarity, ties by ascending index, so the choice
    /// and the order are deterministic.
    /// </summary>
    /// <param name="sims">Similarity per index; only the candidates' entries are read.</param>
    /// <param name="candidates">The indices to choose from.</param>
    /// <param name="keep">How many to keep at most.</param>
    /// <returns>The kept indices and their similarities.</returns>
    public static (int[] Ids, float[] Sims) Best(ReadOnlySpan<float> sims, ReadOnlySpan<int> candidates, int keep)
    {
        var ids = new int[Math.Min(keep, candidates.Length)];
        int count = TopK.Select(sims, candidates, ids);
        if (count < ids.Length)
        {
            Array.Resize(ref ids, count);
        }

        var kept = new float[count];
        for (int i = 0; i < count; i++)
        {
            kept[i] = sims[ids[i]];
        }

        return (ids, kept);
    }
}
