using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Tests.Training.Layers;

[TestFixture]
public sealed class LstmLayerTests
{
    [Test]
    public void Forward_MatchesAManagedLstm_AndCarriesStateThroughPadding()
    {
        var g = ModelGraph.Create("lstm", seed: 4, floatType: OnnxElementType.Double);
        var x = g.Input("x", OnnxElementType.Double, "N", 4, 3);
        var mask = g.Input("mask", OnnxElementType.Double, "N", 4);
        var layer = LstmLayer.Create(g, "lstm", 3, 2);
        var output = layer.Apply(x, mask);
        var values = Enumerable.Range(0, 24).Select(i => Math.Cos(i * 0.9)).ToArray();
        var maskValues = new[] { 1.0, 1, 1, 0, 1, 1, 0, 0 };

        var (sequence, final) = Run(g, output, values, maskValues);

        var w = g.InitialValues(layer.InputWeight);
        var u = g.InitialValues(layer.RecurrentWeight);
        for (int n = 0; n < 2; n++)
        {
            int length = n == 0 ? 3 : 2;
            var h = new double[2];
            var c = new double[2];
            for (int t = 0; t < length; t++)
            {
                var gates = new double[8];
                for (int j = 0; j < 8; j++)
                {
                    for (int k = 0; k < 3; k++)
                    {
                        gates[j] += values[(n * 12) + (t * 3) + k] * w[(k * 8) + j];
                    }

                    for (int k = 0; k < 2; k++)
                    {
                        gates[j] += h[k] * u[(k * 8) + j];
                    }
                }

                for (int k = 0; k < 2; k++)
                {
                    double i = Sigmoid(gates[k]);
                    double f = Sigmoid(gates[2 + k] + 1);
                    double cc = Math.Tanh(gates[4 + k]);
                    double o = Sigmoid(gates[6 + k]);
                    c[k] = (f * c[k]) + (i * cc);
                    h[k] = o * Math.Tanh(c[k]);
                }

                Assert.That(sequence.AsSpan((n * 8) + (t * 2), 2).ToArray(), Is.EqualTo(h).Within(1e-12), $"row {n}, step {t}");
            }

            Assert.Multiple(() =>
            {
                Assert.That(final.AsSpan(n * 2, 2).ToArray(), Is.EqualTo(h).Within(1e-12), $"final state of row {n}");
                Assert.That(sequence.AsSpan((n * 8) + (length * 2), (4 - length) * 2).ToArray(), Is.All.Zero, $"padded outputs of row {n}");
            });
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Export_FusedIntoOnnxLstm_ScoresAsTheUnrolledLayer(bool masked)
    {
        var g = ModelGraph.Create("lstm-model", seed: 6);
        var x = g.Input("x", OnnxElementType.Float, "N", 4, 3);
        var mask = masked ? g.Input("mask", OnnxElementType.Float, "N", 4) : null;
        var target = g.Input("target", OnnxElementType.Float, "N", 1);
        var lstm = LstmLayer.Create(g, "lstm", 3, 5).Apply(x, mask);
        var features = g.Concat(1, lstm.Final, g.ReduceSum(lstm.Sequence, [1]));
        var score = DenseLayer.Create(g, "out", 10, 1).Apply(features);
        g.Output("score", score);
        var random = new Random(1);
        const int rows = 64;
        var xs = Enumerable.Range(0, rows * 12).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var lengths = Enumerable.Range(0, rows).Select(_ => 1 + random.Next(4)).ToArray();
        var masks = Enumerable.Range(0, rows * 4).Select(i => i % 4 < lengths[i / 4] ? 1f : 0f).ToArray();
        var targets = Enumerable.Range(0, rows).Select(i => (float)lengths[i] / 4).ToArray();
        var data = TrainingData.Create(rows).Add("x", xs, 4, 3).Add("target", targets, 1);
        if (masked)
        {
            data.Add("mask", masks, 4);
        }

        using var trainer = Trainer.Create(g, g.MseLoss(score, target), Optimizer.Adam(new AdamOptions { LearningRate = 0.01 }), new DeepTrainingOptions { Epochs = 2, BatchSize = 16, NumberOfThreads = 1 });
        trainer.Fit(data);
        var fused = trainer.ExportModel(new ExportOptions { FuseLstm = true });
        var unrolled = trainer.ExportModel();
        string path = Path.Combine(Path.GetTempPath(), $"movierec-lstm-{Guid.NewGuid():N}.onnx");
        fused.Save(path);
        try
        {
            var feeds = new Dictionary<string, OrtValue> { ["x"] = TestSessions.Tensor(xs, rows, 4, 3) };
            if (masked)
            {
                feeds["mask"] = TestSessions.Tensor(masks, rows, 4);
            }

            var fromFused = Score(fused, feeds);
            var fromUnrolled = Score(unrolled, feeds);
            TestSessions.Dispose(feeds);

            Assert.Multiple(() =>
            {
                Assert.That(fused.OperatorTypes, Does.Contain("LSTM").And.Not.Contain("Split"));
                Assert.That(unrolled.OperatorTypes, Does.Not.Contain("LSTM"));
                Assert.That(fromFused, Is.EqualTo(fromUnrolled).Within(1e-5));
                Assert.That(fromUnrolled, Is.EqualTo(trainer.Predict(data, "score")));
            });
            ReferenceChecker.AssertValid(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Apply_WithTheWrongFeatureSize_NamesTheShapes()
    {
        var g = ModelGraph.Create("lstm");
        var layer = LstmLayer.Create(g, "lstm", 3, 2);
        var x = g.Input("x", OnnxElementType.Float, "N", 4, 5);

        var error = Assert.Throws<ArgumentException>(() => layer.Apply(x));

        Assert.That(error!.Message, Does.Contain("[N, 4, 5]").And.Contain("[N, T, 3]"));
    }

    private static double[] Score(OnnxModel model, Dictionary<string, OrtValue> feeds)
    {
        using var session = TestSessions.Open(model.ToBytes());
        return [.. TestSessions.Run<float>(session, feeds)[0].Select(v => (double)v)];
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static (double[] Sequence, double[] Final) Run(ModelGraph g, LstmOutput output, double[] x, double[] mask)
    {
        g.Output("sequence", output.Sequence);
        g.Output("final", output.Final);
        var values = g.Parameters.ToDictionary(p => p, p => OnnxTensorData.FromDoubles(g.InitialValues(p), [.. p.Shape.Select(d => d.Size)]));
        var model = GraphEmitter.Emit(g, g.Outputs, EmitMode.Inference, values).Model;
        using var session = TestSessions.Open(model.ToBytes());
        using var xt = TestSessions.Tensor(x, 2, 4, 3);
        using var mt = TestSessions.Tensor(mask, 2, 4);
        var outputs = TestSessions.Run<double>(session, new Dictionary<string, OrtValue> { ["x"] = xt, ["mask"] = mt });
        return (outputs[0], outputs[1]);
    }
}
