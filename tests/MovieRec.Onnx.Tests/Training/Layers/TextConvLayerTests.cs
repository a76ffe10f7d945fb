using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;

namespace MovieRec.Onnx.Tests.Training.Layers;

[TestFixture]
public sealed class TextConvLayerTests
{
    [Test]
    public void Forward_IsMaxOverTimeOfReluOfWindowProducts()
    {
        var g = ModelGraph.Create("conv", seed: 2, floatType: OnnxElementType.Double);
        var x = g.Input("x", OnnxElementType.Double, "N", 6, 2);
        var layer = TextConvLayer.Create(g, "conv", 2, 3, 4);
        g.Output("features", layer.Apply(x));
        var values = Enumerable.Range(0, 12).Select(i => Math.Sin(i * 1.3)).ToArray();
        var weights = g.InitialValues(layer.Weight);
        var initializers = g.Parameters.ToDictionary(p => p, p => OnnxTensorData.FromDoubles(g.InitialValues(p), [.. p.Shape.Select(d => d.Size)]));
        using var session = TestSessions.Open(GraphEmitter.Emit(g, g.Outputs, EmitMode.Inference, initializers).Model.ToBytes());
        using var xt = TestSessions.Tensor(values, 1, 6, 2);
        var actual = TestSessions.Run<double>(session, new Dictionary<string, OrtValue> { ["x"] = xt })[0];

        var expected = new double[4];
        for (int f = 0; f < 4; f++)
        {
            for (int start = 0; start <= 3; start++)
            {
                double sum = 0;
                for (int k = 0; k < 6; k++)
                {
                    sum += values[(start * 2) + k] * weights[(k * 4) + f];
                }

                expected[f] = Math.Max(expected[f], Math.Max(sum, 0));
            }
        }

        Assert.That(actual, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Apply_ToASequenceShorterThanTheWindow_NamesTheShape()
    {
        var g = ModelGraph.Create("conv");
        var layer = TextConvLayer.Create(g, "conv", 2, 5, 4);
        var x = g.Input("x", OnnxElementType.Float, "N", 3, 2);

        var error = Assert.Throws<ArgumentException>(() => layer.Apply(x));

        Assert.That(error!.Message, Does.Contain("[N, 3, 2]"));
    }
}
