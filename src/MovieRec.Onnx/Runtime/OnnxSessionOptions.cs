namespace MovieRec.Onnx.Runtime;

/// <summary>How <see cref="OnnxSession.Create"/> sets up an ONNX Runtime session.</summary>
/// <remarks>
/// CUDA needs the application to reference Microsoft.ML.OnnxRuntime.Gpu (instead of Microsoft.ML.OnnxRuntime)
/// and a machine with the CUDA and cuDNN libraries that package was built for.
/// </remarks>
public sealed record OnnxSessionOptions
{
    /// <summary>Gets the device to run on; default <see cref="ExecutionDevice.Auto"/> (CUDA when it can be started, else the CPU).</summary>
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Auto;

    /// <summary>Gets the CUDA device ordinal used when the session runs on CUDA; default 0, the first GPU.</summary>
    public int CudaDeviceId { get; init; }

    /// <summary>Gets ONNX Runtime's intra-op thread count for the CPU; 0 (default) lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    internal void Validate()
    {
        if (!Enum.IsDefined(Device))
        {
            throw new ArgumentOutOfRangeException(nameof(Device), Device, $"Device = {Device} is not a device; expected Auto, Cpu or Cuda.");
        }

        if (CudaDeviceId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(CudaDeviceId), CudaDeviceId, $"CudaDeviceId = {CudaDeviceId}; expected 0 or more.");
        }

        if (IntraOpThreads is < 0 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, $"IntraOpThreads = {IntraOpThreads}; expected 0 (let ONNX Runtime choose) to 1024.");
        }
    }
}
