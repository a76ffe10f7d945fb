using System.Globalization;
using MovieRec.Onnx.Protos;

namespace MovieRec.Onnx.Format;

/// <summary>
/// Builds an ONNX graph node by node: inputs (with symbolic dimensions such as the batch size),
/// constant initializers, operator nodes and outputs, then wraps it in an <see cref="OnnxModel"/>.
/// </summary>
/// <remarks>
/// Nodes must be added in topological order (every input already defined), which the builder checks.
/// Values created without a name get a unique generated one. The model targets the default ONNX
/// domain at opset <see cref="OnnxModel.DefaultOpset"/> and IR version <see cref="OnnxModel.DefaultIrVersion"/>.
/// </remarks>
/// <example>
/// <code>
/// var g = new OnnxGraphBuilder("scorer");
/// var ids = g.AddInput("user", OnnxElementType.Int64, "batch");
/// var table = g.AddInitializer("embedding", OnnxTensorData.FromFloats(weights, 100, 8));
/// var rows = g.AddNode("Gather", [table, ids]);
/// g.AddOutput(rows, OnnxElementType.Float, "batch", 8);
/// OnnxModel model = g.Build();
/// </code>
/// </example>
public sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private int _nextId;

    /// <summary>Starts an empty graph.</summary>
    /// <param name="name">The graph's name, stored in the file.</param>
    public OnnxGraphBuilder(string name = "graph")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _graph = new GraphProto { Name = name };
    }

    /// <summary>Number of nodes added so far.</summary>
    public int NodeCount => _graph.Node.Count;

    /// <summary>Declares a graph input.</summary>
    /// <param name="name">Input name, unique in the graph.</param>
    /// <param name="elementType">Element type.</param>
    /// <param name="shape">Dimensions: a number for a fixed size, a string for a symbolic one (e.g. "batch").</param>
    public OnnxValue AddInput(string name, OnnxElementType elementType, params OnnxDim[] shape)
    {
        Define(name);
        _graph.Input.Add(ValueInfo(name, elementType, shape));
        return new OnnxValue(name);
    }

    /// <summary>Adds a constant tensor (a weight) to the graph.</summary>
    /// <param name="name">Initializer name, unique in the graph.</param>
    /// <param name="data">The values.</param>
    public OnnxValue AddInitializer(string name, OnnxTensorData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Define(name);
        _graph.Initializer.Add(data.ToProto(name));
        return new OnnxValue(name);
    }

    /// <summary>Adds an operator node with one output.</summary>
    /// <param name="opType">ONNX operator name, e.g. "MatMul".</param>
    /// <param name="inputs">Inputs in the operator's order; <c>default</c> (empty name) marks an omitted optional input.</param>
    /// <param name="attributes">Operator attributes.</param>
    /// <param name="outputName">Name of the output, or <see langword="null"/> for a generated one.</param>
    /// <returns>The node's output.</returns>
    public OnnxValue AddNode(string opType, ReadOnlySpan<OnnxValue> inputs, IEnumerable<OnnxAttribute>? attributes = null, string? outputName = null) =>
        AddNode(opType, inputs, 1, attributes, outputName is null ? null : [outputName])[0];

    /// <summary>Adds an operator node with several outputs.</summary>
    /// <param name="opType">ONNX operator name, e.g. "Split".</param>
    /// <param name="inputs">Inputs in the operator's order; <c>default</c> marks an omitted optional input.</param>
    /// <param name="outputCount">Number of outputs, 1 or more.</param>
    /// <param name="attributes">Operator attributes.</param>
    /// <param name="outputNames">Names of the outputs, or <see langword="null"/> for generated ones.</param>
    public IReadOnlyList<OnnxValue> AddNode(
        string opType,
        ReadOnlySpan<OnnxValue> inputs,
        int outputCount,
        IEnumerable<OnnxAttribute>? attributes = null,
        IReadOnlyList<string>? outputNames = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        if (outputNames is not null && outputNames.Count != outputCount)
        {
            throw new ArgumentException($"{outputNames.Count} output names were given for {outputCount} outputs.", nameof(outputNames));
        }

        int id = _nextId++;
        var node = new NodeProto { OpType = opType, Name = string.Create(CultureInfo.InvariantCulture, $"{opType}_{id}") };
        foreach (var input in inputs)
        {
            string inputName = input.Name ?? string.Empty;
            if (inputName.Length != 0 && !_defined.Contains(inputName))
            {
                throw new ArgumentException($"Node {node.Name}: input '{inputName}' is not defined yet (nodes must be added in topological order).", nameof(inputs));
            }

            node.Input.Add(inputName);
        }

        if (attributes is not null)
        {
            foreach (var attribute in attributes)
            {
                node.Attribute.Add(attribute.Proto.Clone());
            }
        }

        var outputs = new OnnxValue[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            string name = outputNames?[i] ?? string.Create(CultureInfo.InvariantCulture, $"{opType}_{id}_out{i}");
            Define(name);
            node.Output.Add(name);
            outputs[i] = new OnnxValue(name);
        }

        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Declares a graph output.</summary>
    /// <param name="value">A value defined in the graph.</param>
    /// <param name="elementType">Its element type.</param>
    /// <param name="shape">Its dimensions (fixed or symbolic).</param>
    public void AddOutput(OnnxValue value, OnnxElementType elementType, params OnnxDim[] shape)
    {
        if (value.Name is null || !_defined.Contains(value.Name))
        {
            throw new ArgumentException($"Output '{value.Name}' is not a value of this graph.", nameof(value));
        }

        if (_graph.Output.Any(o => o.Name == value.Name))
        {
            throw new ArgumentException($"'{value.Name}' is already an output.", nameof(value));
        }

        _graph.Output.Add(ValueInfo(value.Name, elementType, shape));
    }

    /// <summary>Sets a metadata entry stored in the model file (model kind, vocabulary sizes, feature contract...).</summary>
    public void SetMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        _metadata[key] = value;
    }

    /// <summary>Wraps the graph in a model.</summary>
    /// <param name="opset">Default-domain opset version; 17 unless a model needs newer operators.</param>
    /// <param name="docString">Free-text description stored in the file.</param>
    /// <exception cref="InvalidOperationException">The graph has no outputs.</exception>
    public OnnxModel Build(long opset = OnnxModel.DefaultOpset, string? docString = null)
    {
        if (_graph.Output.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{_graph.Name}' has no outputs; call AddOutput first.");
        }

        var model = new ModelProto
        {
            IrVersion = OnnxModel.DefaultIrVersion,
            ProducerName = OnnxModel.ProducerName,
            ProducerVersion = OnnxModel.ProducerVersion,
            Graph = _graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        if (docString is not null)
        {
            model.DocString = docString;
        }

        foreach (var (key, value) in _metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return new OnnxModel(model);
    }

    private static ValueInfoProto ValueInfo(string name, OnnxElementType elementType, OnnxDim[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (elementType == OnnxElementType.Undefined)
        {
            throw new ArgumentException($"Value '{name}' needs an element type.", nameof(elementType));
        }

        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            tensorShape.Dim.Add(dim.IsFixed
                ? new TensorShapeProto.Types.Dimension { DimValue = dim.Size }
                : new TensorShapeProto.Types.Dimension { DimParam = dim.Symbol });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = tensorShape } },
        };
    }

    private void Define(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_defined.Add(name))
        {
            throw new ArgumentException($"A value named '{name}' already exists in graph '{_graph.Name}'.", nameof(name));
        }
    }
}
