namespace MovieRec.Onnx.Runtime;

/// <summary>Where ONNX Runtime runs a model: the device asked for in <see cref="OnnxSessionOptions.Device"/>.</summary>
public enum ExecutionDevice
{
    /// <summary>CUDA when it can be started, otherwise the CPU; the reason for falling back is kept on the session.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>A CUDA GPU; creating a session fails, naming the cause, when CUDA cannot be started.</summary>
    Cuda,
}
