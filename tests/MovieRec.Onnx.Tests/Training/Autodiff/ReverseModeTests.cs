using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;

namespace MovieRec.Onnx.Tests.Training.Autodiff;

/// <summary>Every gradient rule against central finite differences through ONNX Runtime (float64 graphs).</summary>
[TestFixture]
public sealed class ReverseModeTests
{
    private static ModelGraph NewGraph() => ModelGraph.Create("check", seed: 11, floatType: OnnxElementType.Double);

    private static GraphTensor P(ModelGraph g, string name, params long[] shape) => g.Parameter(name, ParameterInit.Uniform(-1.5, 1.5), shape);

    private static GraphTensor Positive(ModelGraph g, string name, params long[] shape) => g.Parameter(name, ParameterInit.Uniform(0.5, 2), shape);

    [TestCase("Add", new long[] { 2, 3 }, new long[] { 3 })]
    [TestCase("Add", new long[] { 2, 1 }, new long[] { 1, 3 })]
    [TestCase("Sub", new long[] { 2, 3 }, new long[] { 2, 1 })]
    [TestCase("Sub", new long[] { 4 }, new long[] { 3, 4 })]
    [TestCase("Mul", new long[] { 2, 3 }, new long[] { 3 })]
    [TestCase("Mul", new long[] { 2, 1, 3 }, new long[] { 4, 1 })]
    [TestCase("Div", new long[] { 2, 3 }, new long[] { 1, 3 })]
    [TestCase("Div", new long[] { 3 }, new long[] { 2, 3 })]
    public void Binary_WithBroadcasting(string op, long[] left, long[] right)
    {
        var g = NewGraph();
        var a = P(g, "a", left);
        var b = op == "Div" ? Positive(g, "b", right) : P(g, "b", right);
        var y = op switch
        {
            "Add" => g.Add(a, b),
            "Sub" => g.Sub(a, b),
            "Mul" => g.Mul(a, b),
            _ => g.Div(a, b),
        };

        GradientCheck.Verify(g, y);
    }

    [TestCase("Neg")]
    [TestCase("Relu")]
    [TestCase("Sigmoid")]
    [TestCase("Tanh")]
    [TestCase("Exp")]
    [TestCase("Log")]
    [TestCase("Abs")]
    public void Unary(string op)
    {
        var g = NewGraph();
        var x = op == "Log" ? Positive(g, "x", 3, 4) : P(g, "x", 3, 4);
        var y = op switch
        {
            "Neg" => g.Neg(x),
            "Relu" => g.Relu(x),
            "Sigmoid" => g.Sigmoid(x),
            "Tanh" => g.Tanh(x),
            "Exp" => g.Exp(x),
            "Log" => g.Log(x),
            _ => g.Abs(x),
        };

        GradientCheck.Verify(g, y);
    }

    [Test]
    public void Identity_And_CastBetweenFloatTypes()
    {
        var g = NewGraph();
        var x = P(g, "x", 2, 3);

        // Through float32 and back: a linear function, so a wide step is exact up to float rounding.
        var y = g.Cast(g.Cast(g.Identity(x), OnnxElementType.Float), OnnxElementType.Double);
        GradientCheck.Verify(g, g.Mul(y, g.Scalar(3)), tolerance: 1e-4, step: 1e-2);
    }

    [TestCase(new long[] { 3, 4 }, new long[] { 4, 2 })]
    [TestCase(new long[] { 2, 3, 4 }, new long[] { 4, 5 })]
    [TestCase(new long[] { 2, 3, 4 }, new long[] { 2, 4, 5 })]
    [TestCase(new long[] { 2, 3, 4 }, new long[] { 1, 4, 2 })]
    [TestCase(new long[] { 3, 4 }, new long[] { 2, 4, 2 })]
    public void MatMul_Batched(long[] left, long[] right)
    {
        var g = NewGraph();
        GradientCheck.Verify(g, g.MatMul(P(g, "a", left), P(g, "b", right)));
    }

    [Test]
    public void Concat_Slice_Split()
    {
        var g = NewGraph();
        var a = P(g, "a", 2, 2);
        var b = P(g, "b", 2, 3);
        var c = g.Concat(1, a, b);
        var s = g.Slice(c, 1, 1, 4);
        var parts = g.Split(g.Concat(0, s, s), 0, 2, 2);
        GradientCheck.Verify(g, g.Add(g.Mul(parts[1], parts[1]), g.Sum([g.Slice(c, -1, 0, 3), g.Slice(c, 1, -3, 100)])));
    }

    [Test]
    public void Split_WithAnUnusedPart_GetsZeros()
    {
        var g = NewGraph();
        var parts = g.Split(P(g, "x", 2, 6), 1, 2, 4);
        GradientCheck.Verify(g, g.Tanh(parts[1]));
    }

    [Test]
    public void Reshape_Transpose_Unsqueeze_Squeeze()
    {
        var g = NewGraph();
        var x = P(g, "x", 2, 6);
        var r = g.Reshape(x, 3, -1);
        var t = g.Transpose(g.Reshape(r, 2, 3, 2), 2, 0, 1);
        var u = g.Unsqueeze(t, 1, -1);
        GradientCheck.Verify(g, g.Sigmoid(g.Squeeze(u, 1)));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Reductions(bool keepDims)
    {
        var g = NewGraph();
        var x = P(g, "x", 2, 3, 4);
        var sum = g.ReduceSum(x, [1], keepDims);
        var mean = g.ReduceMean(x, [0, 2], keepDims);
        var max = g.ReduceMax(x, 2, keepDims);
        var all = g.Add(g.ReduceSum(g.Mul(sum, sum), []), g.Add(g.ReduceSum(g.Exp(mean), []), g.ReduceSum(g.Mul(max, max), [])));
        GradientCheck.Verify(g, all);
    }

    [Test]
    public void ReduceMax_OverTime_RoutesToTheArgMax()
    {
        var g = NewGraph();
        var x = P(g, "x", 2, 5, 3);
        GradientCheck.Verify(g, g.ReduceMax(g.Relu(x), 1));
    }

    [Test]
    public void Gather_WithDuplicateIndices_Accumulates()
    {
        var g = NewGraph();
        var table = P(g, "table", 5, 3);
        var ids = g.Input("ids", OnnxElementType.Int64, "N", 2);
        var y = g.Gather(table, ids);
        Assert.That(GraphTensor.FormatShape(y.Shape), Is.EqualTo("[N, 2, 3]"));
        GradientCheck.Verify(g, g.Tanh(y), [new Feed("ids", new long[] { 1, 1, 4, 0, 1, 4 }, 3, 2)]);
    }

    [Test]
    public void Where_RoutesByCondition()
    {
        var g = NewGraph();
        var a = P(g, "a", 2, 3);
        var b = P(g, "b", 3);
        var condition = g.Input("c", OnnxElementType.Bool, 2, 3);
        GradientCheck.Verify(g, g.Where(condition, a, b), [new Feed("c", new[] { true, false, true, false, false, true }, 2, 3)]);
    }

    [Test]
    public void Where_WithAComparison()
    {
        var g = NewGraph();
        var a = P(g, "a", 2, 3);
        GradientCheck.Verify(g, g.Where(g.Greater(a, g.Scalar(0.2)), g.Exp(a), g.Neg(a)));
    }

    [Test]
    public void Dropout_InGraphSeededMask()
    {
        var g = NewGraph();
        var x = P(g, "x", 4, 5);
        GradientCheck.Verify(g, g.Mul(g.Dropout(x, 0.5), x), freshSessions: true);
    }

    [Test]
    public void Dropout_MaskAsInput()
    {
        var g = NewGraph();
        var x = P(g, "x", 2, 3);
        var mask = g.Input("mask", OnnxElementType.Double, 2, 3);
        GradientCheck.Verify(g, g.Mul(x, mask), [new Feed("mask", new[] { 2.0, 0, 2, 0, 0, 2 }, 2, 3)]);
    }

    [Test]
    public void MseLoss_WithASymbolicBatch()
    {
        var g = NewGraph();
        var w = P(g, "w", 3, 1);
        var b = P(g, "b", 1);
        var x = g.Input("x", OnnxElementType.Double, "N", 3);
        var target = g.Input("y", OnnxElementType.Double, "N", 1);
        var loss = g.MseLoss(g.Add(g.MatMul(x, w), b), target);
        GradientCheck.Verify(g, loss, [new Feed("x", new[] { 1.0, 2, 3, -1, 0.5, 2, 0, 1, -2, 3, 1, 1 }, 4, 3), new Feed("y", new[] { 1.0, -1, 0.5, 2 }, 4, 1)]);
    }

    [Test]
    public void BinaryCrossEntropyWithLogits_IsStableAndCorrect()
    {
        var g = NewGraph();
        var z = g.Parameter("z", ParameterInit.Uniform(-4, 4), 2, 4);
        var target = g.Input("y", OnnxElementType.Double, 2, 4);
        GradientCheck.Verify(g, g.BinaryCrossEntropyWithLogits(z, target), [new Feed("y", new[] { 1.0, 0, 1, 1, 0, 0, 1, 0 }, 2, 4)]);
    }

    [Test]
    public void SymbolicBatch_BroadcastAndMean()
    {
        var g = NewGraph();
        var w = P(g, "w", 3);
        var x = g.Input("x", OnnxElementType.Double, "N", 3);
        var y = g.ReduceMean(g.Mul(g.Add(x, w), w), [0]);
        GradientCheck.Verify(g, y, [new Feed("x", new[] { 1.0, 2, 3, -1, 0.5, 2 }, 2, 3)]);
    }

    [Test]
    public void Layers_Embedding_Dense()
    {
        var g = NewGraph();
        var ids = g.Input("ids", OnnxElementType.Int64, "N");
        var e = EmbeddingLayer.Create(g, "emb", 4, 3, ParameterInit.Uniform(-1, 1)).Apply(ids);
        var h = DenseLayer.Create(g, "fc", 3, 2, Activation.Tanh).Apply(e);
        GradientCheck.Verify(g, DenseLayer.Create(g, "out", 2, 1, Activation.Sigmoid).Apply(h), [new Feed("ids", new long[] { 3, 0, 3, 2 }, 4)]);
    }

    [Test]
    public void Layers_LstmWithPadding()
    {
        var g = NewGraph();
        var x = g.Input("x", OnnxElementType.Double, "N", 3, 2);
        var mask = g.Input("mask", OnnxElementType.Double, "N", 3);
        var lstm = LstmLayer.Create(g, "lstm", 2, 2).Apply(x, mask);
        var y = g.Add(g.ReduceSum(lstm.Sequence, [1]), lstm.Final);
        GradientCheck.Verify(
            g,
            y,
            [new Feed("x", new[] { 0.5, -1, 1, 0.2, -0.3, 0.8, 1, 1, -1, 0.5, 0.1, 0.1 }, 2, 3, 2), new Feed("mask", new[] { 1.0, 1, 0, 1, 1, 1 }, 2, 3)]);
    }

    [Test]
    public void Layers_TextConv()
    {
        var g = NewGraph();
        var x = g.Input("x", OnnxElementType.Double, "N", 5, 2);
        var conv = TextConvLayer.Create(g, "conv", 2, 3, 4);
        var values = Enumerable.Range(0, 20).Select(i => Math.Sin(i * 1.7)).ToArray();
        GradientCheck.Verify(g, conv.Apply(x), [new Feed("x", values, 2, 5, 2)]);
    }
}
