using System.Globalization;
using System.Text;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// Name, element type and shape of one input or output of an <see cref="InferenceSession"/>.
/// </summary>
/// <remarks>
/// A dimension the model leaves open (a symbolic batch dimension such as <c>batch</c>, or an unnamed one) is -1
/// in <see cref="Shape"/>; its name, if any, is at the same position in <see cref="SymbolicDimensions"/>.
/// </remarks>
public sealed class OrtTensorInfo
{
    private readonly long[] _shape;
    private readonly string[] _symbolicDimensions;

    internal OrtTensorInfo(string name, bool isTensor, OrtElementType elementType, long[] shape, string[] symbolicDimensions)
    {
        Name = name;
        IsTensor = isTensor;
        ElementType = elementType;
        _shape = shape;
        _symbolicDimensions = symbolicDimensions;
    }

    /// <summary>The input or output name, as in the model.</summary>
    public string Name { get; }

    /// <summary>Whether the value is a tensor; sequences and maps are not, and have no element type or shape here.</summary>
    public bool IsTensor { get; }

    /// <summary>The element type; <see cref="OrtElementType.Undefined"/> when <see cref="IsTensor"/> is false.</summary>
    public OrtElementType ElementType { get; }

    /// <summary>The dimensions; -1 for a dimension that is symbolic or unknown.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>The name of each symbolic dimension (for example <c>batch</c>); empty where the dimension is fixed or unnamed.</summary>
    public IReadOnlyList<string> SymbolicDimensions => _symbolicDimensions;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    internal ReadOnlySpan<long> ShapeSpan => _shape;

    /// <summary>The shape as text: <c>[batch, 32]</c>.</summary>
    /// <returns>The text.</returns>
    public string FormatShape()
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < _shape.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(_shape[i] >= 0 ? _shape[i].ToString(CultureInfo.InvariantCulture)
                : _symbolicDimensions[i].Length > 0 ? _symbolicDimensions[i] : "?");
        }

        return builder.Append(']').ToString();
    }

    /// <summary>A description such as <c>ids: Int64[batch]</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => IsTensor ? $"{Name}: {ElementType}{FormatShape()}" : $"{Name}: (not a tensor)";
}
