using System.Runtime.InteropServices;
using Google.Protobuf;
using MovieRec.Onnx.Protos;

namespace MovieRec.Onnx.Tests;

/// <summary>
/// Small ONNX models written directly with the protobuf classes (opset 17, IR version 8), with their weights, so
/// that tests can compute the expected outputs independently in C#.
/// </summary>
internal static class TestModels
{
    public const int Opset = 17;
    public const int IrVersion = 8;

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

        var graph = new GraphProto
        {
            Name = "scoring",
            Initializer =
            {
                FloatTensor("embedding", embedding, vocabulary, dimension),
                FloatTensor("weight", weight, dimension, hiddenSize),
                FloatTensor("bias", bias, hiddenSize),
                Int64Tensor("axes", [1], 1),
            },
            Node =
            {
                Node("Gather", ["embedding", "ids"], ["embedded"], new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 }),
                Node("MatMul", ["embedded", "weight"], ["projected"]),
                Node("Add", ["projected", "bias"], ["biased"]),
                Node("Relu", ["biased"], ["hidden"]),
                Node("ReduceSum", ["hidden", "axes"], ["score"], new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 }),
            },
            Input = { Value("ids", TensorProto.Types.DataType.Int64, "batch") },
            Output =
            {
                Value("score", TensorProto.Types.DataType.Float, "batch"),
                Value("hidden", TensorProto.Types.DataType.Float, "batch", hiddenSize),
            },
        };
        return new ScoringModel(Serialize(graph), embedding, weight, bias, vocabulary, dimension, hiddenSize);
    }

    /// <summary>
    /// y = Where(mask, x, 0) and inverted = Not(mask): inputs <c>mask</c> Bool[n], <c>x</c> Float[n]; outputs
    /// <c>y</c> Float[n], <c>inverted</c> Bool[n].
    /// </summary>
    public static byte[] Masking()
    {
        var graph = new GraphProto
        {
            Name = "masking",
            Initializer = { FloatTensor("zero", [0f]) },
            Node =
            {
                Node("Where", ["mask", "x", "zero"], ["y"]),
                Node("Not", ["mask"], ["inverted"]),
            },
            Input = { Value("mask", TensorProto.Types.DataType.Bool, "n"), Value("x", TensorProto.Types.DataType.Float, "n") },
            Output = { Value("y", TensorProto.Types.DataType.Float, "n"), Value("inverted", TensorProto.Types.DataType.Bool, "n") },
        };
        return Serialize(graph);
    }

    private static byte[] Serialize(GraphProto graph)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "MovieRec.Tests",
            OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = Opset } },
            Graph = graph,
        };
        return model.ToByteArray();
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

    private static NodeProto Node(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = opType + "_" + outputs[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static TensorProto FloatTensor(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static TensorProto Int64Tensor(string name, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    /// <summary>A tensor value description; a string dimension is symbolic, a number fixed.</summary>
    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
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
