namespace MovieRec.Onnx.Runtime;

/// <summary>
/// The error codes ONNX Runtime reports with a failed call (the C API's <c>OrtErrorCode</c>).
/// </summary>
/// <remarks>Newer runtimes may report codes not listed here; they keep their numeric value.</remarks>
public enum OrtErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,

    /// <summary>An unspecified failure.</summary>
    Fail = 1,

    /// <summary>An argument was invalid, for example an unknown input name.</summary>
    InvalidArgument = 2,

    /// <summary>A file (for example the model) does not exist.</summary>
    NoSuchFile = 3,

    /// <summary>No model is loaded.</summary>
    NoModel = 4,

    /// <summary>The execution engine failed.</summary>
    EngineError = 5,

    /// <summary>An exception was raised while running, for example a shape mismatch inside an operator.</summary>
    RuntimeException = 6,

    /// <summary>The model bytes are not a valid ONNX protobuf.</summary>
    InvalidProtobuf = 7,

    /// <summary>A model is already loaded.</summary>
    ModelLoaded = 8,

    /// <summary>The requested feature or operator is not implemented in this build.</summary>
    NotImplemented = 9,

    /// <summary>The graph is structurally invalid (type or shape inference failed, unknown operator, ...).</summary>
    InvalidGraph = 10,

    /// <summary>An execution provider failed.</summary>
    ExecutionProviderFail = 11,

    /// <summary>Model loading was cancelled.</summary>
    ModelLoadCanceled = 12,

    /// <summary>The model needs compiling by an execution provider, which was disabled.</summary>
    ModelRequiresCompilation = 13,

    /// <summary>A requested resource was not found.</summary>
    NotFound = 14,
}
