namespace MovieRec.Onnx.Format;

/// <summary>The declared name, element type and shape of a graph input or output.</summary>
/// <param name="Name">The value's name.</param>
/// <param name="ElementType">The tensor element type.</param>
/// <param name="Shape">The dimensions, fixed or symbolic; empty for a scalar.</param>
public sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<OnnxDim> Shape)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(", ", Shape)}]";
}
