using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Tests.Format;

[TestFixture]
public sealed class OnnxGraphBuilderTests
{
    [Test]
    public void AddNode_WithAnUndefinedInput_NamesTheInput()
    {
        var g = new OnnxGraphBuilder();

        var error = Assert.Throws<ArgumentException>(() => g.AddNode("Relu", [new OnnxValue("nowhere")]));

        Assert.That(error!.Message, Does.Contain("'nowhere'").And.Contain("topological"));
    }

    [Test]
    public void DuplicateNames_AreRejected()
    {
        var g = new OnnxGraphBuilder();
        g.AddInput("x", OnnxElementType.Float, 2);

        var error = Assert.Throws<ArgumentException>(() => g.AddInitializer("x", OnnxTensorData.FromFloats([1f], 1)));

        Assert.That(error!.Message, Does.Contain("'x'"));
    }

    [Test]
    public void Build_WithoutOutputs_Throws()
    {
        var g = new OnnxGraphBuilder("empty");
        g.AddInput("x", OnnxElementType.Float, 2);

        Assert.Throws<InvalidOperationException>(() => g.Build());
    }

    [Test]
    public void MultiOutputNodes_GetDistinctGeneratedNames()
    {
        var g = new OnnxGraphBuilder();
        var x = g.AddInput("x", OnnxElementType.Float, 4);
        var parts = g.AddNode("Split", [x], 2, [OnnxAttribute.Int("axis", 0)]);

        Assert.That(parts.Select(p => p.Name).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public void TensorData_WithMismatchedDims_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxTensorData.FromFloats([1f, 2f, 3f], 2, 2));

        Assert.That(error!.Message, Does.Contain("[2, 2]").And.Contain("3"));
    }

    [Test]
    public void SymbolicAndFixedDims_AreDeclaredAsGiven()
    {
        var g = new OnnxGraphBuilder();
        var x = g.AddInput("x", OnnxElementType.Float, "batch", 15);
        g.AddOutput(g.AddNode("Identity", [x]), OnnxElementType.Float, "batch", 15);

        var input = g.Build().Inputs.Single();

        Assert.That(input.Shape, Is.EqualTo(new[] { OnnxDim.Named("batch"), OnnxDim.Fixed(15) }));
        Assert.That(input.ToString(), Is.EqualTo("x: Float[batch, 15]"));
    }
}
