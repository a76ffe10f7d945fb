using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// A tensor whose elements live in a managed array on the pinned object heap, seen by ONNX Runtime as an
/// <see cref="OrtValue"/> over that same memory: the trainer and the scorers write inputs and read outputs through
/// <see cref="Span{T}"/> with no copy and no allocation, and bind <see cref="Value"/> once to an
/// <see cref="OrtIoBinding"/>.
/// </summary>
internal sealed class PinnedTensor : IDisposable
{
    private readonly Array _data;
    private readonly long[] _shape;

    private PinnedTensor(Array data, OrtValue value, TensorElementType elementType, long[] shape)
    {
        _data = data;
        Value = value;
        ElementType = elementType;
        _shape = shape;
    }

    /// <summary>Gets the ONNX Runtime value over the array.</summary>
    public OrtValue Value { get; }

    /// <summary>Gets the element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>Gets the shape.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>Gets the number of elements.</summary>
    public int ElementCount => _data.Length;

    /// <summary>Allocates a zeroed tensor.</summary>
    public static PinnedTensor Allocate<T>(params long[] shape)
        where T : unmanaged
    {
        long count = 1;
        foreach (long d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            count = checked(count * d);
        }

        var data = GC.AllocateArray<T>(checked((int)count), pinned: true);
        var value = OrtValue.CreateTensorValueFromMemory(data, shape);
        return new PinnedTensor(data, value, value.GetTensorTypeAndShape().ElementDataType, shape);
    }

    /// <summary>The elements, row-major.</summary>
    /// <exception cref="InvalidCastException">The tensor holds another element type.</exception>
    public Span<T> GetSpan<T>()
        where T : unmanaged => ((T[])_data).AsSpan();

    /// <inheritdoc />
    public void Dispose() => Value.Dispose();
}
