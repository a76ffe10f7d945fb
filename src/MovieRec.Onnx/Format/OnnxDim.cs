namespace MovieRec.Onnx.Format;

/// <summary>
/// One dimension of a tensor shape: either a fixed size or a symbolic name such as <c>"batch"</c>
/// whose size is decided when the model runs.
/// </summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or -1 when the dimension is symbolic.</summary>
    public long Size { get; }

    /// <summary>The symbolic name, or <see langword="null"/> for a fixed size.</summary>
    public string? Symbol { get; }

    /// <summary>Whether the size is fixed.</summary>
    public bool IsFixed => Symbol is null;

    /// <summary>A fixed dimension.</summary>
    /// <param name="size">Size, 0 or more.</param>
    public static OnnxDim Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new OnnxDim(size, null);
    }

    /// <summary>A symbolic dimension, e.g. the batch size.</summary>
    /// <param name="name">A non-empty name; dimensions with the same name have the same size.</param>
    public static OnnxDim Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new OnnxDim(-1, name);
    }

    /// <summary>A fixed dimension from its size.</summary>
    public static implicit operator OnnxDim(long size) => Fixed(size);

    /// <summary>A symbolic dimension from its name.</summary>
    public static implicit operator OnnxDim(string name) => Named(name);

    /// <inheritdoc/>
    public override string ToString() => Symbol ?? Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
