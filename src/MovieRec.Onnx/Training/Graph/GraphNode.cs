using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Training.Graph;

/// <summary>One operation of a <see cref="ModelGraph"/>: maps one to one onto an ONNX node.</summary>
internal sealed class GraphNode
{
    public GraphNode(string opType, GraphTensor[] inputs, OnnxAttribute[] attributes, long[] ints)
    {
        OpType = opType;
        Inputs = inputs;
        Attributes = attributes;
        Ints = ints;
    }

    public string OpType { get; }

    /// <summary>Inputs, constants for static arguments (axes, sizes) included.</summary>
    public GraphTensor[] Inputs { get; }

    public GraphTensor[] Outputs { get; set; } = [];

    public OnnxAttribute[] Attributes { get; }

    /// <summary>The op's static arguments in managed form (axes, permutation, sizes), for gradient rules.</summary>
    public long[] Ints { get; }

    /// <summary>Second list of static arguments (Slice: ends) or flags (keepdims, axis).</summary>
    public long[] Ints2 { get; init; } = [];

    /// <summary>A scalar argument (Dropout: the drop probability).</summary>
    public double Scalar { get; init; }

    /// <summary>Dropout: the seed of its in-graph random mask.</summary>
    public long Seed { get; init; }
}
