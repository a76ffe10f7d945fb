using System.Globalization;
using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Training.Graph;

/// <summary>
/// A typed tensor of a <see cref="ModelGraph"/>: a name, an element type and a shape whose
/// dimensions are fixed sizes or symbols (such as the batch dimension <c>N</c>).
/// </summary>
/// <remarks>
/// Tensors are created only by the graph (inputs, parameters, constants and operations) and are
/// immutable. Shapes are inferred when an operation is added, so a mismatch is reported at
/// build time, naming both shapes.
/// </remarks>
public sealed class GraphTensor
{
    private readonly OnnxDim[] _shape;

    internal GraphTensor(ModelGraph graph, string name, OnnxElementType elementType, OnnxDim[] shape, TensorKind kind)
    {
        Graph = graph;
        Name = name;
        ElementType = elementType;
        _shape = shape;
        Kind = kind;
    }

    /// <summary>Gets the unique name of the tensor in its graph (the ONNX value name).</summary>
    public string Name { get; }

    /// <summary>Gets the element type.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>Gets the shape: one entry per axis, fixed or symbolic.</summary>
    public IReadOnlyList<OnnxDim> Shape => _shape;

    /// <summary>Gets the number of axes.</summary>
    public int Rank => _shape.Length;

    /// <summary>Gets what the tensor is (input, parameter, constant or computed).</summary>
    public TensorKind Kind { get; }

    /// <summary>Gets a value indicating whether every dimension is a fixed size.</summary>
    public bool IsStatic => Array.TrueForAll(_shape, d => d.IsFixed);

    /// <summary>Gets the number of elements when the shape is static.</summary>
    /// <exception cref="InvalidOperationException">A dimension is symbolic.</exception>
    public long ElementCount
    {
        get
        {
            if (!IsStatic)
            {
                throw new InvalidOperationException($"Tensor '{Name}' has the symbolic shape {ShapeText}; its element count is known only at run time.");
            }

            long count = 1;
            foreach (var d in _shape)
            {
                count *= d.Size;
            }

            return count;
        }
    }

    internal ModelGraph Graph { get; }

    internal OnnxDim[] Dims => _shape;

    internal string ShapeText => FormatShape(_shape);

    internal GraphNode? Producer { get; set; }

    internal OnnxTensorData? ConstantValue { get; init; }

    internal ParameterInit? Initializer { get; init; }

    internal bool IsFloat => ElementType is OnnxElementType.Float or OnnxElementType.Double;

    /// <summary>Returns the tensor as <c>name: Type[dims]</c>.</summary>
    /// <returns>A short description for messages.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: {ElementType}{ShapeText}");

    internal static string FormatShape(IReadOnlyList<OnnxDim> shape) => "[" + string.Join(", ", shape) + "]";

    internal long[] StaticDims() => IsStatic ? Array.ConvertAll(_shape, d => d.Size) : throw new InvalidOperationException(
        $"Tensor '{Name}' has the symbolic shape {ShapeText}; a fixed shape is needed here.");
}
