using System.Globalization;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Training.Layers;

/// <summary>
/// A text convolution with max-over-time pooling: every window of h consecutive token vectors is
/// multiplied by a filter bank, passed through ReLU, and the maximum over positions is kept.
/// </summary>
/// <remarks>
/// Kim, "Convolutional Neural Networks for Sentence Classification", EMNLP 2014. Built as windows
/// (h shifted Slices of the sequence concatenated along the feature axis, [N, T−h+1, h·E]) times
/// W [h·E, F] plus b, then Relu and ReduceMax over time; the max's gradient goes to the position
/// that held it.
/// </remarks>
public sealed class TextConvLayer
{
    private readonly ModelGraph _graph;

    private TextConvLayer(ModelGraph graph, GraphTensor weight, GraphTensor bias, long windowSize, long embeddingSize)
    {
        _graph = graph;
        Weight = weight;
        Bias = bias;
        WindowSize = windowSize;
        EmbeddingSize = embeddingSize;
    }

    /// <summary>Gets the filter bank W [h·E, F].</summary>
    public GraphTensor Weight { get; }

    /// <summary>Gets the bias [F].</summary>
    public GraphTensor Bias { get; }

    /// <summary>Gets the window size h in tokens.</summary>
    public long WindowSize { get; }

    /// <summary>Gets the token vector size E.</summary>
    public long EmbeddingSize { get; }

    /// <summary>Adds a text convolution; parameters are <c>NAME.weight</c> and <c>NAME.bias</c>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="embeddingSize">Token vector size E, at least 1.</param>
    /// <param name="windowSize">Tokens per window h, at least 1 (the papers use 2–5).</param>
    /// <param name="filters">Number of filters F, at least 1.</param>
    /// <returns>The layer.</returns>
    public static TextConvLayer Create(ModelGraph graph, string name, long embeddingSize, long windowSize, long filters)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(filters, 1);
        var weight = graph.Parameter(name + ".weight", ParameterInit.XavierUniform(), windowSize * embeddingSize, filters);
        var bias = graph.Parameter(name + ".bias", ParameterInit.Zeros, filters);
        return new TextConvLayer(graph, weight, bias, windowSize, embeddingSize);
    }

    /// <summary>Applies the convolution and the max over time.</summary>
    /// <param name="x">Token vectors [N, T, E] with a fixed T ≥ h.</param>
    /// <returns>Pooled features [N, F].</returns>
    public GraphTensor Apply(GraphTensor x) => _graph.ReduceMax(ApplySequence(x), 1);

    /// <summary>Applies the convolution without pooling, so another convolution can read its output (a stacked 1-D CNN).</summary>
    /// <param name="x">Token vectors [N, T, E] with a fixed T ≥ h.</param>
    /// <returns>ReLU features per window position [N, T − h + 1, F].</returns>
    public GraphTensor ApplySequence(GraphTensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 3 || !x.Shape[1].IsFixed || x.Shape[1].Size < WindowSize || x.Shape[2] != Format.OnnxDim.Fixed(EmbeddingSize))
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"TextConv '{Weight.Name}': input '{x.Name}' has shape {GraphTensor.FormatShape(x.Shape)}; [N, T, {EmbeddingSize}] with a fixed T ≥ {WindowSize} is expected."), nameof(x));
        }

        var g = _graph;
        long positions = x.Shape[1].Size - WindowSize + 1;
        var windows = WindowSize == 1
            ? x
            : g.Concat(2, Enumerable.Range(0, (int)WindowSize).Select(k => g.Slice(x, 1, k, k + positions)).ToArray());
        return g.Relu(g.Add(g.MatMul(windows, Weight), Bias));
    }
}
