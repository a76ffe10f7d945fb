using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using MovieRec.Onnx.Protos;
using MovieRec.Onnx.Runtime.Native;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// Facts about the loaded ONNX Runtime: version, build, execution providers, and whether CUDA works here
/// (what <c>movierec info</c> prints).
/// </summary>
public static class OrtInfo
{
    /// <summary>The library's version string, for example <c>1.30.0</c>.</summary>
    /// <exception cref="DllNotFoundException">The native library was not found.</exception>
    public static string Version => OrtLibrary.Version;

    /// <summary>The file the library was loaded from.</summary>
    /// <exception cref="DllNotFoundException">The native library was not found.</exception>
    public static string LibraryPath => OrtLibrary.LoadedPath;

    /// <summary>
    /// The library's build description (git branch, commit, build type), or a sentence saying why it is not
    /// available (runtimes older than 1.15 do not report it).
    /// </summary>
    /// <exception cref="DllNotFoundException">The native library was not found.</exception>
    public static string BuildInfo => OrtNative.TryGetBuildInfo(out var reason) ?? "not available: " + reason;

    /// <summary>
    /// The execution providers compiled into the library (for example <c>CPUExecutionProvider</c>,
    /// <c>CUDAExecutionProvider</c>).
    /// </summary>
    /// <remarks>A provider listed here may still fail to start (its own library, the driver or the device may be
    /// missing); <see cref="TryEnableCuda"/> finds out.</remarks>
    /// <exception cref="DllNotFoundException">The native library was not found.</exception>
    public static IReadOnlyList<string> AvailableProviders => OrtNative.GetAvailableProviders();

    /// <summary>
    /// Tries to start a session on the CUDA execution provider, and says why it cannot when it cannot.
    /// </summary>
    /// <param name="deviceId">CUDA device ordinal, 0 or more (0 is the first GPU).</param>
    /// <param name="reason">When the result is false, ONNX Runtime's reason (for example that the CUDA provider library
    /// failed to load); otherwise null.</param>
    /// <returns>Whether a session can run on that GPU.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deviceId"/> is negative.</exception>
    /// <exception cref="DllNotFoundException">The native library was not found.</exception>
    public static bool TryEnableCuda(int deviceId, [NotNullWhen(false)] out string? reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceId);
        var options = new SessionOptions { ExecutionProvider = ExecutionProvider.Cuda(deviceId), IntraOpThreads = 1 };
        using var session = InferenceSession.FromBytes(ProbeModel(), options, quiet: true);
        reason = session.FallbackReason;
        return reason is null;
    }

    /// <summary>The smallest useful model: y = Identity(x) over a float vector (opset 17, IR version 8).</summary>
    private static byte[] ProbeModel()
    {
        static ValueInfoProto Vector(string name) => new()
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)TensorProto.Types.DataType.Float,
                    Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimParam = "n" } } },
                },
            },
        };

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "MovieRec",
            OpsetImport = { new OperatorSetIdProto { Domain = string.Empty, Version = 17 } },
            Graph = new GraphProto
            {
                Name = "cuda_probe",
                Node = { new NodeProto { OpType = "Identity", Input = { "x" }, Output = { "y" } } },
                Input = { Vector("x") },
                Output = { Vector("y") },
            },
        };
        return model.ToByteArray();
    }
}
