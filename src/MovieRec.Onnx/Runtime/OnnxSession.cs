using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// An ONNX Runtime <see cref="InferenceSession"/> created on the device asked for, which says where it actually runs
/// and, after a fallback to the CPU, why.
/// </summary>
/// <remarks>
/// <para>This is the one place where MovieRec creates ONNX Runtime sessions: trainers, models and the command line
/// all come here. It is an ordinary <see cref="InferenceSession"/> otherwise: <c>Run</c>, <c>RunWithBinding</c> and
/// <c>CreateIoBinding</c> are ONNX Runtime's own, a session is safe to run from many threads at once, and
/// <see cref="IDisposable.Dispose"/> releases its native memory.</para>
/// <para>CUDA is tried only when the application references Microsoft.ML.OnnxRuntime.Gpu. ONNX Runtime lists the
/// CUDA provider whenever that package is present, even on a machine without CUDA, so the only proof that CUDA works
/// is appending the provider and starting a session on it. Once CUDA has failed for a device, later sessions skip
/// straight to the CPU with the same reason.</para>
/// </remarks>
public sealed class OnnxSession : InferenceSession
{
    private const string CudaProvider = "CUDAExecutionProvider";

    private static readonly ConcurrentDictionary<int, string> s_cudaFailures = new();

    private OnnxSession(byte[] model, SessionOptions options, ExecutionDevice device, int cudaDeviceId, string? fallbackReason)
        : base(model, options)
    {
        Device = device;
        CudaDeviceId = cudaDeviceId;
        FallbackReason = fallbackReason;
    }

    /// <summary>Gets the device the session runs on: <see cref="ExecutionDevice.Cpu"/> or <see cref="ExecutionDevice.Cuda"/>, never Auto.</summary>
    public ExecutionDevice Device { get; }

    /// <summary>Gets the CUDA device ordinal when <see cref="Device"/> is CUDA; otherwise -1.</summary>
    public int CudaDeviceId { get; }

    /// <summary>Gets why CUDA was not used when <see cref="ExecutionDevice.Auto"/> fell back to the CPU; otherwise null.</summary>
    public string? FallbackReason { get; }

    /// <summary>Gets the device as people write it: <c>CPU</c> or <c>CUDA:0</c>.</summary>
    public string DeviceName => Describe(Device, CudaDeviceId);

    /// <summary>Creates a session for a serialized ONNX model on the device the options ask for.</summary>
    /// <param name="model">The bytes of an ONNX model; copied by ONNX Runtime, not kept.</param>
    /// <param name="options">Device and threads; null uses the defaults (Auto).</param>
    /// <returns>The session; dispose it to release its native memory.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty, or an option is out of range.</exception>
    /// <exception cref="InvalidDataException">ONNX Runtime rejected the model; the message gives its reason.</exception>
    /// <exception cref="InvalidOperationException"><see cref="ExecutionDevice.Cuda"/> was asked for and CUDA cannot be
    /// started; the message gives the cause (for example the CUDA library that could not be loaded).</exception>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The session is returned; the caller owns it.")]
    public static OnnxSession Create(byte[] model, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Length == 0)
        {
            throw new ArgumentException("The model is empty (0 bytes); expected a serialized ONNX model.", nameof(model));
        }

        options ??= new OnnxSessionOptions();
        options.Validate();
        _ = OrtLog.Environment();
        if (options.Device == ExecutionDevice.Cpu)
        {
            return CreateOnCpu(model, options, fallbackReason: null);
        }

        string? reason = CudaUnavailable(options.CudaDeviceId);
        if (reason is null && TryCreateOnCuda(model, options, out var session, out reason))
        {
            return session;
        }

        if (options.Device == ExecutionDevice.Cuda)
        {
            throw new InvalidOperationException($"{Describe(ExecutionDevice.Cuda, options.CudaDeviceId)} was asked for but cannot be used: {reason}");
        }

        return CreateOnCpu(model, options, reason);
    }

    /// <summary>
    /// Runs the model on the values bound in <paramref name="binding"/> and, on CUDA, waits until the outputs bound to
    /// host memory hold the results, so that the caller can read them at once.
    /// </summary>
    internal void RunBound(RunOptions runOptions, OrtIoBinding binding)
    {
        RunWithBinding(runOptions, binding);
        if (Device == ExecutionDevice.Cuda)
        {
            binding.SynchronizeBoundOutputs();
        }
    }

    /// <summary>Why CUDA cannot be tried on a device without starting it, or null when it can be tried.</summary>
    internal static string? CudaUnavailable(int deviceId)
    {
        if (!OnnxRuntimeInfo.AvailableProviders.Contains(CudaProvider, StringComparer.Ordinal))
        {
            return "the ONNX Runtime in use has no CUDA execution provider; an application references Microsoft.ML.OnnxRuntime.Gpu instead of Microsoft.ML.OnnxRuntime to run on CUDA";
        }

        return s_cudaFailures.TryGetValue(deviceId, out var failure) ? failure : null;
    }

    internal static string Describe(ExecutionDevice device, int cudaDeviceId) =>
        device == ExecutionDevice.Cuda ? string.Create(CultureInfo.InvariantCulture, $"CUDA:{cudaDeviceId}") : "CPU";

    private static OnnxSession CreateOnCpu(byte[] model, OnnxSessionOptions options, string? fallbackReason)
    {
        using var native = NativeOptions(options);
        try
        {
            return new OnnxSession(model, native, ExecutionDevice.Cpu, -1, fallbackReason);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"ONNX Runtime could not load the model ({model.Length:N0} bytes): {OrtLog.Clean(e.Message)}"), e);
        }
    }

    private static bool TryCreateOnCuda(byte[] model, OnnxSessionOptions options, [NotNullWhen(true)] out OnnxSession? created, [NotNullWhen(false)] out string? reason)
    {
        created = null;
        int deviceId = options.CudaDeviceId;
        using var native = NativeOptions(options);
        OnnxRuntimeException? failure = null;
        var logged = OrtLog.Capture(() =>
        {
            try
            {
                native.AppendExecutionProvider_CUDA(deviceId);
            }
            catch (OnnxRuntimeException e)
            {
                failure = e;
            }
        });
        if (failure is not null)
        {
            reason = Remember(deviceId, failure, logged);
            return false;
        }

        OnnxSession? session = null;
        logged = OrtLog.Capture(() =>
        {
            try
            {
                session = new OnnxSession(model, native, ExecutionDevice.Cuda, deviceId, fallbackReason: null);
            }
            catch (OnnxRuntimeException e)
            {
                failure = e;
            }
        });
        if (session is not null)
        {
            created = session;
            reason = null;
            return true;
        }

        // The provider loaded but the session did not start on it (no device, a driver too old, ...) — or the model
        // itself is bad. The CPU tells which: a model the CPU rejects is reported as such.
        CreateOnCpu(model, options, fallbackReason: null).Dispose();
        reason = Remember(deviceId, failure!, logged);
        return false;
    }

    private static string Remember(int deviceId, OnnxRuntimeException failure, IReadOnlyList<string> logged)
    {
        string exception = OrtLog.Clean(failure.Message);
        string reason = logged.Count == 0 ? exception : string.Join("; ", logged) + " (" + exception + ")";
        if (s_cudaFailures.TryAdd(deviceId, reason))
        {
            Trace.TraceWarning("MovieRec: CUDA device {0} cannot be used; sessions asking for Auto run on the CPU: {1}", deviceId, reason);
        }

        return reason;
    }

    private static SessionOptions NativeOptions(OnnxSessionOptions options) => new()
    {
        IntraOpNumThreads = options.IntraOpThreads,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        LogId = "MovieRec",
    };
}
