using System.Diagnostics.CodeAnalysis;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Runtime;

/// <summary>The ONNX Runtime in use: its version, its execution providers, and whether CUDA can be started.</summary>
public static class OnnxRuntimeInfo
{
    private static readonly Lazy<string[]> s_providers = new(() => OrtLog.Environment().GetAvailableProviders());

    /// <summary>
    /// Checks that ONNX Runtime's native library loads, so that a route which reaches ONNX Runtime only after other work
    /// (an ML.NET estimator whose model runs in ML.NET's OnnxTransformer) fails first, with the sentence naming the
    /// package to add, instead of a <see cref="DllNotFoundException"/> at the end.
    /// </summary>
    /// <exception cref="InvalidOperationException">The application references no ONNX Runtime native package (the
    /// message names Microsoft.ML.OnnxRuntime and Microsoft.ML.OnnxRuntime.Gpu).</exception>
    public static void EnsureNativeLibrary() => _ = OrtLog.Environment();

    /// <summary>Gets the version of the native ONNX Runtime library, for example <c>1.32.0</c>.</summary>
    public static string Version => OrtLog.Environment().GetVersionString();

    /// <summary>Gets the version of the managed API assembly (Microsoft.ML.OnnxRuntime.Managed).</summary>
    public static string ManagedVersion => typeof(InferenceSession).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    /// <summary>
    /// Gets the execution providers compiled into the native library, for example <c>CPUExecutionProvider</c>. A provider
    /// listed here may still fail to start: ONNX Runtime lists CUDA whenever Microsoft.ML.OnnxRuntime.Gpu is referenced,
    /// CUDA or not; <see cref="TryStartCuda"/> finds out.
    /// </summary>
    public static IReadOnlyList<string> AvailableProviders => s_providers.Value;

    /// <summary>Gets a value indicating whether MovieRec's log callback is attached, so that causes ONNX Runtime only
    /// logs (such as a missing CUDA library) can be reported; false when the application created ONNX Runtime's
    /// environment first.</summary>
    public static bool CapturesLog => OrtLog.Attached;

    /// <summary>Starts a tiny session on a CUDA device and says why it cannot when it cannot.</summary>
    /// <param name="deviceId">CUDA device ordinal, 0 or more.</param>
    /// <param name="reason">When the result is false, the cause (for example the CUDA library that could not be
    /// loaded); otherwise null.</param>
    /// <returns>Whether sessions can run on that GPU.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deviceId"/> is negative.</exception>
    public static bool TryStartCuda(int deviceId, [NotNullWhen(false)] out string? reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceId);
        try
        {
            using var session = OnnxSession.Create(ProbeModel(), new OnnxSessionOptions { Device = ExecutionDevice.Cuda, CudaDeviceId = deviceId, IntraOpThreads = 1 });
            reason = null;
            return true;
        }
        catch (InvalidOperationException e)
        {
            reason = OnnxSession.CudaUnavailable(deviceId) ?? e.Message;
            return false;
        }
    }

    /// <summary>The smallest model: y = Identity(x) over a float vector.</summary>
    private static byte[] ProbeModel()
    {
        var g = new OnnxGraphBuilder("cuda_probe");
        var x = g.AddInput("x", OnnxElementType.Float, "n");
        g.AddOutput(g.AddNode("Identity", [x], outputName: "y"), OnnxElementType.Float, "n");
        return g.Build().ToBytes();
    }
}
