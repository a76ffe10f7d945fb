using System.Globalization;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Training.Autodiff;

/// <summary>
/// Reverse-mode differentiation over a <see cref="ModelGraph"/>: appends the backward pass, as
/// standard ONNX operations, to a fork of the graph.
/// </summary>
internal static class ReverseMode
{
    /// <summary>Operations whose outputs carry no gradient (piecewise constant or integer-valued).</summary>
    private static readonly HashSet<string> s_constantOps = new(StringComparer.Ordinal)
    {
        "Sign", "Shape", "ArgMax", "Greater", "Equal", "ConstantOfShape",
    };

    /// <summary>Operations that have a gradient rule.</summary>
    private static readonly HashSet<string> s_differentiable = new(StringComparer.Ordinal)
    {
        "Add", "Sub", "Mul", "Div", "Neg", "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Abs", "Identity", "Cast",
        "MatMul", "Concat", "Slice", "Split", "Reshape", "Transpose", "Unsqueeze", "Squeeze",
        "ReduceSum", "ReduceMean", "ReduceMax", "Gather", "Where", "Dropout", "Sum",
    };

    /// <summary>Gets the names of the operations that have a gradient rule.</summary>
    public static IReadOnlyCollection<string> DifferentiableOps => s_differentiable;

    /// <summary>
    /// Appends the gradient of the scalar <paramref name="loss"/> with respect to each of
    /// <paramref name="wrt"/> to <paramref name="g"/> (a fork). A tensor the loss does not depend
    /// on gets zeros.
    /// </summary>
    /// <exception cref="InvalidOperationException">An operation on a path from the loss to a parameter has no gradient rule.</exception>
    public static IReadOnlyList<GraphTensor> Gradients(ModelGraph g, GraphTensor loss, IReadOnlyList<GraphTensor> wrt)
    {
        if (loss.Rank != 0)
        {
            throw new ArgumentException($"The loss must be a scalar (shape []); '{loss.Name}' has shape {loss.ShapeText}. Reduce it with ReduceMean or ReduceSum.", nameof(loss));
        }

        if (!loss.IsFloat)
        {
            throw new ArgumentException($"The loss '{loss.Name}' is {loss.ElementType}; a float tensor is expected.", nameof(loss));
        }

        var nodes = g.Nodes.ToArray();
        var requires = new HashSet<GraphTensor>(wrt);
        foreach (var node in nodes)
        {
            if (s_constantOps.Contains(node.OpType) || !node.Inputs.Any(requires.Contains))
            {
                continue;
            }

            foreach (var output in node.Outputs)
            {
                if (output.IsFloat)
                {
                    requires.Add(output);
                }
            }
        }

        var grads = new Dictionary<GraphTensor, List<GraphTensor>>();
        if (requires.Contains(loss))
        {
            grads[loss] = [g.FloatConstant([1.0], [])];
        }

        for (int n = nodes.Length - 1; n >= 0; n--)
        {
            var node = nodes[n];
            if (!node.Inputs.Any(requires.Contains) || !node.Outputs.Any(grads.ContainsKey))
            {
                continue;
            }

            if (!s_differentiable.Contains(node.OpType))
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Operation '{node.OpType}' (producing '{node.Outputs[0].Name}' {node.Outputs[0].ShapeText}) has no gradient rule, but it lies between the loss '{loss.Name}' and a trainable parameter. Operations with gradient rules: {string.Join(", ", s_differentiable.Order(StringComparer.Ordinal))}."));
            }

            var dys = node.Outputs.Select(o => grads.TryGetValue(o, out var list) ? g.Sum(list) : null).ToArray();
            var inputGrads = Rule(g, node, dys);
            for (int i = 0; i < node.Inputs.Length; i++)
            {
                var input = node.Inputs[i];
                if (inputGrads[i] is null || !requires.Contains(input))
                {
                    continue;
                }

                if (!inputGrads[i]!.Dims.SequenceEqual(input.Dims))
                {
                    throw new InvalidOperationException($"Internal error: the gradient of '{input.Name}' {input.ShapeText} through {node.OpType} has shape {inputGrads[i]!.ShapeText}.");
                }

                if (!grads.TryGetValue(input, out var list))
                {
                    grads[input] = list = [];
                }

                list.Add(inputGrads[i]!);
            }
        }

        return wrt.Select(w => grads.TryGetValue(w, out var list) ? g.Sum(list) : g.ZerosLike(w)).ToArray();
    }

    private static GraphTensor?[] Rule(ModelGraph g, GraphNode node, GraphTensor?[] dys)
    {
        var x = node.Inputs;
        var y = node.Outputs[0];
        var dy = dys[0];
        var result = new GraphTensor?[x.Length];
        if (dy is null && node.OpType != "Split")
        {
            return result;
        }

        switch (node.OpType)
        {
            case "Add":
                result[0] = g.SumToShape(dy!, x[0]);
                result[1] = g.SumToShape(dy!, x[1]);
                break;
            case "Sub":
                result[0] = g.SumToShape(dy!, x[0]);
                result[1] = g.SumToShape(g.Neg(dy!), x[1]);
                break;
            case "Mul":
                result[0] = g.SumToShape(g.Mul(dy!, x[1]), x[0]);
                result[1] = g.SumToShape(g.Mul(dy!, x[0]), x[1]);
                break;
            case "Div":
                result[0] = g.SumToShape(g.Div(dy!, x[1]), x[0]);
                result[1] = g.SumToShape(g.Neg(g.Div(g.Mul(dy!, y), x[1])), x[1]);
                break;
            case "Sum":
                for (int i = 0; i < x.Length; i++)
                {
                    result[i] = dy;
                }

                break;
            case "Neg":
                result[0] = g.Neg(dy!);
                break;
            case "Identity":
                result[0] = dy;
                break;
            case "Cast":
                result[0] = x[0].IsFloat ? (x[0].ElementType == dy!.ElementType ? dy : g.Cast(dy, x[0].ElementType)) : null;
                break;
            case "Relu":
                // dy where the output is positive, else 0: y = relu(x) is 0 or positive, so sign(y) is exactly 0 or 1.
                // (A Where on the comparison costs several times more in ONNX Runtime 1.32, whose Where broadcasts slowly.)
                result[0] = g.Mul(dy!, g.Sign(y));
                break;
            case "Sigmoid":
                result[0] = g.Mul(dy!, g.Mul(y, g.Sub(g.FloatConstant([1.0], []), y)));
                break;
            case "Tanh":
                result[0] = g.Mul(dy!, g.Sub(g.FloatConstant([1.0], []), g.Mul(y, y)));
                break;
            case "Exp":
                result[0] = g.Mul(dy!, y);
                break;
            case "Log":
                result[0] = g.Div(dy!, x[0]);
                break;
            case "Abs":
                result[0] = g.Mul(dy!, g.Sign(x[0]));
                break;
            case "MatMul":
                MatMulRule(g, x[0], x[1], dy!, result);
                break;
            case "Concat":
                var parts = g.Split(dy!, node.Ints2[0], node.Ints);
                for (int i = 0; i < x.Length; i++)
                {
                    result[i] = parts[i];
                }

                break;
            case "Slice":
                {
                    int axis = (int)node.Ints[0];
                    var pads = new long[2 * x[0].Rank];
                    pads[axis] = node.Ints[1];
                    pads[x[0].Rank + axis] = node.Ints2[0] - node.Ints[2];
                    result[0] = g.Pad(dy!, pads, x[0].Dims);
                    break;
                }

            case "Split":
                {
                    var pieces = new GraphTensor[node.Outputs.Length];
                    bool any = false;
                    for (int i = 0; i < pieces.Length; i++)
                    {
                        any |= dys[i] is not null;
                        pieces[i] = dys[i] ?? g.ZerosLike(node.Outputs[i]);
                    }

                    result[0] = any ? g.Concat(node.Ints2[0], pieces) : null;
                    break;
                }

            case "Reshape":
                result[0] = g.ReshapeTo(dy!, g.ShapeTensor(x[0]), x[0].Dims);
                break;
            case "Transpose":
                {
                    var inverse = new long[node.Ints.Length];
                    for (int i = 0; i < inverse.Length; i++)
                    {
                        inverse[node.Ints[i]] = i;
                    }

                    result[0] = g.Transpose(dy!, inverse);
                    break;
                }

            case "Unsqueeze":
                result[0] = g.Squeeze(dy!, node.Ints);
                break;
            case "Squeeze":
                result[0] = g.Unsqueeze(dy!, node.Ints);
                break;
            case "ReduceSum":
                result[0] = g.ExpandTo(node.Ints2[0] == 1 ? dy! : g.Unsqueeze(dy!, node.Ints), x[0]);
                break;
            case "ReduceMean":
                result[0] = g.Div(g.ExpandTo(node.Ints2[0] == 1 ? dy! : g.Unsqueeze(dy!, node.Ints), x[0]), Count(g, x[0], node.Ints));
                break;
            case "ReduceMax":
                {
                    if (node.Ints.Length != 1)
                    {
                        throw new InvalidOperationException($"ReduceMax over several axes ([{string.Join(", ", node.Ints)}]) of {x[0].ShapeText} has no gradient rule; reduce one axis at a time.");
                    }

                    int axis = (int)node.Ints[0];
                    var upstream = node.Ints2[0] == 1 ? dy! : g.Unsqueeze(dy!, axis);
                    result[0] = g.ScatterElements(g.ZerosLike(x[0]), g.ArgMaxKeep(x[0], axis), upstream, axis);
                    break;
                }

            case "Gather":
                result[0] = g.ScatterNDAdd(g.ZerosLike(x[0]), g.Unsqueeze(x[1], -1), dy!);
                break;
            case "Where":
                {
                    var zero = g.FloatConstant([0.0], []);
                    result[1] = g.SumToShape(g.Where(x[0], dy!, zero), x[1]);
                    result[2] = g.SumToShape(g.Where(x[0], zero, dy!), x[2]);
                    break;
                }

            case "Dropout":
                {
                    double rate = node.Scalar;
                    result[0] = rate == 0
                        ? dy
                        : g.Mul(g.Mul(dy!, g.Cast(node.Outputs[1], x[0].ElementType)), g.FloatConstant([1.0 / (1.0 - rate)], []));
                    break;
                }

            default:
                throw new InvalidOperationException($"Operation '{node.OpType}' has no gradient rule.");
        }

        return result;
    }

    private static void MatMulRule(ModelGraph g, GraphTensor a, GraphTensor b, GraphTensor dy, GraphTensor?[] result)
    {
        if (a.Rank == 2 && b.Rank == 2)
        {
            result[0] = g.Gemm(dy, b, transA: false, transB: true);
            result[1] = g.Gemm(a, dy, transA: true, transB: false);
            return;
        }

        if (b.Rank == 2)
        {
            // A shared weight: flatten the batch axes so dB is one matrix product.
            result[0] = g.MatMul(dy, g.Transpose(b, 1, 0));
            var rows = OnnxDim.Named(string.Join("*", a.Dims[..^1]));
            var a2 = g.ReshapeTo(a, g.Ints(-1, a.Dims[^1].Size), [rows, a.Dims[^1]]);
            var dy2 = g.ReshapeTo(dy, g.Ints(-1, dy.Dims[^1].Size), [rows, dy.Dims[^1]]);
            result[1] = g.Gemm(a2, dy2, transA: true, transB: false);
            return;
        }

        result[0] = g.SumToShape(g.MatMul(dy, SwapLast(g, b)), a);
        result[1] = g.SumToShape(g.MatMul(SwapLast(g, a), dy), b);
    }

    private static GraphTensor SwapLast(ModelGraph g, GraphTensor x)
    {
        var perm = Enumerable.Range(0, x.Rank).Select(i => (long)i).ToArray();
        (perm[^1], perm[^2]) = (perm[^2], perm[^1]);
        return g.Transpose(x, perm);
    }

    private static GraphTensor Count(ModelGraph g, GraphTensor x, long[] axes)
    {
        if (axes.All(a => x.Dims[a].IsFixed))
        {
            return g.FloatConstant([axes.Aggregate(1.0, (p, a) => p * x.Dims[a].Size)], []);
        }

        var dims = g.Cast(g.ShapeOf(x), x.ElementType);
        return g.ReduceProdAll(g.GatherAny(dims, g.Ints(axes), [OnnxDim.Fixed(axes.Length)]));
    }
}
