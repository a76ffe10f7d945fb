using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// ONNX Runtime's process-wide environment with a log callback, so that the cause of a failure that ONNX Runtime
/// only logs (a CUDA library that cannot be loaded, for example) can be shown to the user.
/// </summary>
/// <remarks>
/// ONNX Runtime writes such causes to its logger, not into the exception it throws. When MovieRec is the first to
/// use ONNX Runtime in the process it creates the environment with a callback: messages logged on a thread inside
/// <see cref="Capture"/> are collected for that thread; other warnings and errors go to <see cref="Trace"/>. When the
/// application created the environment first, nothing can be collected and reasons are ONNX Runtime's exception
/// messages alone.
/// </remarks>
internal static partial class OrtLog
{
    private const string LogId = "MovieRec";

    [ThreadStatic]
    private static List<string>? t_messages;

    // Kept in a static field so that the delegate handed to native code is never collected.
    private static readonly DOrtLoggingFunction s_callback = OnLog;
    private static readonly Lazy<bool> s_attached = new(Attach, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets a value indicating whether the environment carries MovieRec's log callback.</summary>
    public static bool Attached => s_attached.Value;

    /// <summary>Creates the environment (with the callback, when it does not exist yet) and returns it.</summary>
    public static OrtEnv Environment()
    {
        _ = s_attached.Value;
        return OrtEnv.Instance();
    }

    /// <summary>Runs <paramref name="action"/> and returns what ONNX Runtime logged on this thread meanwhile, cleaned.</summary>
    public static IReadOnlyList<string> Capture(Action action)
    {
        _ = s_attached.Value;
        var outer = t_messages;
        var messages = new List<string>();
        t_messages = messages;
        try
        {
            action();
        }
        finally
        {
            t_messages = outer;
        }

        return messages;
    }

    /// <summary>
    /// The explanation inside an ONNX Runtime message, without the source file, function signature and status
    /// prefix that precede it.
    /// </summary>
    public static string Clean(string message)
    {
        var match = StatusPrefix().Match(message);
        string text = match.Success ? message[(match.Index + match.Length)..] : message;
        return text.Trim();
    }

    private static bool Attach()
    {
        try
        {
            return TryAttach();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException { InnerException: DllNotFoundException })
        {
            throw new InvalidOperationException(
                "The ONNX Runtime native library was not found. MovieRec.Onnx references only ONNX Runtime's managed API: the application references one native package, "
                + "Microsoft.ML.OnnxRuntime (CPU) or Microsoft.ML.OnnxRuntime.Gpu (CUDA), at the version of Microsoft.ML.OnnxRuntime.Managed it uses.",
                e);
        }
    }

    private static bool TryAttach()
    {
        if (OrtEnv.IsCreated)
        {
            return false;
        }

        var options = new EnvironmentCreationOptions
        {
            logId = LogId,
            logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
            loggingFunction = s_callback,
        };
        try
        {
            // The environment is process-wide and lives until the process exits; OrtEnv.Instance() returns it.
#pragma warning disable CA2000
            OrtEnv.CreateInstanceWithOptions(ref options);
#pragma warning restore CA2000
            return true;
        }
        catch (OnnxRuntimeException)
        {
            // Another thread (or the application) created the environment meanwhile.
            return false;
        }
    }

    private static void OnLog(IntPtr param, OrtLoggingLevel severity, string category, string logId, string codeLocation, string message)
    {
        try
        {
            if (t_messages is { } messages)
            {
                messages.Add(Clean(message));
            }
            else if (severity >= OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR)
            {
                Trace.TraceError("ONNX Runtime: {0}", Clean(message));
            }
            else
            {
                Trace.TraceWarning("ONNX Runtime: {0}", Clean(message));
            }
        }
#pragma warning disable CA1031 // An exception must never unwind into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    [GeneratedRegex(@"\[ONNXRuntimeError\] : \d+ : [A-Z_]+ : ")]
    private static partial Regex StatusPrefix();
}
