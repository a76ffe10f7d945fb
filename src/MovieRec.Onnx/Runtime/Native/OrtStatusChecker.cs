using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MovieRec.Onnx.Runtime.Native;

/// <summary>
/// The one place where an <c>OrtStatus</c> returned by a C API call becomes an <see cref="OnnxRuntimeException"/>.
/// </summary>
internal static class OrtStatusChecker
{
    /// <summary>Throws when <paramref name="status"/> is not null (success); releases the status either way.</summary>
    [StackTraceHidden]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfFailed(nint status)
    {
        if (status != 0)
        {
            Throw(status, context: null);
        }
    }

    /// <summary>As <see cref="ThrowIfFailed(nint)"/>, with a sentence of context in front of the message.</summary>
    [StackTraceHidden]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfFailed(nint status, string context)
    {
        if (status != 0)
        {
            Throw(status, context);
        }
    }

    /// <summary>Turns a failed status into an exception (null for success) and releases the status.</summary>
    public static OnnxRuntimeException? ToException(nint status, string? context = null)
    {
        if (status == 0)
        {
            return null;
        }

        using var owned = new OrtStatusHandle(status);
        var code = (OrtErrorCode)OrtNative.GetErrorCode(status);
        var message = OrtNative.GetErrorMessage(status);
        return new OnnxRuntimeException(code, message, context, innerException: null);
    }

    [StackTraceHidden]
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(nint status, string? context) => throw ToException(status, context)!;
}
