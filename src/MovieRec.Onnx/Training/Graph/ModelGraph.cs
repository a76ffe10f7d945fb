using System.Globalization;
using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Training.Graph;

/// <summary>
/// A typed, shape-checked graph of ONNX operations that defines a model once for training and for
/// inference: inputs with a symbolic batch dimension, trainable parameters with seeded
/// initializers, operations, named outputs and a loss.
/// </summary>
/// <remarks>
/// <para>
/// Every operation infers its output shape when it is added and throws, naming the operation and
/// both shapes, when its inputs do not fit. Symbolic dimensions (such as <c>"N"</c>) match only
/// the same symbol; a fixed 1 broadcasts against anything.
/// </para>
/// <para>
/// The graph is compiled by the trainer into a training step (forward pass, the backward pass
/// derived by reverse-mode differentiation, and the optimizer update, all standard ONNX opset 17
/// operations) and, for export, into the forward graph with the trained weights as initializers
/// and dropout removed.
/// </para>
/// </remarks>
public sealed partial class ModelGraph
{
    private readonly object _family;
    private readonly List<GraphNode> _nodes;
    private readonly List<GraphTensor> _inputs;
    private readonly List<GraphTensor> _parameters;
    private readonly List<GraphTensor> _constants;
    private readonly List<KeyValuePair<string, GraphTensor>> _outputs;
    private readonly HashSet<string> _names;
    private readonly Dictionary<string, GraphTensor> _constantCache;
    private int _counter;
    private int _dropoutCount;
    private readonly List<LstmRegion> _lstms = [];

    private ModelGraph(string name, OnnxElementType floatType, int seed)
    {
        Name = name;
        FloatType = floatType;
        Seed = seed;
        _family = new object();
        _nodes = [];
        _inputs = [];
        _parameters = [];
        _constants = [];
        _outputs = [];
        _names = new HashSet<string>(StringComparer.Ordinal);
        _constantCache = new Dictionary<string, GraphTensor>(StringComparer.Ordinal);
    }

    private ModelGraph(ModelGraph source)
    {
        Name = source.Name;
        FloatType = source.FloatType;
        Seed = source.Seed;
        _family = source._family;
        _nodes = [.. source._nodes];
        _inputs = [.. source._inputs];
        _parameters = [.. source._parameters];
        _constants = [.. source._constants];
        _outputs = [.. source._outputs];
        _names = new HashSet<string>(source._names, StringComparer.Ordinal);
        _constantCache = new Dictionary<string, GraphTensor>(source._constantCache, StringComparer.Ordinal);
        _counter = source._counter;
        _dropoutCount = source._dropoutCount;
        _lstms = [.. source._lstms];
    }

    /// <summary>Gets the graph name (the ONNX graph name of compiled and exported models).</summary>
    public string Name { get; }

    /// <summary>Gets the floating-point element type of parameters and activations (Float or Double).</summary>
    public OnnxElementType FloatType { get; }

    /// <summary>Gets the seed of parameter initializers and in-graph dropout masks.</summary>
    public int Seed { get; }

    /// <summary>Gets the inputs in the order they were declared.</summary>
    public IReadOnlyList<GraphTensor> Inputs => _inputs;

    /// <summary>Gets the trainable parameters in the order they were declared.</summary>
    public IReadOnlyList<GraphTensor> Parameters => _parameters;

    /// <summary>Gets the named outputs of the inference model, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, GraphTensor>> Outputs => _outputs;

    /// <summary>Gets the number of operations.</summary>
    public int OperationCount => _nodes.Count;

    internal IReadOnlyList<GraphNode> Nodes => _nodes;

    internal IReadOnlyList<GraphTensor> Constants => _constants;

    /// <summary>Unrolled LSTMs that export may replace by the ONNX <c>LSTM</c> operator.</summary>
    internal IReadOnlyList<LstmRegion> Lstms => _lstms;

    /// <summary>Creates an empty graph.</summary>
    /// <param name="name">Graph name; not empty.</param>
    /// <param name="seed">Seed of the parameter initializers and dropout masks; default 0.</param>
    /// <param name="floatType">Element type of parameters: <see cref="OnnxElementType.Float"/> (default) or <see cref="OnnxElementType.Double"/>.</param>
    /// <returns>The graph.</returns>
    public static ModelGraph Create(string name, int seed = 0, OnnxElementType floatType = OnnxElementType.Float)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (floatType is not (OnnxElementType.Float or OnnxElementType.Double))
        {
            throw new ArgumentOutOfRangeException(nameof(floatType), floatType, "Expected Float or Double.");
        }

        return new ModelGraph(name, floatType, seed);
    }

    /// <summary>Declares an input fed on every run.</summary>
    /// <param name="name">Unique name; the ONNX input name.</param>
    /// <param name="elementType">Element type (Int64 for ids, the graph's float type for values, Bool for masks).</param>
    /// <param name="shape">Dimensions: fixed sizes or symbols such as <c>"N"</c> for the batch.</param>
    /// <returns>The input tensor.</returns>
    public GraphTensor Input(string name, OnnxElementType elementType, params OnnxDim[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (elementType is not (OnnxElementType.Float or OnnxElementType.Double or OnnxElementType.Int64 or OnnxElementType.Int32 or OnnxElementType.Bool))
        {
            throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "Expected Float, Double, Int64, Int32 or Bool.");
        }

        Reserve(name, nameof(name));
        var tensor = new GraphTensor(this, name, elementType, (OnnxDim[])shape.Clone(), TensorKind.Input);
        _inputs.Add(tensor);
        return tensor;
    }

    /// <summary>Declares a trainable parameter of the graph's float type.</summary>
    /// <param name="name">Unique name; the ONNX initializer name in exported models.</param>
    /// <param name="init">How initial values are drawn (seeded from the graph seed and the parameter's position).</param>
    /// <param name="shape">Fixed dimensions, each at least 1.</param>
    /// <returns>The parameter tensor.</returns>
    public GraphTensor Parameter(string name, ParameterInit init, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(init);
        ArgumentNullException.ThrowIfNull(shape);
        foreach (long d in shape)
        {
            if (d < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"Parameter '{name}': every dimension must be at least 1; got [{string.Join(", ", shape)}].");
            }
        }

        Reserve(name, nameof(name));
        var tensor = new GraphTensor(this, name, FloatType, Array.ConvertAll(shape, d => OnnxDim.Fixed(d)), TensorKind.Parameter) { Initializer = init };
        _parameters.Add(tensor);
        return tensor;
    }

    /// <summary>Adds a scalar constant of the graph's float type.</summary>
    /// <param name="value">The value; finite.</param>
    /// <returns>The constant tensor (shape []).</returns>
    public GraphTensor Scalar(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Constants must be finite.");
        }

        return FloatConstant([value], []);
    }

    /// <summary>Adds a constant tensor.</summary>
    /// <param name="data">The values and dimensions.</param>
    /// <returns>The constant tensor.</returns>
    public GraphTensor Constant(OnnxTensorData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string name = Unique("const");
        var tensor = new GraphTensor(this, name, data.ElementType, data.Dims.Select(d => OnnxDim.Fixed(d)).ToArray(), TensorKind.Constant) { ConstantValue = data };
        _constants.Add(tensor);
        return tensor;
    }

    /// <summary>Names a tensor as an output of the inference (exported) model.</summary>
    /// <param name="name">Unique output name.</param>
    /// <param name="tensor">The tensor.</param>
    public void Output(string name, GraphTensor tensor)
    {
        Check(tensor, nameof(tensor));
        Reserve(name, nameof(name));
        _outputs.Add(new KeyValuePair<string, GraphTensor>(name, tensor));
    }

    /// <summary>Returns the initial values of a parameter, drawn from its initializer and the graph seed.</summary>
    /// <param name="parameter">A parameter of this graph.</param>
    /// <returns>The values, row-major, as doubles.</returns>
    public double[] InitialValues(GraphTensor parameter)
    {
        Check(parameter, nameof(parameter));
        int index = _parameters.IndexOf(parameter);
        if (index < 0)
        {
            throw new ArgumentException($"'{parameter.Name}' is not a parameter of graph '{Name}'.", nameof(parameter));
        }

        return parameter.Initializer!.Generate(parameter.StaticDims(), SplitMix64.Mix((ulong)(uint)Seed, (ulong)index + 1));
    }

    internal ModelGraph Fork() => new(this);

    internal void RegisterLstm(LstmRegion region) => _lstms.Add(region);

    internal GraphTensor FloatConstant(double[] values, long[] dims)
    {
        var data = FloatType == OnnxElementType.Float
            ? OnnxTensorData.FromFloats(Array.ConvertAll(values, v => (float)v), dims)
            : OnnxTensorData.FromDoubles(values, dims);
        string key = string.Create(CultureInfo.InvariantCulture, $"f:{string.Join(',', dims)}:{string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}");
        return Cached(key, data);
    }

    internal GraphTensor Int64Constant(long[] values, long[] dims)
    {
        string key = string.Create(CultureInfo.InvariantCulture, $"i:{string.Join(',', dims)}:{string.Join(',', values)}");
        return Cached(key, OnnxTensorData.FromInt64s(values, dims));
    }

    internal GraphTensor Ints(params long[] values) => Int64Constant(values, [values.Length]);

    internal void Check(GraphTensor tensor, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(tensor, parameterName);
        if (!ReferenceEquals(tensor.Graph._family, _family))
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' belongs to another graph ('{tensor.Graph.Name}'), not '{Name}'.", parameterName);
        }
    }

    internal GraphNode AddNode(
        string opType,
        GraphTensor[] inputs,
        OnnxDim[][] outputShapes,
        OnnxElementType[] outputTypes,
        OnnxAttribute[]? attributes = null,
        long[]? ints = null,
        long[]? ints2 = null,
        double scalar = 0,
        long seed = 0)
    {
        var node = new GraphNode(opType, inputs, attributes ?? [], ints ?? []) { Ints2 = ints2 ?? [], Scalar = scalar, Seed = seed };
        var outputs = new GraphTensor[outputShapes.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = new GraphTensor(this, Unique(opType), outputTypes[i], outputShapes[i], TensorKind.Computed) { Producer = node };
        }

        node.Outputs = outputs;
        _nodes.Add(node);
        return node;
    }

    internal GraphTensor AddUnary(string opType, GraphTensor input, OnnxDim[] shape, OnnxElementType type, OnnxAttribute[]? attributes = null, long[]? ints = null, long[]? ints2 = null) =>
        AddNode(opType, [input], [shape], [type], attributes, ints, ints2).Outputs[0];

    internal int NextDropoutIndex() => _dropoutCount++;

    private GraphTensor Cached(string key, OnnxTensorData data)
    {
        if (!_constantCache.TryGetValue(key, out var tensor))
        {
            tensor = Constant(data);
            _constantCache[key] = tensor;
        }

        return tensor;
    }

    private void Reserve(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"Graph '{Name}' already has a value named '{name}'.", parameterName);
        }
    }

    private string Unique(string prefix)
    {
        while (true)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{_counter++}");
            if (_names.Add(name))
            {
                return name;
            }
        }
    }
}
