using System.Globalization;
using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Training.Graph;

/// <summary>Operations with a gradient rule (and a few without, noted on each).</summary>
public sealed partial class ModelGraph
{
    /// <summary>Element-wise a + b with NumPy broadcasting (ONNX <c>Add</c>).</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand, same element type.</param>
    /// <returns>The sum, of the broadcast shape.</returns>
    public GraphTensor Add(GraphTensor a, GraphTensor b) => Binary("Add", a, b);

    /// <summary>Element-wise a − b with broadcasting (ONNX <c>Sub</c>).</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>The difference.</returns>
    public GraphTensor Sub(GraphTensor a, GraphTensor b) => Binary("Sub", a, b);

    /// <summary>Element-wise a · b with broadcasting (ONNX <c>Mul</c>).</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>The product.</returns>
    public GraphTensor Mul(GraphTensor a, GraphTensor b) => Binary("Mul", a, b);

    /// <summary>Element-wise a / b with broadcasting (ONNX <c>Div</c>).</summary>
    /// <param name="a">Numerator.</param>
    /// <param name="b">Denominator.</param>
    /// <returns>The quotient.</returns>
    public GraphTensor Div(GraphTensor a, GraphTensor b) => Binary("Div", a, b);

    /// <summary>Element-wise −x.</summary>
    /// <param name="x">A float tensor.</param>
    /// <returns>The negation.</returns>
    public GraphTensor Neg(GraphTensor x) => FloatUnary("Neg", x);

    /// <summary>Element-wise max(x, 0). The gradient at 0 is taken as 0.</summary>
    /// <param name="x">A float tensor.</param>
    /// <returns>The rectified tensor.</returns>
    public GraphTensor Relu(GraphTensor x) => FloatUnary("Relu", x);

    /// <summary>Element-wise logistic function 1 / (1 + e^−x).</summary>
    /// <param name="x">A float tensor.</param>
    /// <returns>Values in (0, 1).</returns>
    public GraphTensor Sigmoid(GraphTensor x) => FloatUnary("Sigmoid", x);

    /// <summary>Element-wise hyperbolic tangent.</summary>
    /// <param name="x">A float tensor.</param>
    /// <returns>Values in (−1, 1).</returns>
    public GraphTensor Tanh(GraphTensor x) => FloatUnary("Tanh", x);

    /// <summary>Element-wise e^x.</summary>
    /// <param name="x">A float tensor.</param>
    /// <returns>The exponential.</returns>
    public GraphTensor Exp(GraphTensor x) => FloatUnary("Exp", x);

    /// <summary>Element-wise natural logarithm.</summary>
    /// <param name="x">A float tensor with positive values.</param>
    /// <returns>The logarithm.</returns>
    public GraphTensor Log(GraphTensor x) => FloatUnary("Log", x);

    /// <summary>Element-wise |x|; the gradient is sign(x) (0 at 0).</summary>
    /// <param name="x">A float tensor.</param>
    /// <returns>The absolute value.</returns>
    public GraphTensor Abs(GraphTensor x) => FloatUnary("Abs", x);

    /// <summary>Element-wise square root. It has no gradient rule: for use outside trainable paths.</summary>
    /// <param name="x">A float tensor with non-negative values.</param>
    /// <returns>The square root.</returns>
    public GraphTensor Sqrt(GraphTensor x) => FloatUnary("Sqrt", x);

    /// <summary>Softmax along an axis. It has no gradient rule: for use in inference outputs.</summary>
    /// <param name="x">A float tensor.</param>
    /// <param name="axis">The axis; default −1 (last).</param>
    /// <returns>Values in (0, 1) summing to 1 along the axis.</returns>
    public GraphTensor Softmax(GraphTensor x, long axis = -1)
    {
        Check(x, nameof(x));
        RequireFloat("Softmax", x, nameof(x));
        int a = NormalizeAxis("Softmax", axis, x.Rank, x.Shape);
        return AddUnary("Softmax", x, x.Dims, x.ElementType, [OnnxAttribute.Int("axis", a)]);
    }

    /// <summary>Matrix product with batch broadcasting (ONNX <c>MatMul</c>): [..., m, k] × [..., k, n] → [..., m, n].</summary>
    /// <param name="a">Left operand, rank 2 or more.</param>
    /// <param name="b">Right operand, rank 2 or more (a rank-2 weight is shared by every batch entry).</param>
    /// <returns>The product.</returns>
    public GraphTensor MatMul(GraphTensor a, GraphTensor b)
    {
        Check(a, nameof(a));
        Check(b, nameof(b));
        RequireSameType("MatMul", a, b);
        RequireFloat("MatMul", a, nameof(a));
        RequireRank("MatMul", a, 2, nameof(a));
        RequireRank("MatMul", b, 2, nameof(b));
        if (a.Dims[^1] != b.Dims[^2])
        {
            throw new ArgumentException($"MatMul: shapes {a.ShapeText} and {b.ShapeText} do not fit: the inner dimensions {a.Dims[^1]} and {b.Dims[^2]} differ.");
        }

        var batch = BroadcastShapes("MatMul", a.Dims[..^2], b.Dims[..^2]);
        OnnxDim[] shape = [.. batch, a.Dims[^2], b.Dims[^1]];
        return AddNode("MatMul", [a, b], [shape], [a.ElementType]).Outputs[0];
    }

    /// <summary>Joins tensors along an axis (ONNX <c>Concat</c>).</summary>
    /// <param name="axis">The axis; negative counts from the end. Its size must be fixed in every input.</param>
    /// <param name="tensors">Two or more tensors of the same rank and type, equal in every other axis.</param>
    /// <returns>The joined tensor.</returns>
    public GraphTensor Concat(long axis, params GraphTensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Length == 0)
        {
            throw new ArgumentException("Concat needs at least one tensor.", nameof(tensors));
        }

        foreach (var t in tensors)
        {
            Check(t, nameof(tensors));
        }

        var first = tensors[0];
        int a = NormalizeAxis("Concat", axis, first.Rank, first.Shape);
        long total = 0;
        foreach (var t in tensors)
        {
            RequireSameType("Concat", first, t);
            if (t.Rank != first.Rank)
            {
                throw new ArgumentException($"Concat: shapes {first.ShapeText} and {t.ShapeText} have different ranks.", nameof(tensors));
            }

            for (int i = 0; i < t.Rank; i++)
            {
                if (i != a && t.Dims[i] != first.Dims[i])
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Concat along axis {a}: shapes {first.ShapeText} and {t.ShapeText} differ in axis {i}."), nameof(tensors));
                }
            }

            RequireFixedAxis("Concat", t, a);
            total += t.Dims[a].Size;
        }

        var shape = (OnnxDim[])first.Dims.Clone();
        shape[a] = OnnxDim.Fixed(total);
        var sizes = tensors.Select(t => t.Dims[a].Size).ToArray();
        return AddNode("Concat", tensors, [shape], [first.ElementType], [OnnxAttribute.Int("axis", a)], sizes, [a]).Outputs[0];
    }

    /// <summary>Takes positions [start, end) of one axis (ONNX <c>Slice</c>, step 1).</summary>
    /// <param name="x">The tensor; the sliced axis must have a fixed size.</param>
    /// <param name="axis">The axis; negative counts from the end.</param>
    /// <param name="start">First position; negative counts from the end.</param>
    /// <param name="end">One past the last position; negative counts from the end; clamped to the size.</param>
    /// <returns>The slice.</returns>
    public GraphTensor Slice(GraphTensor x, long axis, long start, long end)
    {
        Check(x, nameof(x));
        int a = NormalizeAxis("Slice", axis, x.Rank, x.Shape);
        RequireFixedAxis("Slice", x, a);
        long size = x.Dims[a].Size;
        long s = Math.Clamp(start < 0 ? start + size : start, 0, size);
        long e = Math.Clamp(end < 0 ? end + size : end, 0, size);
        if (e <= s)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, string.Create(CultureInfo.InvariantCulture, $"Slice of {x.ShapeText} along axis {a}: [{start}, {end}) is empty."));
        }

        var shape = (OnnxDim[])x.Dims.Clone();
        shape[a] = OnnxDim.Fixed(e - s);
        return AddNode("Slice", [x, Ints(s), Ints(e), Ints(a)], [shape], [x.ElementType], ints: [a, s, e], ints2: [size]).Outputs[0];
    }

    /// <summary>Splits a tensor along an axis into parts of the given sizes (ONNX <c>Split</c>).</summary>
    /// <param name="x">The tensor; the axis must have a fixed size equal to the sum of <paramref name="sizes"/>.</param>
    /// <param name="axis">The axis; negative counts from the end.</param>
    /// <param name="sizes">Part sizes, each at least 1.</param>
    /// <returns>The parts, in order.</returns>
    public IReadOnlyList<GraphTensor> Split(GraphTensor x, long axis, params long[] sizes)
    {
        Check(x, nameof(x));
        ArgumentNullException.ThrowIfNull(sizes);
        int a = NormalizeAxis("Split", axis, x.Rank, x.Shape);
        RequireFixedAxis("Split", x, a);
        if (sizes.Length == 0 || sizes.Any(s => s < 1) || sizes.Sum() != x.Dims[a].Size)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Split of {x.ShapeText} along axis {a}: sizes [{string.Join(", ", sizes)}] must be at least 1 each and add up to {x.Dims[a]}."), nameof(sizes));
        }

        var shapes = sizes.Select(s =>
        {
            var shape = (OnnxDim[])x.Dims.Clone();
            shape[a] = OnnxDim.Fixed(s);
            return shape;
        }).ToArray();
        return AddNode("Split", [x, Ints(sizes)], shapes, Enumerable.Repeat(x.ElementType, sizes.Length).ToArray(), [OnnxAttribute.Int("axis", a)], (long[])sizes.Clone(), [a]).Outputs;
    }

    /// <summary>Gives a tensor a new shape with the same elements (ONNX <c>Reshape</c>).</summary>
    /// <remarks>As in ONNX, 0 copies the input's dimension at that position and one −1 is inferred.</remarks>
    /// <param name="x">The tensor.</param>
    /// <param name="shape">The new dimensions.</param>
    /// <returns>The reshaped tensor.</returns>
    public GraphTensor Reshape(GraphTensor x, params long[] shape)
    {
        Check(x, nameof(x));
        ArgumentNullException.ThrowIfNull(shape);
        var result = new OnnxDim[shape.Length];
        int inferred = -1;
        var used = new bool[x.Rank];
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 0)
            {
                if (i >= x.Rank)
                {
                    throw new ArgumentException($"Reshape of {x.ShapeText} to [{string.Join(", ", shape)}]: 0 at position {i} has no input dimension to copy.", nameof(shape));
                }

                result[i] = x.Dims[i];
                used[i] = true;
            }
            else if (shape[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException($"Reshape of {x.ShapeText} to [{string.Join(", ", shape)}]: only one −1 is allowed.", nameof(shape));
                }

                inferred = i;
            }
            else if (shape[i] > 0)
            {
                result[i] = OnnxDim.Fixed(shape[i]);
            }
            else
            {
                throw new ArgumentException($"Reshape of {x.ShapeText} to [{string.Join(", ", shape)}]: dimension {shape[i]} is invalid.", nameof(shape));
            }
        }

        // Compare what is left of the input (dimensions not copied) with what is left of the target.
        long inputFixed = 1;
        var inputSymbols = new List<OnnxDim>();
        for (int i = 0; i < x.Rank; i++)
        {
            if (used[i])
            {
                continue;
            }

            if (x.Dims[i].IsFixed)
            {
                inputFixed *= x.Dims[i].Size;
            }
            else
            {
                inputSymbols.Add(x.Dims[i]);
            }
        }

        long targetFixed = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] > 0)
            {
                targetFixed *= shape[i];
            }
        }

        string mismatch = $"Reshape: {x.ShapeText} cannot become [{string.Join(", ", shape)}]: the element counts differ.";
        if (inferred >= 0)
        {
            if (inputSymbols.Count == 0)
            {
                if (inputFixed % targetFixed != 0)
                {
                    throw new ArgumentException(mismatch, nameof(shape));
                }

                result[inferred] = OnnxDim.Fixed(inputFixed / targetFixed);
            }
            else if (inputSymbols.Count == 1 && inputFixed == targetFixed)
            {
                result[inferred] = inputSymbols[0];
            }
            else
            {
                throw new ArgumentException($"Reshape of {x.ShapeText} to [{string.Join(", ", shape)}]: the −1 cannot be inferred at build time; copy symbolic dimensions with 0.", nameof(shape));
            }
        }
        else if (inputSymbols.Count != 0 || inputFixed != targetFixed)
        {
            throw new ArgumentException(mismatch, nameof(shape));
        }

        return AddNode("Reshape", [x, Ints(shape)], [result], [x.ElementType]).Outputs[0];
    }

    /// <summary>Permutes axes (ONNX <c>Transpose</c>).</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="permutation">Output axis i takes input axis permutation[i]; a permutation of 0..rank−1.</param>
    /// <returns>The transposed tensor.</returns>
    public GraphTensor Transpose(GraphTensor x, params long[] permutation)
    {
        Check(x, nameof(x));
        ArgumentNullException.ThrowIfNull(permutation);
        if (permutation.Length != x.Rank || permutation.Order().Select((p, i) => p == i).Any(ok => !ok))
        {
            throw new ArgumentException($"Transpose of {x.ShapeText}: [{string.Join(", ", permutation)}] is not a permutation of its {x.Rank} axes.", nameof(permutation));
        }

        var shape = permutation.Select(p => x.Dims[p]).ToArray();
        return AddUnary("Transpose", x, shape, x.ElementType, [OnnxAttribute.Ints("perm", permutation)], (long[])permutation.Clone());
    }

    /// <summary>Inserts axes of size 1 (ONNX <c>Unsqueeze</c>).</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="axes">Positions of the new axes in the output; negative counts from the end.</param>
    /// <returns>The tensor with the new axes.</returns>
    public GraphTensor Unsqueeze(GraphTensor x, params long[] axes)
    {
        Check(x, nameof(x));
        ArgumentNullException.ThrowIfNull(axes);
        int rank = x.Rank + axes.Length;
        var normalized = NormalizeAxes("Unsqueeze", axes, rank, x.Shape);
        var shape = new OnnxDim[rank];
        int source = 0;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = Array.IndexOf(normalized, i) >= 0 ? OnnxDim.Fixed(1) : x.Dims[source++];
        }

        return AddNode("Unsqueeze", [x, Ints(normalized)], [shape], [x.ElementType], ints: normalized).Outputs[0];
    }

    /// <summary>Removes axes of size 1 (ONNX <c>Squeeze</c>).</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="axes">The axes to remove; each must have the fixed size 1.</param>
    /// <returns>The tensor without those axes.</returns>
    public GraphTensor Squeeze(GraphTensor x, params long[] axes)
    {
        Check(x, nameof(x));
        ArgumentNullException.ThrowIfNull(axes);
        var normalized = NormalizeAxes("Squeeze", axes, x.Rank, x.Shape);
        foreach (long a in normalized)
        {
            if (x.Dims[a] != OnnxDim.Fixed(1))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Squeeze of {x.ShapeText}: axis {a} has size {x.Dims[a]}, not 1."), nameof(axes));
            }
        }

        var shape = x.Dims.Where((_, i) => Array.IndexOf(normalized, (long)i) < 0).ToArray();
        return AddNode("Squeeze", [x, Ints(normalized)], [shape], [x.ElementType], ints: normalized).Outputs[0];
    }

    /// <summary>Sums over axes (ONNX <c>ReduceSum</c>).</summary>
    /// <param name="x">A float tensor.</param>
    /// <param name="axes">The axes; empty reduces over all of them.</param>
    /// <param name="keepDims">Whether reduced axes stay with size 1; default false.</param>
    /// <returns>The sums.</returns>
    public GraphTensor ReduceSum(GraphTensor x, long[] axes, bool keepDims = false) => Reduce("ReduceSum", x, axes, keepDims);

    /// <summary>Averages over axes (ONNX <c>ReduceMean</c>).</summary>
    /// <param name="x">A float tensor.</param>
    /// <param name="axes">The axes; empty reduces over all of them.</param>
    /// <param name="keepDims">Whether reduced axes stay with size 1; default false.</param>
    /// <returns>The means.</returns>
    public GraphTensor ReduceMean(GraphTensor x, long[] axes, bool keepDims = false) => Reduce("ReduceMean", x, axes, keepDims);

    /// <summary>Maximum over one axis (ONNX <c>ReduceMax</c>), for example max over time.</summary>
    /// <remarks>The gradient flows to the first position holding the maximum (ArgMax), as in max pooling.</remarks>
    /// <param name="x">A float tensor.</param>
    /// <param name="axis">The axis; negative counts from the end.</param>
    /// <param name="keepDims">Whether the axis stays with size 1; default false.</param>
    /// <returns>The maxima.</returns>
    public GraphTensor ReduceMax(GraphTensor x, long axis, bool keepDims = false) => Reduce("ReduceMax", x, [axis], keepDims);

    /// <summary>Looks up rows (ONNX <c>Gather</c> on axis 0): an embedding lookup.</summary>
    /// <remarks>The gradient with respect to <paramref name="data"/> is a ScatterND with reduction 'add' into zeros, so repeated indices accumulate.</remarks>
    /// <param name="data">The table [V, ...].</param>
    /// <param name="indices">Int64 indices in [0, V), any shape.</param>
    /// <returns>The rows: indices.shape + data.shape[1..].</returns>
    public GraphTensor Gather(GraphTensor data, GraphTensor indices)
    {
        Check(data, nameof(data));
        Check(indices, nameof(indices));
        RequireRank("Gather", data, 1, nameof(data));
        if (indices.ElementType != OnnxElementType.Int64)
        {
            throw new ArgumentException($"Gather: indices '{indices.Name}' are {indices.ElementType}{indices.ShapeText}; Int64 is expected.", nameof(indices));
        }

        OnnxDim[] shape = [.. indices.Dims, .. data.Dims[1..]];
        return AddNode("Gather", [data, indices], [shape], [data.ElementType], [OnnxAttribute.Int("axis", 0)]).Outputs[0];
    }

    /// <summary>Chooses element-wise between two tensors (ONNX <c>Where</c>), with broadcasting.</summary>
    /// <param name="condition">A Bool tensor.</param>
    /// <param name="whenTrue">Values where the condition holds.</param>
    /// <param name="whenFalse">Values elsewhere.</param>
    /// <returns>The chosen values.</returns>
    public GraphTensor Where(GraphTensor condition, GraphTensor whenTrue, GraphTensor whenFalse)
    {
        Check(condition, nameof(condition));
        Check(whenTrue, nameof(whenTrue));
        Check(whenFalse, nameof(whenFalse));
        if (condition.ElementType != OnnxElementType.Bool)
        {
            throw new ArgumentException($"Where: condition '{condition.Name}' is {condition.ElementType}{condition.ShapeText}; Bool is expected.", nameof(condition));
        }

        RequireSameType("Where", whenTrue, whenFalse);
        var shape = BroadcastShapes("Where", BroadcastShapes("Where", condition.Dims, whenTrue.Dims), whenFalse.Dims);
        return AddNode("Where", [condition, whenTrue, whenFalse], [shape], [whenTrue.ElementType]).Outputs[0];
    }

    /// <summary>Element-wise a &gt; b, as Bool (no gradient flows through it).</summary>
    /// <param name="a">Left operand.</param>
    /// <param name="b">Right operand.</param>
    /// <returns>A Bool tensor of the broadcast shape.</returns>
    public GraphTensor Greater(GraphTensor a, GraphTensor b) => Compare("Greater", a, b);

    /// <summary>Converts element type (ONNX <c>Cast</c>); between float types the gradient is cast back.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="elementType">Target type.</param>
    /// <returns>The converted tensor.</returns>
    public GraphTensor Cast(GraphTensor x, OnnxElementType elementType)
    {
        Check(x, nameof(x));
        return AddUnary("Cast", x, x.Dims, elementType, [OnnxAttribute.Int("to", (long)elementType)]);
    }

    /// <summary>
    /// Inverted dropout: during training each element is zeroed with probability
    /// <paramref name="rate"/> and the rest are scaled by 1 / (1 − rate); at inference and in
    /// exported models it is removed.
    /// </summary>
    /// <remarks>
    /// The mask is drawn in the graph by ONNX <c>Dropout</c> with a seed derived from the graph
    /// seed and the dropout's position, so training runs are repeatable; the gradient is the
    /// upstream gradient times the same mask and scale. To supply a mask yourself, multiply by an
    /// input instead (<see cref="Mul"/>).
    /// </remarks>
    /// <param name="x">A float tensor.</param>
    /// <param name="rate">Drop probability in [0, 1).</param>
    /// <returns>The tensor with dropout applied in training.</returns>
    public GraphTensor Dropout(GraphTensor x, double rate)
    {
        Check(x, nameof(x));
        RequireFloat("Dropout", x, nameof(x));
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The drop probability must be in [0, 1).");
        }

        long seed = (long)(SplitMix64.Mix((ulong)(uint)Seed, 0xD20u + (ulong)NextDropoutIndex()) & 0x3FFFFFFF);
        var ratio = FloatConstant([rate], []);
        var training = Cached("b:true", OnnxTensorData.FromBools([true]));
        return AddNode("Dropout", [x, ratio, training], [x.Dims, x.Dims], [x.ElementType, OnnxElementType.Bool], scalar: rate, seed: seed).Outputs[0];
    }

    /// <summary>Mean squared error: mean over all elements of (prediction − target)².</summary>
    /// <param name="prediction">Predictions.</param>
    /// <param name="target">Targets of exactly the same shape (no broadcasting, to catch [N, 1] against [N]).</param>
    /// <returns>The scalar loss (shape []).</returns>
    public GraphTensor MseLoss(GraphTensor prediction, GraphTensor target)
    {
        RequireSameShape("MseLoss", prediction, target);
        var diff = Sub(prediction, target);
        return ReduceMean(Mul(diff, diff), []);
    }

    /// <summary>
    /// Binary cross-entropy on logits, mean over all elements, in the numerically stable form
    /// max(z, 0) − z·y + log(1 + e^−|z|).
    /// </summary>
    /// <param name="logits">Scores z (before the sigmoid).</param>
    /// <param name="target">Labels y in [0, 1], same shape as <paramref name="logits"/>.</param>
    /// <returns>The scalar loss (shape []).</returns>
    public GraphTensor BinaryCrossEntropyWithLogits(GraphTensor logits, GraphTensor target)
    {
        RequireSameShape("BinaryCrossEntropyWithLogits", logits, target);
        var softplus = Log(Add(Scalar(1), Exp(Neg(Abs(logits)))));
        var loss = Add(Sub(Relu(logits), Mul(logits, target)), softplus);
        return ReduceMean(loss, []);
    }

    private void RequireSameShape(string op, GraphTensor a, GraphTensor b)
    {
        Check(a, nameof(a));
        Check(b, nameof(b));
        RequireSameType(op, a, b);
        if (!a.Dims.SequenceEqual(b.Dims))
        {
            throw new ArgumentException($"{op}: prediction '{a.Name}' {a.ShapeText} and target '{b.Name}' {b.ShapeText} must have the same shape.");
        }
    }

    private GraphTensor Binary(string op, GraphTensor a, GraphTensor b)
    {
        Check(a, nameof(a));
        Check(b, nameof(b));
        RequireSameType(op, a, b);
        var shape = BroadcastShapes(op, a.Dims, b.Dims);
        return AddNode(op, [a, b], [shape], [a.ElementType]).Outputs[0];
    }

    private GraphTensor Compare(string op, GraphTensor a, GraphTensor b)
    {
        Check(a, nameof(a));
        Check(b, nameof(b));
        RequireSameType(op, a, b);
        var shape = BroadcastShapes(op, a.Dims, b.Dims);
        return AddNode(op, [a, b], [shape], [OnnxElementType.Bool]).Outputs[0];
    }

    private GraphTensor FloatUnary(string op, GraphTensor x)
    {
        Check(x, nameof(x));
        RequireFloat(op, x, nameof(x));
        return AddUnary(op, x, x.Dims, x.ElementType);
    }

    private GraphTensor Reduce(string op, GraphTensor x, long[] axes, bool keepDims)
    {
        Check(x, nameof(x));
        ArgumentNullException.ThrowIfNull(axes);
        RequireFloat(op, x, nameof(x));
        var normalized = axes.Length == 0 ? Enumerable.Range(0, x.Rank).Select(i => (long)i).ToArray() : NormalizeAxes(op, axes, x.Rank, x.Shape);
        var shape = new List<OnnxDim>();
        for (int i = 0; i < x.Rank; i++)
        {
            if (Array.IndexOf(normalized, (long)i) < 0)
            {
                shape.Add(x.Dims[i]);
            }
            else if (keepDims)
            {
                shape.Add(OnnxDim.Fixed(1));
            }
        }

        long keep = keepDims ? 1 : 0;
        if (op == "ReduceSum")
        {
            return AddNode(op, [x, Ints(normalized)], [[.. shape]], [x.ElementType], [OnnxAttribute.Int("keepdims", keep)], normalized, [keep]).Outputs[0];
        }

        return AddNode(op, [x], [[.. shape]], [x.ElementType], [OnnxAttribute.Ints("axes", normalized), OnnxAttribute.Int("keepdims", keep)], normalized, [keep]).Outputs[0];
    }
}
