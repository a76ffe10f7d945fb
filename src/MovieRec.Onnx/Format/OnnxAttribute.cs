using Google.Protobuf;
using MovieRec.Onnx.Protos;

namespace MovieRec.Onnx.Format;

/// <summary>A named operator attribute (for example <c>axis</c> of Gather or <c>keepdims</c> of ReduceSum).</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(AttributeProto proto)
    {
        Proto = proto;
    }

    /// <summary>The attribute's name.</summary>
    public string Name => Proto.Name;

    internal AttributeProto Proto { get; }

    /// <summary>An integer attribute.</summary>
    public static OnnxAttribute Int(string name, long value) =>
        Create(name, AttributeProto.Types.AttributeType.Int, p => p.I = value);

    /// <summary>A float attribute.</summary>
    public static OnnxAttribute Float(string name, float value) =>
        Create(name, AttributeProto.Types.AttributeType.Float, p => p.F = value);

    /// <summary>A string attribute (UTF-8).</summary>
    public static OnnxAttribute String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Create(name, AttributeProto.Types.AttributeType.String, p => p.S = ByteString.CopyFromUtf8(value));
    }

    /// <summary>A list-of-integers attribute.</summary>
    public static OnnxAttribute Ints(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Create(name, AttributeProto.Types.AttributeType.Ints, p => p.Ints.AddRange(values));
    }

    /// <summary>A list-of-floats attribute.</summary>
    public static OnnxAttribute Floats(string name, params float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Create(name, AttributeProto.Types.AttributeType.Floats, p => p.Floats.AddRange(values));
    }

    /// <summary>A list-of-strings attribute.</summary>
    public static OnnxAttribute Strings(string name, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Create(name, AttributeProto.Types.AttributeType.Strings, p => p.Strings.AddRange(values.Select(ByteString.CopyFromUtf8)));
    }

    /// <summary>A tensor attribute (for example the value of a Constant node).</summary>
    public static OnnxAttribute Tensor(string name, OnnxTensorData value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Create(name, AttributeProto.Types.AttributeType.Tensor, p => p.T = value.ToProto(string.Empty));
    }

    private static OnnxAttribute Create(string name, AttributeProto.Types.AttributeType type, Action<AttributeProto> set)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var proto = new AttributeProto { Name = name, Type = type };
        set(proto);
        return new OnnxAttribute(proto);
    }
}
