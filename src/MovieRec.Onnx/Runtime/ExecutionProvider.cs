using System.Globalization;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// Where a session runs its kernels: <see cref="Cpu"/> or <see cref="Cuda(int)"/> on one GPU.
/// </summary>
/// <remarks>
/// A CUDA request is best effort: when the provider cannot be enabled (no CUDA-enabled runtime, provider
/// library or driver missing, no such device) the session is built on the CPU and
/// <see cref="InferenceSession.FallbackReason"/> says why.
/// </remarks>
public sealed record ExecutionProvider
{
    private ExecutionProvider(ExecutionProviderKind kind, int deviceId)
    {
        Kind = kind;
        DeviceId = deviceId;
    }

    /// <summary>The CPU provider.</summary>
    public static ExecutionProvider Cpu { get; } = new(ExecutionProviderKind.Cpu, 0);

    /// <summary>The back end.</summary>
    public ExecutionProviderKind Kind { get; }

    /// <summary>The GPU ordinal for <see cref="ExecutionProviderKind.Cuda"/>; 0 for the CPU.</summary>
    public int DeviceId { get; }

    /// <summary>The CUDA provider on one GPU.</summary>
    /// <param name="deviceId">CUDA device ordinal, 0 or more (default 0, the first GPU).</param>
    /// <returns>The provider description.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deviceId"/> is negative.</exception>
    public static ExecutionProvider Cuda(int deviceId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceId);
        return new ExecutionProvider(ExecutionProviderKind.Cuda, deviceId);
    }

    /// <summary>A short description: <c>CPU</c> or <c>CUDA:0</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        Kind == ExecutionProviderKind.Cuda ? "CUDA:" + DeviceId.ToString(CultureInfo.InvariantCulture) : "CPU";
}
