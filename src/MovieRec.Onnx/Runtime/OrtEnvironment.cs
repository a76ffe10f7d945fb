using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MovieRec.Onnx.Runtime.Native;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// The process-wide ONNX Runtime environment: owns the runtime's logging and lives until the process exits.
/// Every <see cref="InferenceSession"/> is created in it.
/// </summary>
/// <remarks>
/// ONNX Runtime's own log sink writes coloured lines to standard error. MovieRec replaces it: every message at or
/// above <see cref="LogLevel"/> (default <see cref="OrtLogLevel.Warning"/>) goes to <see cref="LogSink"/>, and is
/// dropped when no sink is set, so a program's output stays clean unless it asks for the log.
/// </remarks>
public sealed unsafe class OrtEnvironment
{
    /// <summary>The log identifier ONNX Runtime puts on the environment's messages.</summary>
    public const string LogId = "MovieRec";

    private static readonly Lock s_lock = new();
    private static volatile OrtEnvironment? s_instance;
    private static volatile Action<OrtLogLevel, string, string>? s_logSink;
    private static volatile int s_logLevel = (int)OrtLogLevel.Warning;

    private OrtEnvironment(OrtEnvHandle handle) => Handle = handle;

    /// <summary>The environment, created (and the native library loaded) on first use.</summary>
    /// <exception cref="DllNotFoundException">The native library was not found; the message says where MovieRec looked.</exception>
    /// <exception cref="OnnxRuntimeException">The library is too old, or the environment could not be created.</exception>
    public static OrtEnvironment Instance
    {
        get
        {
            var instance = s_instance;
            return instance ?? Create();
        }
    }

    /// <summary>
    /// Receives ONNX Runtime's log messages: severity, source (the session's log id, or the category) and text.
    /// <see langword="null"/> (the default) drops them.
    /// </summary>
    /// <remarks>The sink is called on ONNX Runtime's threads, possibly concurrently; it must be thread-safe and
    /// quick. Exceptions it throws are swallowed.</remarks>
    public Action<OrtLogLevel, string, string>? LogSink
    {
        get => s_logSink;
        set => s_logSink = value;
    }

    /// <summary>
    /// The least severe message the environment passes on (default <see cref="OrtLogLevel.Warning"/>). A session can
    /// override it for its own messages with <see cref="SessionOptions.LogLevel"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">Set with a runtime older than 1.14, which cannot change it after start-up.</exception>
    public OrtLogLevel LogLevel
    {
        get => (OrtLogLevel)s_logLevel;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Expected Verbose, Info, Warning, Error or Fatal.");
            }

            var reason = OrtNative.TryUpdateEnvLogLevel(Handle, value);
            if (reason is not null)
            {
                throw new NotSupportedException("The ONNX Runtime log level cannot be changed: " + reason + ".");
            }

            s_logLevel = (int)value;
        }
    }

    /// <summary>The loaded library's version, for example <c>1.30.0</c>.</summary>
    public string Version => OrtLibrary.Version;

    internal OrtEnvHandle Handle { get; }

    /// <summary>Sends a message of MovieRec's own (for example a provider fallback) through the same sink.</summary>
    internal static void Log(OrtLogLevel level, string message)
    {
        if ((int)level >= s_logLevel)
        {
            Deliver(level, LogId, message);
        }
    }

    private static OrtEnvironment Create()
    {
        lock (s_lock)
        {
            if (s_instance is null)
            {
                var handle = OrtNative.CreateEnvWithCustomLogger(&OnLog, (OrtLogLevel)s_logLevel, LogId);
                s_instance = new OrtEnvironment(handle);
            }

            return s_instance;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(nint param, int severity, byte* category, byte* logId, byte* codeLocation, byte* message)
    {
        try
        {
            if (s_logSink is null)
            {
                return;
            }

            var source = Marshal.PtrToStringUTF8((nint)logId);
            if (string.IsNullOrEmpty(source))
            {
                source = Marshal.PtrToStringUTF8((nint)category) ?? string.Empty;
            }

            Deliver((OrtLogLevel)severity, source, Marshal.PtrToStringUTF8((nint)message) ?? string.Empty);
        }
#pragma warning disable CA1031 // An exception must never unwind into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void Deliver(OrtLogLevel level, string source, string message)
    {
        try
        {
            s_logSink?.Invoke(level, source, message);
        }
#pragma warning disable CA1031 // A faulty sink must not break the runtime's logging thread or the caller.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
