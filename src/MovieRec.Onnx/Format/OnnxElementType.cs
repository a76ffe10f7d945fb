namespace MovieRec.Onnx.Format;

/// <summary>
/// Element type of a tensor. The numeric values are those of the ONNX specification's
/// <c>TensorProto.DataType</c>, which ONNX Runtime's <c>ONNXTensorElementDataType</c> shares.
/// </summary>
public enum OnnxElementType
{
    /// <summary>No type given.</summary>
    Undefined = 0,

    /// <summary>32-bit IEEE float.</summary>
    Float = 1,

    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,

    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer (indices, shapes).</summary>
    Int64 = 7,

    /// <summary>UTF-8 string.</summary>
    String = 8,

    /// <summary>Boolean, one byte per element.</summary>
    Bool = 9,

    /// <summary>64-bit IEEE float (used by gradient checks).</summary>
    Double = 11,

    /// <summary>32-bit unsigned integer (an ML.NET UInt32 column read as ids).</summary>
    UInt32 = 12,
}
