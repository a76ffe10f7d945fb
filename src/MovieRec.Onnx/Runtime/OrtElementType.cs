namespace MovieRec.Onnx.Runtime;

/// <summary>
/// Element type of a tensor, numbered as ONNX's <c>TensorProto.DataType</c> (and ONNX Runtime's
/// <c>ONNXTensorElementDataType</c>).
/// </summary>
/// <remarks>
/// <see cref="OrtTensor"/> holds <see cref="Float"/> (<see cref="float"/>), <see cref="Double"/>
/// (<see cref="double"/>), <see cref="Int32"/> (<see cref="int"/>), <see cref="Int64"/> (<see cref="long"/>),
/// <see cref="UInt8"/> (<see cref="byte"/>) and <see cref="Bool"/> (<see cref="bool"/>, one byte per element);
/// the other values only describe model inputs and outputs.
/// </remarks>
public enum OrtElementType
{
    /// <summary>Not a tensor, or the type is unknown.</summary>
    Undefined = 0,

    /// <summary>32-bit IEEE float.</summary>
    Float = 1,

    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,

    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,

    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16 = 4,

    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 5,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,

    /// <summary>Variable-length UTF-8 string.</summary>
    String = 8,

    /// <summary>Boolean, one byte per element.</summary>
    Bool = 9,

    /// <summary>16-bit IEEE float.</summary>
    Float16 = 10,

    /// <summary>64-bit IEEE float.</summary>
    Double = 11,

    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 12,

    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64 = 13,

    /// <summary>Complex number of two 32-bit floats.</summary>
    Complex64 = 14,

    /// <summary>Complex number of two 64-bit floats.</summary>
    Complex128 = 15,

    /// <summary>Brain floating point (16 bits).</summary>
    BFloat16 = 16,
}
