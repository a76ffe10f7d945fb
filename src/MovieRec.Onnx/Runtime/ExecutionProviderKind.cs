namespace MovieRec.Onnx.Runtime;

/// <summary>The hardware back end an <see cref="ExecutionProvider"/> names.</summary>
public enum ExecutionProviderKind
{
    /// <summary>ONNX Runtime's CPU kernels (always available).</summary>
    Cpu = 0,

    /// <summary>NVIDIA CUDA (needs a CUDA-enabled ONNX Runtime build, its provider library and a GPU).</summary>
    Cuda = 1,
}
