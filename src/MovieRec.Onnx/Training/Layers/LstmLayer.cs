using System.Globalization;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Training.Layers;

/// <summary>
/// A long short-term memory layer unrolled over a fixed number of steps, built from MatMul,
/// Sigmoid, Tanh and element-wise operations so that it trains through the same gradient rules.
/// </summary>
/// <remarks>
/// <para>
/// Hochreiter and Schmidhuber, "Long Short-Term Memory", 1997, with a forget gate (Gers et al.,
/// 2000): gates = x_t·W + h_{t−1}·U + b split into i, f, g, o; c_t = σ(f)⊙c_{t−1} + σ(i)⊙tanh(g);
/// h_t = σ(o)⊙tanh(c_t). The input projection x·W is one MatMul over all steps.
/// </para>
/// <para>
/// Padding: with a mask m [N, T] (1 for a token, 0 for padding) the state is carried unchanged
/// through padded steps (h_t = h_{t−1} + m_t(h̃_t − h_{t−1}), likewise c) and the output there is 0,
/// so the final state is the one after the last real token. A constant 1 is added to the forget
/// gate's pre-activation (Jozefowicz et al., 2015), so the state is kept by default.
/// </para>
/// </remarks>
public sealed class LstmLayer
{
    private readonly ModelGraph _graph;

    private LstmLayer(ModelGraph graph, GraphTensor inputWeight, GraphTensor recurrentWeight, GraphTensor bias, long hiddenSize)
    {
        _graph = graph;
        InputWeight = inputWeight;
        RecurrentWeight = recurrentWeight;
        Bias = bias;
        HiddenSize = hiddenSize;
    }

    /// <summary>Gets W [in, 4H] (gate order i, f, g, o).</summary>
    public GraphTensor InputWeight { get; }

    /// <summary>Gets U [H, 4H].</summary>
    public GraphTensor RecurrentWeight { get; }

    /// <summary>Gets b [4H].</summary>
    public GraphTensor Bias { get; }

    /// <summary>Gets H.</summary>
    public long HiddenSize { get; }

    /// <summary>Adds an LSTM layer; parameters are <c>NAME.w</c>, <c>NAME.u</c>, <c>NAME.b</c>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="name">Layer name.</param>
    /// <param name="inputSize">Features per step, at least 1.</param>
    /// <param name="hiddenSize">Hidden size H, at least 1.</param>
    /// <returns>The layer.</returns>
    public static LstmLayer Create(ModelGraph graph, string name, long inputSize, long hiddenSize)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        var w = graph.Parameter(name + ".w", ParameterInit.XavierUniform(), inputSize, 4 * hiddenSize);
        var u = graph.Parameter(name + ".u", ParameterInit.XavierUniform(), hiddenSize, 4 * hiddenSize);
        var b = graph.Parameter(name + ".b", ParameterInit.Zeros, 4 * hiddenSize);
        return new LstmLayer(graph, w, u, b, hiddenSize);
    }

    /// <summary>Runs the layer over a sequence.</summary>
    /// <param name="x">Input [N, T, in] with a fixed T.</param>
    /// <param name="mask">Optional float mask [N, T]: 1 for real steps, 0 for padding; null treats every step as real.</param>
    /// <returns>The hidden states at every step and the final one.</returns>
    public LstmOutput Apply(GraphTensor x, GraphTensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 3 || !x.Shape[1].IsFixed || x.Shape[2] != InputWeight.Shape[0])
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"LSTM '{InputWeight.Name}': input '{x.Name}' has shape {GraphTensor.FormatShape(x.Shape)}; [N, T, {InputWeight.Shape[0]}] with a fixed T is expected."), nameof(x));
        }

        long steps = x.Shape[1].Size;
        if (mask is not null && (mask.Rank != 2 || mask.Shape[1] != x.Shape[1] || mask.Shape[0] != x.Shape[0]))
        {
            throw new ArgumentException($"LSTM: mask '{mask.Name}' {GraphTensor.FormatShape(mask.Shape)} does not match input {GraphTensor.FormatShape(x.Shape)}; [N, T] is expected.", nameof(mask));
        }

        var g = _graph;
        long h = HiddenSize;
        var projected = g.Add(g.MatMul(x, InputWeight), Bias);
        var perStep = steps == 1 ? [projected] : g.Split(projected, 1, Enumerable.Repeat(1L, (int)steps).ToArray());
        var maskSteps = mask is null ? null : steps == 1 ? [mask] : g.Split(mask, 1, Enumerable.Repeat(1L, (int)steps).ToArray());
        var forgetBias = g.FloatConstant([.. Enumerable.Repeat(0.0, (int)h), .. Enumerable.Repeat(1.0, (int)h), .. Enumerable.Repeat(0.0, (int)(2 * h))], [4 * h]);
        GraphTensor? hidden = null;
        GraphTensor? cell = null;
        var outputs = new GraphTensor[steps];
        for (int t = 0; t < steps; t++)
        {
            var xt = g.Squeeze(perStep[t], 1);
            var gates = g.Add(hidden is null ? xt : g.Add(xt, g.MatMul(hidden, RecurrentWeight)), forgetBias);
            var parts = g.Split(gates, 1, h, h, h, h);
            var i = g.Sigmoid(parts[0]);
            var f = g.Sigmoid(parts[1]);
            var c = g.Tanh(parts[2]);
            var o = g.Sigmoid(parts[3]);
            var newCell = cell is null ? g.Mul(i, c) : g.Add(g.Mul(f, cell), g.Mul(i, c));
            var newHidden = g.Mul(o, g.Tanh(newCell));
            if (maskSteps is null)
            {
                cell = newCell;
                hidden = newHidden;
                outputs[t] = newHidden;
            }
            else
            {
                var m = maskSteps[t];
                cell = cell is null ? g.Mul(m, newCell) : g.Add(cell, g.Mul(m, g.Sub(newCell, cell)));
                hidden = hidden is null ? g.Mul(m, newHidden) : g.Add(hidden, g.Mul(m, g.Sub(newHidden, hidden)));
                outputs[t] = g.Mul(m, newHidden);
            }
        }

        var sequence = g.Concat(1, outputs.Select(o => g.Unsqueeze(o, 1)).ToArray());
        g.RegisterLstm(new LstmRegion(x, mask, InputWeight, RecurrentWeight, Bias, HiddenSize, sequence, hidden!));
        return new LstmOutput(sequence, hidden!);
    }
}
