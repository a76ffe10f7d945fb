using MovieRec.Onnx.Format;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Benchmarks;

/// <summary>
/// The scoring graph the ONNX Runtime benchmarks run: score[b] = sum_h relu(E[ids[b]] · W[:, h] + bias[h]), with
/// E 6000×32 and W 32×200 (Gather → MatMul → Add → Relu → ReduceSum), opset 17.
/// </summary>
internal static class ScoringGraph
{
    public const int Items = 6000;
    public const int Dimension = 32;
    public const int Hidden = 200;

    public static byte[] Build(int seed = 1)
    {
        var random = new Random(seed);
        var g = new OnnxGraphBuilder("scoring");
        var ids = g.AddInput("ids", OnnxElementType.Int64, "batch");
        var e = g.AddInitializer("embedding", OnnxTensorData.FromFloats(RandomFloats(random, Items * Dimension), Items, Dimension));
        var w = g.AddInitializer("weight", OnnxTensorData.FromFloats(RandomFloats(random, Dimension * Hidden), Dimension, Hidden));
        var b = g.AddInitializer("bias", OnnxTensorData.FromFloats(RandomFloats(random, Hidden), Hidden));
        var axes = g.AddInitializer("axes", OnnxTensorData.FromInt64s([1], 1));
        var embedded = g.AddNode("Gather", [e, ids], [OnnxAttribute.Int("axis", 0)]);
        var hidden = g.AddNode("Relu", [g.AddNode("Add", [g.AddNode("MatMul", [embedded, w]), b])]);
        var score = g.AddNode("ReduceSum", [hidden, axes], [OnnxAttribute.Int("keepdims", 0)], "score");
        g.AddOutput(score, OnnxElementType.Float, "batch");
        return g.Build().ToBytes();
    }

    /// <summary>y = Identity(x) over a float vector: a graph that does nothing, to measure a run's fixed cost.</summary>
    public static byte[] BuildIdentity()
    {
        var g = new OnnxGraphBuilder("identity");
        var x = g.AddInput("x", OnnxElementType.Float, "batch");
        g.AddOutput(g.AddNode("Identity", [x], outputName: "y"), OnnxElementType.Float, "batch");
        return g.Build().ToBytes();
    }

    public static long[] RandomIds(int count, int seed)
    {
        var random = new Random(seed);
        var ids = new long[count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = random.Next(Items);
        }

        return ids;
    }

    public static OnnxSession CreateSession(int intraOpThreads) =>
        OnnxSession.Create(Build(), new OnnxSessionOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = intraOpThreads });

    private static float[] RandomFloats(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * 0.2f;
        }

        return values;
    }
}
