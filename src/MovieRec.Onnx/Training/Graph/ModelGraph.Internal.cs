using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Training.Graph;

/// <summary>Operations used by the backward pass and the optimizers (no gradient rules).</summary>
public sealed partial class ModelGraph
{
    internal GraphTensor ShapeOf(GraphTensor x) =>
        AddUnary("Shape", x, [OnnxDim.Fixed(x.Rank)], OnnxElementType.Int64);

    /// <summary>A constant Int64 shape when <paramref name="x"/> is static, else the Shape op.</summary>
    internal GraphTensor ShapeTensor(GraphTensor x) => x.IsStatic ? Ints(x.StaticDims()) : ShapeOf(x);

    internal GraphTensor ZerosLike(GraphTensor x) => Filled(x, 0.0);

    internal GraphTensor Filled(GraphTensor like, double value)
    {
        var valueData = like.ElementType == OnnxElementType.Float
            ? OnnxTensorData.FromFloats([(float)value], 1)
            : OnnxTensorData.FromDoubles([value], 1);
        return AddUnary("ConstantOfShape", ShapeTensor(like), like.Dims, like.ElementType, [OnnxAttribute.Tensor("value", valueData)]);
    }

    internal GraphTensor ExpandTo(GraphTensor x, GraphTensor like) =>
        AddNode("Expand", [x, ShapeTensor(like)], [like.Dims], [x.ElementType]).Outputs[0];

    internal GraphTensor ScatterNDAdd(GraphTensor data, GraphTensor indices, GraphTensor updates) =>
        AddNode("ScatterND", [data, indices, updates], [data.Dims], [data.ElementType], [OnnxAttribute.String("reduction", "add")]).Outputs[0];

    internal GraphTensor ScatterElements(GraphTensor data, GraphTensor indices, GraphTensor updates, int axis) =>
        AddNode("ScatterElements", [data, indices, updates], [data.Dims], [data.ElementType], [OnnxAttribute.Int("axis", axis)]).Outputs[0];

    internal GraphTensor ArgMaxKeep(GraphTensor x, int axis)
    {
        var shape = (OnnxDim[])x.Dims.Clone();
        shape[axis] = OnnxDim.Fixed(1);
        return AddUnary("ArgMax", x, shape, OnnxElementType.Int64, [OnnxAttribute.Int("axis", axis), OnnxAttribute.Int("keepdims", 1)]);
    }

    internal GraphTensor Pad(GraphTensor x, long[] pads, OnnxDim[] shape) =>
        AddNode("Pad", [x, Ints(pads)], [shape], [x.ElementType]).Outputs[0];

    /// <summary>Rank-2 product with optional transposes (ONNX <c>Gemm</c> without bias).</summary>
    internal GraphTensor Gemm(GraphTensor a, GraphTensor b, bool transA, bool transB)
    {
        var m = transA ? a.Dims[1] : a.Dims[0];
        var n = transB ? b.Dims[0] : b.Dims[1];
        return AddNode("Gemm", [a, b], [[m, n]], [a.ElementType], [OnnxAttribute.Int("transA", transA ? 1 : 0), OnnxAttribute.Int("transB", transB ? 1 : 0)]).Outputs[0];
    }

    internal GraphTensor Sum(IReadOnlyList<GraphTensor> tensors) =>
        tensors.Count == 1 ? tensors[0] : AddNode("Sum", [.. tensors], [tensors[0].Dims], [tensors[0].ElementType]).Outputs[0];

    internal GraphTensor Pow(GraphTensor a, GraphTensor b) => Binary("Pow", a, b);

    internal GraphTensor Sign(GraphTensor x) => FloatUnary("Sign", x);

    internal GraphTensor Identity(GraphTensor x) => AddUnary("Identity", x, x.Dims, x.ElementType);

    internal GraphTensor GatherAny(GraphTensor data, GraphTensor indices, OnnxDim[] shape) =>
        AddNode("Gather", [data, indices], [shape], [data.ElementType], [OnnxAttribute.Int("axis", 0)]).Outputs[0];

    internal GraphTensor ReduceProdAll(GraphTensor x) =>
        AddUnary("ReduceProd", x, [], x.ElementType, [OnnxAttribute.Int("keepdims", 0)]);

    /// <summary>Reduces a broadcast gradient back to the shape of the operand it flows to.</summary>
    internal GraphTensor SumToShape(GraphTensor grad, GraphTensor operand)
    {
        if (grad.Dims.SequenceEqual(operand.Dims))
        {
            return grad;
        }

        int extra = grad.Rank - operand.Rank;
        var axes = new List<long>();
        for (int i = 0; i < grad.Rank; i++)
        {
            if (i < extra)
            {
                axes.Add(i);
            }
            else if (operand.Dims[i - extra] == OnnxDim.Fixed(1) && grad.Dims[i] != OnnxDim.Fixed(1))
            {
                axes.Add(i);
            }
        }

        var reduced = axes.Count == 0 ? grad : ReduceSum(grad, [.. axes], keepDims: true);
        if (extra > 0)
        {
            reduced = Squeeze(reduced, Enumerable.Range(0, extra).Select(i => (long)i).ToArray());
        }

        return reduced;
    }

    internal GraphTensor ReshapeTo(GraphTensor x, GraphTensor shapeTensor, OnnxDim[] shape) =>
        AddNode("Reshape", [x, shapeTensor], [shape], [x.ElementType]).Outputs[0];

    internal void ReserveName(string name) => Reserve(name, nameof(name));
}
