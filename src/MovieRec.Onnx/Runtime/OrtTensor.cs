using System.Globalization;
using System.Runtime.CompilerServices;
using MovieRec.Onnx.Runtime.Native;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// A dense tensor that ONNX Runtime reads or writes in place: either managed memory pinned for the tensor's
/// life (no copies), or memory the runtime allocated for a <see cref="InferenceSession.Run(IReadOnlyDictionary{string, OrtTensor})"/> output.
/// </summary>
/// <remarks>
/// <para>Element types: <see cref="float"/>, <see cref="double"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="byte"/> and <see cref="bool"/> (ONNX <c>bool</c>, one byte per element).</para>
/// <para>A tensor made with <see cref="Create{T}(T[], ReadOnlySpan{long})"/> or
/// <see cref="Create{T}(Memory{T}, ReadOnlySpan{long})"/> shares the caller's memory: writing the array changes what
/// the next run reads, and an output tensor's array receives the results. The memory stays pinned until the tensor
/// is disposed (and no <see cref="OrtIoBinding"/> holds it), so dispose tensors you no longer need.</para>
/// <para>Reading the data (<see cref="GetSpan{T}"/>) while a run writes it gives undefined values; otherwise a
/// tensor may be used by several threads, and passed as an input to concurrent runs.</para>
/// </remarks>
public sealed class OrtTensor : IDisposable
{
    private readonly OrtValueHandle _handle;
    private readonly long[] _shape;
    private readonly nint _data;
    private volatile bool _disposed;

    private OrtTensor(OrtValueHandle handle, OrtElementType elementType, long[] shape, long elementCount, nint data)
    {
        _handle = handle;
        ElementType = elementType;
        _shape = shape;
        ElementCount = elementCount;
        _data = data;
    }

    /// <summary>The element type.</summary>
    public OrtElementType ElementType { get; }

    /// <summary>The dimensions.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements (the product of the dimensions; 1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => _disposed;

    internal OrtValueHandle Handle => _handle;

    /// <summary>
    /// Wraps a managed array without copying it; the array is pinned until the tensor is disposed.
    /// </summary>
    /// <typeparam name="T">Element type: <see cref="float"/>, <see cref="double"/>, <see cref="int"/>, <see cref="long"/>, <see cref="byte"/> or <see cref="bool"/>.</typeparam>
    /// <param name="data">The elements in row-major order; its length must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions, each 0 or more; empty for a scalar.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The length does not match the shape, or a dimension is negative.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported element type.</exception>
    public static OrtTensor Create<T>(T[] data, params ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return Create(new Memory<T>(data), shape);
    }

    /// <summary>
    /// Wraps managed (or native) memory without copying it; the memory is pinned until the tensor is disposed.
    /// </summary>
    /// <typeparam name="T">Element type: <see cref="float"/>, <see cref="double"/>, <see cref="int"/>, <see cref="long"/>, <see cref="byte"/> or <see cref="bool"/>.</typeparam>
    /// <param name="data">The elements in row-major order; its length must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">The dimensions, each 0 or more; empty for a scalar.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentException">The length does not match the shape, or a dimension is negative.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported element type.</exception>
    public static unsafe OrtTensor Create<T>(Memory<T> data, params ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        var elementType = ElementTypeOf<T>();
        var count = CountElements(shape, nameof(shape));
        if (data.Length != count)
        {
            throw new ArgumentException(
                $"The data has {data.Length} elements but shape {Format(shape)} needs {count}.", nameof(data));
        }

        var pin = data.Pin();
        OrtValueHandle? handle = null;
        try
        {
            handle = OrtNative.CreateTensor((nint)pin.Pointer, count * sizeof(T), shape, elementType);
            handle.AttachPin(pin);
            var tensor = new OrtTensor(handle, elementType, shape.ToArray(), count, (nint)pin.Pointer);
            handle = null;
            return tensor;
        }
        catch
        {
            if (handle is null)
            {
                pin.Dispose();
            }

            handle?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Allocates a zeroed tensor in memory that never moves (the pinned object heap), for example to receive a
    /// run's outputs in place.
    /// </summary>
    /// <typeparam name="T">Element type: <see cref="float"/>, <see cref="double"/>, <see cref="int"/>, <see cref="long"/>, <see cref="byte"/> or <see cref="bool"/>.</typeparam>
    /// <param name="shape">The dimensions, each 0 or more; empty for a scalar.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentException">A dimension is negative or the tensor is too large for one array.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported element type.</exception>
    public static OrtTensor Allocate<T>(params ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        ElementTypeOf<T>();
        var count = CountElements(shape, nameof(shape));
        if (count > Array.MaxLength)
        {
            throw new ArgumentException($"Shape {Format(shape)} has {count} elements, more than one array holds ({Array.MaxLength}).", nameof(shape));
        }

        return Create(new Memory<T>(GC.AllocateArray<T>((int)count, pinned: true)), shape);
    }

    /// <summary>Wraps a value the runtime allocated (a run's output); takes ownership of it.</summary>
    internal static OrtTensor FromNative(nint value, string outputName)
    {
        var handle = new OrtValueHandle();
        handle.Attach(value);
        try
        {
            if (!OrtNative.IsTensor(value))
            {
                throw new NotSupportedException($"Output '{outputName}' is not a tensor (sequences and maps are not supported).");
            }

            var (elementType, shape) = OrtNative.GetTensorTypeAndShape(value);
            var count = CountElements(shape, nameof(value));
            return new OrtTensor(handle, elementType, shape, count, OrtNative.GetTensorData(value));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The elements, in row-major order, without copying.</summary>
    /// <typeparam name="T">Must match <see cref="ElementType"/>.</typeparam>
    /// <returns>A span over the tensor's memory, valid until the tensor is disposed.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match <see cref="ElementType"/>, or the tensor has more than <see cref="int.MaxValue"/> elements.</exception>
    public unsafe Span<T> GetSpan<T>()
        where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (ElementTypeOf<T>() != ElementType)
        {
            throw new InvalidOperationException(
                $"The tensor holds {ElementType} elements; it cannot be read as {typeof(T).Name} ({ElementTypeOf<T>()}).");
        }

        if (ElementCount > int.MaxValue)
        {
            throw new InvalidOperationException($"The tensor has {ElementCount} elements, too many for one span.");
        }

        return new Span<T>((void*)_data, (int)ElementCount);
    }

    /// <summary>Copies the elements into a new array.</summary>
    /// <typeparam name="T">Must match <see cref="ElementType"/>.</typeparam>
    /// <returns>The elements in row-major order.</returns>
    /// <exception cref="ObjectDisposedException">The tensor was disposed.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match <see cref="ElementType"/>.</exception>
    public T[] ToArray<T>()
        where T : unmanaged => GetSpan<T>().ToArray();

    /// <summary>Releases the native value and unpins the memory (deferred while an <see cref="OrtIoBinding"/> or a running call holds it). Calling it again does nothing.</summary>
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    /// <summary>A description such as <c>Float[256, 200]</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => ElementType + Format(_shape);

    /// <summary>The element type that <typeparamref name="T"/> stands for.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not supported.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static OrtElementType ElementTypeOf<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return OrtElementType.Float;
        }

        if (typeof(T) == typeof(long))
        {
            return OrtElementType.Int64;
        }

        if (typeof(T) == typeof(bool))
        {
            return OrtElementType.Bool;
        }

        if (typeof(T) == typeof(int))
        {
            return OrtElementType.Int32;
        }

        if (typeof(T) == typeof(double))
        {
            return OrtElementType.Double;
        }

        if (typeof(T) == typeof(byte))
        {
            return OrtElementType.UInt8;
        }

        throw new NotSupportedException(
            $"Tensors of {typeof(T).Name} are not supported; use float, double, int, long, byte or bool.");
    }

    internal static string Format(ReadOnlySpan<long> shape)
    {
        var parts = new string[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    private static long CountElements(ReadOnlySpan<long> shape, string parameterName)
    {
        long count = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                throw new ArgumentException(
                    $"Dimension {i} of shape {Format(shape)} is {shape[i]}; dimensions must be 0 or more.", parameterName);
            }

            count = checked(count * shape[i]);
        }

        return count;
    }
}
