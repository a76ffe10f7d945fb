using System.Diagnostics;
using System.Numerics.Tensors;
using Cloud.Unum.USearch;
using MovieRec.Abstractions;
using MovieRec.Content;

namespace MovieRec.Onnx.Content;

/// <summary>
/// An approximate nearest-neighbour index (HNSW, from USearch) over a content model's movie vectors, by cosine
/// similarity. Build one with <see cref="Build"/> and attach it with <see cref="ContentModel.WithIndex"/>;
/// <see cref="ContentCatalog.WithSearchIndex"/> does both when a catalogue is large enough to gain from it.
/// </summary>
/// <remarks>
/// Rows whose vector is all zeros (row 0, movies with no text) are left out. USearch ships native builds for
/// linux-x64, win-x64 and osx-arm64; elsewhere <see cref="Build"/> throws <see cref="PlatformNotSupportedException"/>
/// and exact search remains. Searches may run from many threads at once (as many at a time as there are
/// processors; the others wait).
/// </remarks>
public sealed class HnswIndex : IVectorIndex
{
    private readonly USearchIndex _index;
    private readonly int _dimension;

    // USearch keeps one search context per hardware thread and fails a search when all are busy, so no more
    // searches than processors run at once; the others wait their turn.
    private readonly SemaphoreSlim _searchers = new(Environment.ProcessorCount, Environment.ProcessorCount);

    private HnswIndex(USearchIndex index, int dimension, int count, HnswIndexOptions options)
    {
        _index = index;
        _dimension = dimension;
        Count = count;
        Name = $"HNSW (USearch, connectivity {options.Connectivity}, expansion {options.ExpansionAdd}/{options.ExpansionSearch})";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Count { get; }

    /// <summary>Builds the index over every non-zero row of a matrix (row = key).</summary>
    /// <param name="vectors">The vectors, for example <see cref="ContentModel.MovieVectors"/>.</param>
    /// <param name="options">Graph settings; null uses the defaults.</param>
    /// <param name="progress">Receives the number of rows added, now and then; may be null.</param>
    /// <returns>The index.</returns>
    public static HnswIndex Build(FactorMatrix vectors, HnswIndexOptions? options = null, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        options ??= new HnswIndexOptions();
        options.Validate();
        if (vectors.Columns == 0)
        {
            throw new ArgumentException("The vectors have no columns.", nameof(vectors));
        }

        USearchIndex index;
        try
        {
            index = new USearchIndex(MetricKind.Cos, ScalarKind.Float32, (ulong)vectors.Columns, (ulong)options.Connectivity,
                                     (ulong)options.ExpansionAdd, (ulong)options.ExpansionSearch, false);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new PlatformNotSupportedException($"USearch has no native library for {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}; search stays exact.", e);
        }

        try
        {
            // Rows go in chunks: the binding reserves capacity per call, and one chunk at a time keeps the copies small.
            const int Chunk = 10_000;
            var keys = new List<ulong>(Chunk);
            var rows = new List<float[]>(Chunk);
            int added = 0;
            for (int r = 0; r < vectors.Rows; r++)
            {
                var row = vectors.Row(r);
                if (TensorPrimitives.Norm(row) > 0)
                {
                    keys.Add((ulong)r);
                    rows.Add(row.ToArray());
                }

                if (rows.Count == Chunk || (r == vectors.Rows - 1 && rows.Count > 0))
                {
                    index.Add([.. keys], [.. rows]);
                    added += rows.Count;
                    keys.Clear();
                    rows.Clear();
                    progress?.Report(added);
                }
            }

            return new HnswIndex(index, vectors.Columns, added, options);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public int Search(ReadOnlySpan<float> query, Span<int> rows, Span<float> similarities)
    {
        if (query.Length != _dimension)
        {
            throw new ArgumentException($"The query has {query.Length} values; the index holds vectors of {_dimension}.", nameof(query));
        }

        if (similarities.Length < rows.Length)
        {
            throw new ArgumentException($"{similarities.Length} similarities cannot hold {rows.Length} rows.", nameof(similarities));
        }

        if (rows.Length == 0 || !(TensorPrimitives.Norm(query) > 0))
        {
            return 0;
        }

        float[] copy = query.ToArray();
        ulong[] keys;
        float[] distances;
        int found;
        _searchers.Wait();
        try
        {
            found = _index.Search(copy, rows.Length, out keys, out distances);
        }
        finally
        {
            _searchers.Release();
        }

        Debug.Assert(found <= rows.Length, "USearch returned more rows than asked for.");
        for (int i = 0; i < found; i++)
        {
            rows[i] = (int)keys[i];
            similarities[i] = 1f - distances[i];
        }

        return found;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _index.Dispose();
        _searchers.Dispose();
    }
}
