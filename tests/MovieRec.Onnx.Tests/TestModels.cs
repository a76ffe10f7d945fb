using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Tests;

/// <summary>
/// Small ONNX models written directly with the protobuf classes (opset 17, IR version 8), with their weights, so
/// that tests can compute the expected outputs independently in C#.
/// </summary>
internal static class TestModels
{
    /// <summary>
    /// score[b] = sum_h relu(embedding[ids[b]] · weight[:, h] + bias[h]); hidden[b, h] is the relu value.
    /// Input <c>ids</c> Int64[batch]; outputs <c>score</c> Float[batch] and <c>hidden</c> Float[batch, hiddenSize].
    /// Nodes: Gather, MatMul, Add, Relu, ReduceSum (axes as an input, as opset 13+ requires).
    /// </summary>
    public static ScoringModel Scoring(int vocabulary, int dimension, int hiddenSize, int seed)
    {
        var random = new Random(seed);
        var embedding = RandomFloats(random, vocabulary * dimension);
        var weight = RandomFloats(random, dimension * hiddenSize);
        var bias = RandomFloats(random, hiddenSize);

        var g = new OnnxGraphBuilder("scoring");
        var ids = g.AddInput("ids", OnnxElementType.Int64, "batch");
        var e = g.AddInitializer("embedding", OnnxTensorData.FromFloats(embedding, vocabulary, dimension));
        var w = g.AddInitializer("weight", OnnxTensorData.FromFloats(weight, dimension, hiddenSize));
        var b = g.AddInitializer("bias", OnnxTensorData.FromFloats(bias, hiddenSize));
        var axes = g.AddInitializer("axes", OnnxTensorData.FromInt64s([1], 1));
        var embedded = g.AddNode("Gather", [e, ids], [OnnxAttribute.Int("axis", 0)]);
        var hidden = g.AddNode("Relu", [g.AddNode("Add", [g.AddNode("MatMul", [embedded, w]), b])], outputName: "hidden");
        var score = g.AddNode("ReduceSum", [hidden, axes], [OnnxAttribute.Int("keepdims", 0)], "score");
        g.AddOutput(score, OnnxElementType.Float, "batch");
        g.AddOutput(hidden, OnnxElementType.Float, "batch", hiddenSize);
        return new ScoringModel(g.Build().ToBytes(), embedding, weight, bias, vocabulary, dimension, hiddenSize);
    }

    /// <summary>
    /// y = Where(mask, x, 0) and inverted = Not(mask): inputs <c>mask</c> Bool[n], <c>x</c> Float[n]; outputs
    /// <c>y</c> Float[n], <c>inverted</c> Bool[n].
    /// </summary>
    public static byte[] Masking()
    {
        var g = new OnnxGraphBuilder("masking");
        var mask = g.AddInput("mask", OnnxElementType.Bool, "n");
        var x = g.AddInput("x", OnnxElementType.Float, "n");
        var zero = g.AddInitializer("zero", OnnxTensorData.FromFloats([0f]));
        g.AddOutput(g.AddNode("Where", [mask, x, zero], outputName: "y"), OnnxElementType.Float, "n");
        g.AddOutput(g.AddNode("Not", [mask], outputName: "inverted"), OnnxElementType.Bool, "n");
        return g.Build().ToBytes();
    }

    private static float[] RandomFloats(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}

/// <summary>The scoring model's bytes and weights, with a plain C# reference implementation.</summary>
internal sealed record ScoringModel(byte[] Bytes, float[] Embedding, float[] Weight, float[] Bias, int Vocabulary, int Dimension, int HiddenSize)
{
    /// <summary>Computes score and hidden for a batch of ids with double-precision loops.</summary>
    public (float[] Score, float[] Hidden) Reference(long[] ids)
    {
        var score = new float[ids.Length];
        var hidden = new float[ids.Length * HiddenSize];
        for (var b = 0; b < ids.Length; b++)
        {
            double total = 0;
            for (var h = 0; h < HiddenSize; h++)
            {
                double sum = Bias[h];
                for (var d = 0; d < Dimension; d++)
                {
                    sum += (double)Embedding[(ids[b] * Dimension) + d] * Weight[(d * HiddenSize) + h];
                }

                var relu = Math.Max(0, sum);
                hidden[(b * HiddenSize) + h] = (float)relu;
                total += relu;
            }

            score[b] = (float)total;
        }

        return (score, hidden);
    }

    /// <summary>Seeded random ids in [0, Vocabulary).</summary>
    public long[] RandomIds(int count, int seed)
    {
        var random = new Random(seed);
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = random.Next(Vocabulary);
        }

        return ids;
    }
}
