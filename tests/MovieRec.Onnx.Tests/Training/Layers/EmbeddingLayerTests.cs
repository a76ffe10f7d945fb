using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;

namespace MovieRec.Onnx.Tests.Training.Layers;

[TestFixture]
public sealed class EmbeddingLayerTests
{
    [Test]
    public void Apply_AppendsTheVectorAxis()
    {
        var g = ModelGraph.Create("e");
        var layer = EmbeddingLayer.Create(g, "words", 100, 16);
        var y = layer.Apply(g.Input("title", OnnxElementType.Int64, "N", 15));

        Assert.Multiple(() =>
        {
            Assert.That(GraphTensor.FormatShape(y.Shape), Is.EqualTo("[N, 15, 16]"));
            Assert.That(layer.Count, Is.EqualTo(100));
            Assert.That(GraphTensor.FormatShape(layer.Table.Shape), Is.EqualTo("[100, 16]"));
        });
    }

    [Test]
    public void Apply_ToFloatIds_IsRejected()
    {
        var g = ModelGraph.Create("e");
        var layer = EmbeddingLayer.Create(g, "words", 100, 16);

        var error = Assert.Throws<ArgumentException>(() => layer.Apply(g.Input("title", OnnxElementType.Float, "N")));

        Assert.That(error!.Message, Does.Contain("Int64"));
    }
}
