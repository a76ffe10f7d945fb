using System.Runtime.InteropServices;
using Google.Protobuf;
using MovieRec.Onnx.Protos;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Benchmarks;

/// <summary>
/// The scoring graph the ONNX Runtime benchmarks run: score[b] = sum_h relu(E[ids[b]] · W[:, h] + bias[h]), with
/// E 6000×32 and W 32×200 (Gather → MatMul → Add → Relu → ReduceSum), opset 17, built with the protobuf classes.
/// </summary>
internal static class ScoringGraph
{
    public const int Items = 6000;
    public const int Dimension = 32;
    public const int Hidden = 200;

    public static byte[] Build(int seed = 1)
    {
        var random = new Random(seed);
        var graph = new GraphProto
        {
            Name = "scoring",
            Initializer =
            {
                Tensor("embedding", RandomFloats(random, Items * Dimension), Items, Dimension),
                Tensor("weight", RandomFloats(random, Dimension * Hidden), Dimension, Hidden),
                Tensor("bias", RandomFloats(random, Hidden), Hidden),
                new TensorProto { Name = "axes", DataType = (int)TensorProto.Types.DataType.Int64, Dims = { 1 }, Int64Data = { 1 } },
            },
            Node =
            {
                Node("Gather", ["embedding", "ids"], "embedded", new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 }),
                Node("MatMul", ["embedded", "weight"], "projected"),
                Node("Add", ["projected", "bias"], "biased"),
                Node("Relu", ["biased"], "hidden"),
                Node("ReduceSum", ["hidden", "axes"], "score", new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 }),
            },
            Input = { Vector("ids", TensorProto.Types.DataType.Int64) },
            Output = { Vector("score", TensorProto.Types.DataType.Float) },
        };
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "MovieRec.Benchmarks",
            OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = 17 } },
            Graph = graph,
        };
        return model.ToByteArray();
    }

    /// <summary>y = Identity(x) over a float vector: a graph that does nothing, to measure a run's fixed cost.</summary>
    public static byte[] BuildIdentity()
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "MovieRec.Benchmarks",
            OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = 17 } },
            Graph = new GraphProto
            {
                Name = "identity",
                Node = { Node("Identity", ["x"], "y") },
                Input = { Vector("x", TensorProto.Types.DataType.Float) },
                Output = { Vector("y", TensorProto.Types.DataType.Float) },
            },
        };
        return model.ToByteArray();
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

    public static InferenceSession CreateSession(int intraOpThreads) =>
        InferenceSession.FromBytes(Build(), new SessionOptions { IntraOpThreads = intraOpThreads, InterOpThreads = 1 });

    private static float[] RandomFloats(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1) * 0.2f;
        }

        return values;
    }

    private static TensorProto Tensor(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static NodeProto Node(string opType, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = opType, Output = { output } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static ValueInfoProto Vector(string name, TensorProto.Types.DataType type) => new()
    {
        Name = name,
        Type = new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor
            {
                ElemType = (int)type,
                Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimParam = "batch" } } },
            },
        },
    };
}
