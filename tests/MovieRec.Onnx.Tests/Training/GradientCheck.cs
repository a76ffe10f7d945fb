using MovieRec.Onnx.Format;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Tests.Training;

/// <summary>A fed input of a gradient check: name, values (double[], long[] or bool[]) and concrete shape.</summary>
internal sealed record Feed(string Name, Array Values, params long[] Shape);

/// <summary>
/// Compares the gradients the backward graph computes (through ONNX Runtime) with central finite
/// differences of the loss, for every element of every parameter of a float64 graph.
/// </summary>
internal static class GradientCheck
{
    private const double DefaultStep = 1e-6;

    /// <summary>
    /// Checks d(loss)/d(parameters), where loss = Σ R⊙y for a fixed random R when y has a static
    /// shape, Σ y² otherwise, or y itself when it is a scalar.
    /// </summary>
    /// <returns>The largest absolute difference found.</returns>
    public static double Verify(ModelGraph g, GraphTensor y, Feed[]? feeds = null, bool freshSessions = false, double tolerance = 1e-6, double step = DefaultStep)
    {
        GraphTensor loss;
        if (y.Rank == 0)
        {
            loss = y;
        }
        else if (y.IsStatic)
        {
            var random = new Random(7);
            long count = y.ElementCount;
            var r = Enumerable.Range(0, (int)count).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            loss = g.ReduceSum(g.Mul(y, g.Constant(OnnxTensorData.FromDoubles(r, [.. y.Shape.Select(d => d.Size)]))), []);
        }
        else
        {
            loss = g.ReduceSum(g.Mul(y, y), []);
        }

        var model = TrainingStepGraph.BuildGradientModel(g, loss, g.Parameters);
        byte[] bytes = model.ToBytes();
        var values = g.Parameters.Select(g.InitialValues).ToArray();
        var tensors = new List<OrtValue>();
        var inputs = new Dictionary<string, OrtValue>(StringComparer.Ordinal);
        for (int i = 0; i < values.Length; i++)
        {
            var t = TestSessions.Tensor(values[i], [.. g.Parameters[i].Shape.Select(d => d.Size)]);
            tensors.Add(t);
            inputs[g.Parameters[i].Name] = t;
        }

        foreach (var feed in feeds ?? [])
        {
            var t = feed.Values switch
            {
                double[] d => TestSessions.Tensor(d, feed.Shape),
                long[] l => TestSessions.Tensor(l, feed.Shape),
                bool[] b => TestSessions.Tensor(b, feed.Shape),
                _ => throw new ArgumentException("Unsupported feed type."),
            };
            tensors.Add(t);
            inputs[feed.Name] = t;
        }

        var session = TestSessions.Open(bytes);
        try
        {
            var outputNames = new[] { TrainingStepGraph.LossOutput }.Concat(g.Parameters.Select(p => "grad." + p.Name)).ToArray();
            double[][] analytic;
            var first = Run(ref session, bytes, inputs, outputNames, freshSessions);
            Assert.That(double.IsFinite(first[0][0]), "The loss is not finite.");
            analytic = [.. first.Skip(1)];

            double worst = 0;
            for (int p = 0; p < values.Length; p++)
            {
                for (int i = 0; i < values[p].Length; i++)
                {
                    double saved = values[p][i];
                    values[p][i] = saved + step;
                    double plus = Loss(ref session, bytes, inputs, freshSessions);
                    values[p][i] = saved - step;
                    double minus = Loss(ref session, bytes, inputs, freshSessions);
                    values[p][i] = saved;
                    double numeric = (plus - minus) / (2 * step);
                    double error = Math.Abs(numeric - analytic[p][i]);
                    worst = Math.Max(worst, error);
                    Assert.That(
                        error,
                        Is.LessThanOrEqualTo(tolerance * Math.Max(1, Math.Abs(numeric))),
                        $"d loss / d {g.Parameters[p].Name}[{i}]: backward graph {analytic[p][i]:R}, finite difference {numeric:R}.");
                }
            }

            return worst;
        }
        finally
        {
            session.Dispose();
            foreach (var t in tensors)
            {
                t.Dispose();
            }
        }
    }

    private static double Loss(ref OnnxSession session, byte[] bytes, Dictionary<string, OrtValue> inputs, bool fresh) =>
        Run(ref session, bytes, inputs, [TrainingStepGraph.LossOutput], fresh)[0][0];

    private static double[][] Run(ref OnnxSession session, byte[] bytes, Dictionary<string, OrtValue> inputs, string[] outputs, bool fresh)
    {
        if (fresh)
        {
            session.Dispose();
            session = TestSessions.Open(bytes);
        }

        return TestSessions.Run<double>(session, inputs, outputs);
    }
}
