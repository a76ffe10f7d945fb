namespace MovieRec.Onnx.Format;

/// <summary>A named value in a graph under construction: an input, an initializer or a node output.</summary>
/// <param name="Name">The value's name, unique within its graph.</param>
public readonly record struct OnnxValue(string Name)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
