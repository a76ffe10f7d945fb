using System.Runtime.InteropServices;

namespace MovieRec.Data;

/// <summary>
/// Maps raw identifiers (as they appear in a dataset's files) to dense indices 1..<see cref="Count"/>.
/// Index 0 is reserved for "unknown" and padding, so a cold-start identifier maps to 0.
/// </summary>
/// <remarks>
/// Dense indices are assigned in first-seen order, which makes them a deterministic function of the
/// input file. Embedding tables sized <see cref="IndexCount"/> have a row for every known id plus the
/// shared unknown row.
/// </remarks>
public sealed class IdMap
{
    private readonly Dictionary<long, int> _toIndex;
    private readonly List<long> _toRaw;

    /// <summary>Creates an empty map.</summary>
    public IdMap()
        : this(0)
    {
    }

    /// <summary>Creates an empty map with room for <paramref name="capacity"/> ids.</summary>
    /// <param name="capacity">Expected number of distinct ids; 0 or more.</param>
    public IdMap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _toIndex = new Dictionary<long, int>(capacity);
        _toRaw = new List<long>(capacity + 1) { 0 };
    }

    /// <summary>Number of known ids (index 0 not counted).</summary>
    public int Count => _toRaw.Count - 1;

    /// <summary>Number of indices including the reserved index 0: the row count of an embedding table.</summary>
    public int IndexCount => _toRaw.Count;

    /// <summary>Returns the dense index of <paramref name="rawId"/>, adding it when it is new.</summary>
    public int GetOrAdd(long rawId)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_toIndex, rawId, out bool exists);
        if (!exists)
        {
            slot = _toRaw.Count;
            _toRaw.Add(rawId);
        }

        return slot;
    }

    /// <summary>Returns the dense index of <paramref name="rawId"/>, or 0 when the id is unknown.</summary>
    public int IndexOf(long rawId) => _toIndex.TryGetValue(rawId, out int index) ? index : 0;

    /// <summary>Whether <paramref name="rawId"/> has an index.</summary>
    public bool Contains(long rawId) => _toIndex.ContainsKey(rawId);

    /// <summary>Returns the raw id of dense index <paramref name="index"/> (1..<see cref="Count"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is 0 (unknown) or beyond <see cref="Count"/>.</exception>
    public long RawIdOf(int index)
    {
        if (index <= 0 || index >= _toRaw.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected a dense index in 1..{Count}; 0 is the reserved unknown index.");
        }

        return _toRaw[index];
    }

    /// <summary>The raw ids in index order, starting at index 1.</summary>
    public IReadOnlyList<long> RawIds => _toRaw.GetRange(1, Count);
}
