using System.Runtime.InteropServices;
using Google.Protobuf;
using MovieRec.Onnx.Protos;

namespace MovieRec.Onnx.Format;

/// <summary>
/// A constant tensor: element type, dimensions and values, stored as little-endian bytes
/// (the form ONNX files hold initializers in).
/// </summary>
public sealed class OnnxTensorData
{
    private readonly byte[] _bytes;
    private readonly long[] _dims;

    private OnnxTensorData(OnnxElementType elementType, long[] dims, byte[] bytes)
    {
        ElementType = elementType;
        _dims = dims;
        _bytes = bytes;
    }

    /// <summary>The element type.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>The dimensions; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims => _dims;

    /// <summary>Number of elements (product of the dimensions).</summary>
    public long ElementCount => ElementCountOf(_dims);

    /// <summary>A float tensor holding a copy of <paramref name="values"/>.</summary>
    /// <param name="values">Values in row-major order; the count must equal the product of <paramref name="dims"/>.</param>
    /// <param name="dims">Dimensions; none for a scalar.</param>
    public static OnnxTensorData FromFloats(ReadOnlySpan<float> values, params long[] dims) =>
        Create(OnnxElementType.Float, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>A double tensor holding a copy of <paramref name="values"/>.</summary>
    public static OnnxTensorData FromDoubles(ReadOnlySpan<double> values, params long[] dims) =>
        Create(OnnxElementType.Double, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>An int64 tensor holding a copy of <paramref name="values"/>.</summary>
    public static OnnxTensorData FromInt64s(ReadOnlySpan<long> values, params long[] dims) =>
        Create(OnnxElementType.Int64, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>An int32 tensor holding a copy of <paramref name="values"/>.</summary>
    public static OnnxTensorData FromInt32s(ReadOnlySpan<int> values, params long[] dims) =>
        Create(OnnxElementType.Int32, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>A bool tensor holding a copy of <paramref name="values"/>.</summary>
    public static OnnxTensorData FromBools(ReadOnlySpan<bool> values, params long[] dims) =>
        Create(OnnxElementType.Bool, MemoryMarshal.AsBytes(values), values.Length, dims);

    /// <summary>The values as floats.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not <see cref="OnnxElementType.Float"/>.</exception>
    public float[] ToFloats() => As<float>(OnnxElementType.Float);

    /// <summary>The values as doubles.</summary>
    public double[] ToDoubles() => As<double>(OnnxElementType.Double);

    /// <summary>The values as int64.</summary>
    public long[] ToInt64s() => As<long>(OnnxElementType.Int64);

    /// <summary>The values as int32.</summary>
    public int[] ToInt32s() => As<int>(OnnxElementType.Int32);

    /// <summary>The values as bools.</summary>
    public bool[] ToBools() => As<bool>(OnnxElementType.Bool);

    internal static long ElementCountOf(ReadOnlySpan<long> dims)
    {
        long count = 1;
        foreach (long d in dims)
        {
            count *= d;
        }

        return count;
    }

    internal static int SizeOf(OnnxElementType type) => type switch
    {
        OnnxElementType.Float or OnnxElementType.Int32 => 4,
        OnnxElementType.Double or OnnxElementType.Int64 => 8,
        OnnxElementType.Bool or OnnxElementType.UInt8 or OnnxElementType.Int8 => 1,
        _ => throw new NotSupportedException($"Element type {type} is not supported for tensor data."),
    };

    internal static OnnxTensorData FromProto(TensorProto proto)
    {
        var type = (OnnxElementType)proto.DataType;
        long[] dims = [.. proto.Dims];
        long count = ElementCountOf(dims);
        byte[] bytes;
        if (proto.HasRawData)
        {
            bytes = proto.RawData.ToByteArray();
        }
        else
        {
            bytes = type switch
            {
                OnnxElementType.Float => MemoryMarshal.AsBytes(proto.FloatData.ToArray().AsSpan()).ToArray(),
                OnnxElementType.Double => MemoryMarshal.AsBytes(proto.DoubleData.ToArray().AsSpan()).ToArray(),
                OnnxElementType.Int64 => MemoryMarshal.AsBytes(proto.Int64Data.ToArray().AsSpan()).ToArray(),
                OnnxElementType.Int32 => MemoryMarshal.AsBytes(proto.Int32Data.ToArray().AsSpan()).ToArray(),
                OnnxElementType.Bool or OnnxElementType.UInt8 or OnnxElementType.Int8 => proto.Int32Data.Select(v => (byte)v).ToArray(),
                _ => throw new NotSupportedException($"Tensor '{proto.Name}' has element type {type}, which is not supported."),
            };
        }

        if (bytes.Length != count * SizeOf(type))
        {
            throw new InvalidDataException(
                $"Tensor '{proto.Name}' declares dims [{string.Join(", ", dims)}] ({count} elements of {type}) but holds {bytes.Length} bytes.");
        }

        return new OnnxTensorData(type, dims, bytes);
    }

    internal TensorProto ToProto(string name)
    {
        // No copy: the bytes are this instance's own and never written after construction, and a ByteString is read-only,
        // so sharing them cannot change either (a 200-factor model's tables are megabytes, copied on every export otherwise).
        var proto = new TensorProto { Name = name, DataType = (int)ElementType, RawData = UnsafeByteOperations.UnsafeWrap(_bytes) };
        proto.Dims.AddRange(_dims);
        return proto;
    }

    private static OnnxTensorData Create(OnnxElementType type, ReadOnlySpan<byte> bytes, int count, long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        foreach (long d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dims), $"Dimensions must be 0 or more; got [{string.Join(", ", dims)}].");
            }
        }

        long expected = ElementCountOf(dims);
        if (expected != count)
        {
            throw new ArgumentException($"Dims [{string.Join(", ", dims)}] need {expected} values but {count} were given.", nameof(dims));
        }

        byte[] copy = bytes.ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian; big-endian hosts are not supported.");
        }

        return new OnnxTensorData(type, (long[])dims.Clone(), copy);
    }

    private T[] As<T>(OnnxElementType expected)
        where T : unmanaged
    {
        if (ElementType != expected)
        {
            throw new InvalidOperationException($"The tensor holds {ElementType} values, not {expected}.");
        }

        return MemoryMarshal.Cast<byte, T>(_bytes).ToArray();
    }
}
