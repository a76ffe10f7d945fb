using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;

namespace MovieRec.Onnx.Tests.Training.Layers;

[TestFixture]
public sealed class DenseLayerTests
{
    [Test]
    public void Create_NamesParametersAfterTheLayer()
    {
        var g = ModelGraph.Create("d");
        var layer = DenseLayer.Create(g, "fc", 4, 3, Activation.Relu);
        var y = layer.Apply(g.Input("x", OnnxElementType.Float, "N", 5, 4));

        Assert.Multiple(() =>
        {
            Assert.That(g.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "fc.weight", "fc.bias" }));
            Assert.That(GraphTensor.FormatShape(y.Shape), Is.EqualTo("[N, 5, 3]"));
            Assert.That(g.InitialValues(layer.Bias), Is.All.Zero);
        });
    }

    [Test]
    public void Apply_ToTheWrongFeatureSize_NamesBothShapes()
    {
        var g = ModelGraph.Create("d");
        var layer = DenseLayer.Create(g, "fc", 4, 3);

        var error = Assert.Throws<ArgumentException>(() => layer.Apply(g.Input("x", OnnxElementType.Float, "N", 6)));

        Assert.That(error!.Message, Does.Contain("[N, 6]").And.Contain("[4, 3]"));
    }
}
