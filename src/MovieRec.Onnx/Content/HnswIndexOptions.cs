namespace MovieRec.Onnx.Content;

/// <summary>Graph settings of an <see cref="HnswIndex"/>.</summary>
public sealed record HnswIndexOptions
{
    /// <summary>Gets the number of links per node (HNSW's M). Default 16.</summary>
    public int Connectivity { get; init; } = 16;

    /// <summary>Gets the breadth of the search while building (efConstruction). Default 128.</summary>
    public int ExpansionAdd { get; init; } = 128;

    /// <summary>Gets the breadth of a query (ef): higher finds more of the true neighbours, slower. Default 64.</summary>
    public int ExpansionSearch { get; init; } = 64;

    internal void Validate()
    {
        if (Connectivity < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Connectivity), Connectivity, "Connectivity must be at least 2.");
        }

        if (ExpansionAdd < 1 || ExpansionSearch < 1)
        {
            throw new ArgumentOutOfRangeException(ExpansionAdd < 1 ? nameof(ExpansionAdd) : nameof(ExpansionSearch), "Expansions must be at least 1.");
        }
    }
}
