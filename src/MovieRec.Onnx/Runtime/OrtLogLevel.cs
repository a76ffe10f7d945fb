namespace MovieRec.Onnx.Runtime;

/// <summary>Severity of an ONNX Runtime log message (the C API's <c>OrtLoggingLevel</c>).</summary>
public enum OrtLogLevel
{
    /// <summary>Detailed tracing: graph transformations, kernel placement, memory planning.</summary>
    Verbose = 0,

    /// <summary>Informational messages.</summary>
    Info = 1,

    /// <summary>Something unexpected that ONNX Runtime worked around.</summary>
    Warning = 2,

    /// <summary>An operation failed.</summary>
    Error = 3,

    /// <summary>An unrecoverable failure.</summary>
    Fatal = 4,
}
