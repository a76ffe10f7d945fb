using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Tests.Training.Graph;

[TestFixture]
public sealed class ModelGraphTests
{
    [Test]
    public void MatMul_WithMismatchedInnerDimensions_NamesBothShapes()
    {
        var g = ModelGraph.Create("m");
        var x = g.Input("x", OnnxElementType.Float, "N", 32);
        var w = g.Parameter("w", ParameterInit.Zeros, 16, 8);

        var error = Assert.Throws<ArgumentException>(() => g.MatMul(x, w));

        Assert.That(error!.Message, Does.Contain("[N, 32]").And.Contain("[16, 8]").And.Contain("MatMul"));
    }

    [Test]
    public void Add_WithIncompatibleShapes_NamesBothShapes()
    {
        var g = ModelGraph.Create("m");
        var a = g.Input("a", OnnxElementType.Float, "N", 3);
        var b = g.Input("b", OnnxElementType.Float, "N", 4);

        var error = Assert.Throws<ArgumentException>(() => g.Add(a, b));

        Assert.That(error!.Message, Does.Contain("[N, 3]").And.Contain("[N, 4]"));
    }

    [Test]
    public void DifferentSymbols_DoNotBroadcast()
    {
        var g = ModelGraph.Create("m");
        var a = g.Input("a", OnnxElementType.Float, "N", 3);
        var b = g.Input("b", OnnxElementType.Float, "M", 3);

        var error = Assert.Throws<ArgumentException>(() => g.Mul(a, b));

        Assert.That(error!.Message, Does.Contain("[N, 3]").And.Contain("[M, 3]"));
    }

    [Test]
    public void MseLoss_WithTargetOfAnotherShape_NamesBothShapes()
    {
        var g = ModelGraph.Create("m");
        var prediction = g.Input("p", OnnxElementType.Float, "N", 1);
        var target = g.Input("t", OnnxElementType.Float, "N");

        var error = Assert.Throws<ArgumentException>(() => g.MseLoss(prediction, target));

        Assert.That(error!.Message, Does.Contain("[N, 1]").And.Contain("[N]"));
    }

    [Test]
    public void ShapeInference_FollowsOnnxRules()
    {
        var g = ModelGraph.Create("m");
        var x = g.Input("x", OnnxElementType.Float, "N", 4, 6);
        var w = g.Parameter("w", ParameterInit.Zeros, 6, 5);

        Assert.Multiple(() =>
        {
            Assert.That(GraphTensor.FormatShape(g.MatMul(x, w).Shape), Is.EqualTo("[N, 4, 5]"));
            Assert.That(GraphTensor.FormatShape(g.Reshape(x, 0, -1).Shape), Is.EqualTo("[N, 24]"));
            Assert.That(GraphTensor.FormatShape(g.Transpose(x, 0, 2, 1).Shape), Is.EqualTo("[N, 6, 4]"));
            Assert.That(GraphTensor.FormatShape(g.ReduceMax(x, 1).Shape), Is.EqualTo("[N, 6]"));
            Assert.That(GraphTensor.FormatShape(g.ReduceSum(x, [1, 2], keepDims: true).Shape), Is.EqualTo("[N, 1, 1]"));
            Assert.That(GraphTensor.FormatShape(g.Concat(-1, x, x).Shape), Is.EqualTo("[N, 4, 12]"));
            Assert.That(GraphTensor.FormatShape(g.Slice(x, 1, 1, 3).Shape), Is.EqualTo("[N, 2, 6]"));
            Assert.That(g.Split(x, 2, 2, 4).Select(p => GraphTensor.FormatShape(p.Shape)), Is.EqualTo(new[] { "[N, 4, 2]", "[N, 4, 4]" }));
            Assert.That(GraphTensor.FormatShape(g.Squeeze(g.Unsqueeze(x, 1), 1).Shape), Is.EqualTo("[N, 4, 6]"));
        });
    }

    [Test]
    public void Reshape_WithWrongElementCount_NamesBothShapes()
    {
        var g = ModelGraph.Create("m");
        var x = g.Parameter("x", ParameterInit.Zeros, 2, 6);

        var error = Assert.Throws<ArgumentException>(() => g.Reshape(x, 5, 2));

        Assert.That(error!.Message, Does.Contain("[2, 6]").And.Contain("[5, 2]"));
    }

    [Test]
    public void OpWithoutGradientRule_OnTheTrainablePath_FailsAtBuildNamingTheOp()
    {
        var g = ModelGraph.Create("m");
        var x = g.Input("x", OnnxElementType.Float, "N", 3);
        var w = g.Parameter("w", ParameterInit.Constant(1), 3, 3);
        var y = g.Softmax(g.MatMul(x, w));
        var loss = g.ReduceMean(y, []);

        var error = Assert.Throws<InvalidOperationException>(() => Trainer.Create(g, loss, Optimizer.Sgd(0.1)));

        Assert.That(error!.Message, Does.Contain("'Softmax'").And.Contain("no gradient rule"));
    }

    [Test]
    public void OpWithoutGradientRule_OffTheTrainablePath_IsAllowed()
    {
        var g = ModelGraph.Create("m");
        var x = g.Input("x", OnnxElementType.Float, "N", 3);
        var w = g.Parameter("w", ParameterInit.Constant(1), 3, 3);
        var scaled = g.Mul(g.MatMul(x, w), g.Sqrt(x));

        using var trainer = Trainer.Create(g, g.ReduceMean(scaled, []), Optimizer.Sgd(0.1));

        Assert.That(trainer.TrainingModel.OperatorTypes, Does.Contain("Sqrt"));
    }

    [Test]
    public void DuplicateNames_AreRejected()
    {
        var g = ModelGraph.Create("m");
        g.Parameter("w", ParameterInit.Zeros, 2);

        Assert.Throws<ArgumentException>(() => g.Input("w", OnnxElementType.Float, "N"));
    }

    [Test]
    public void TensorsOfAnotherGraph_AreRejected()
    {
        var g1 = ModelGraph.Create("one");
        var g2 = ModelGraph.Create("two");
        var a = g1.Parameter("a", ParameterInit.Zeros, 2);

        var error = Assert.Throws<ArgumentException>(() => g2.Relu(a));

        Assert.That(error!.Message, Does.Contain("another graph"));
    }

    [Test]
    public void InitialValues_AreSeededAndDeterministic()
    {
        double[] Draw(int seed)
        {
            var g = ModelGraph.Create("m", seed);
            var w = g.Parameter("w", ParameterInit.XavierUniform(), 20, 30);
            return g.InitialValues(w);
        }

        var first = Draw(3);
        double limit = Math.Sqrt(6.0 / 50);
        Assert.Multiple(() =>
        {
            Assert.That(Draw(3), Is.EqualTo(first));
            Assert.That(Draw(4), Is.Not.EqualTo(first));
            Assert.That(first.All(v => Math.Abs(v) <= limit), Is.True);
            Assert.That(first.Max(), Is.GreaterThan(limit * 0.9));
        });
    }

    [Test]
    public void NormalInitializer_HasTheRequestedMoments()
    {
        var g = ModelGraph.Create("m", 5);
        var values = g.InitialValues(g.Parameter("e", ParameterInit.Normal(0.5, 2), 100, 100));
        double mean = values.Average();
        double sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());

        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(2).Within(0.02));
            Assert.That(sd, Is.EqualTo(0.5).Within(0.02));
        });
    }
}
