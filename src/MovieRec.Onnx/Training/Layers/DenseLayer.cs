using System.Globalization;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Training.Layers;

/// <summary>A fully connected layer: y = f(x·W + b) with W [in, out] and b [out].</summary>
public sealed class DenseLayer
{
    private readonly ModelGraph _graph;

    private DenseLayer(ModelGraph graph, GraphTensor weight, GraphTensor bias, Activation activation)
    {
        _graph = graph;
        Weight = weight;
        Bias = bias;
        Activation = activation;
    }

    /// <summary>Gets the weight parameter [in, out].</summary>
    public GraphTensor Weight { get; }

    /// <summary>Gets the bias parameter [out].</summary>
    public GraphTensor Bias { get; }

    /// <summary>Gets the activation.</summary>
    public Activation Activation { get; }

    /// <summary>Adds a dense layer to a graph; parameters are named <c>NAME.weight</c> and <c>NAME.bias</c>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="name">Layer name (prefix of its parameters).</param>
    /// <param name="inputSize">Input features, at least 1.</param>
    /// <param name="outputSize">Output features, at least 1.</param>
    /// <param name="activation">Activation; default none.</param>
    /// <param name="init">Weight initializer; default Xavier/Glorot uniform. Biases start at 0.</param>
    /// <returns>The layer.</returns>
    public static DenseLayer Create(ModelGraph graph, string name, long inputSize, long outputSize, Activation activation = Activation.None, ParameterInit? init = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Expected None, Relu, Sigmoid or Tanh.");
        }

        var weight = graph.Parameter(name + ".weight", init ?? ParameterInit.XavierUniform(), inputSize, outputSize);
        var bias = graph.Parameter(name + ".bias", ParameterInit.Zeros, outputSize);
        return new DenseLayer(graph, weight, bias, activation);
    }

    /// <summary>Applies the layer to the last axis of <paramref name="x"/>.</summary>
    /// <param name="x">Input [..., in], rank 2 or more.</param>
    /// <returns>Output [..., out].</returns>
    public GraphTensor Apply(GraphTensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank < 2 || x.Shape[^1] != Weight.Shape[0])
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Dense '{Weight.Name}': input '{x.Name}' has shape {GraphTensor.FormatShape(x.Shape)}; [..., {Weight.Shape[0]}] is expected (weight {GraphTensor.FormatShape(Weight.Shape)})."), nameof(x));
        }

        var y = _graph.Add(_graph.MatMul(x, Weight), Bias);
        return Activate(_graph, y, Activation);
    }

    internal static GraphTensor Activate(ModelGraph graph, GraphTensor x, Activation activation) => activation switch
    {
        Activation.Relu => graph.Relu(x),
        Activation.Sigmoid => graph.Sigmoid(x),
        Activation.Tanh => graph.Tanh(x),
        _ => x,
    };
}
