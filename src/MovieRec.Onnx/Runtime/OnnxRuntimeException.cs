using System.Text;
using System.Text.RegularExpressions;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// A failure reported by ONNX Runtime: carries its <see cref="OrtErrorCode"/> and message.
/// </summary>
/// <remarks>
/// Messages raised inside ONNX Runtime often start with the C++ source location and the signature of the
/// function that failed (<c>/onnxruntime_src/.../model.cc:180 onnxruntime::Model::Model(...) Unsupported model
/// IR version</c>). <see cref="Exception.Message"/> keeps the readable part; <see cref="Details"/> keeps the
/// message exactly as ONNX Runtime produced it.
/// </remarks>
public sealed partial class OnnxRuntimeException : Exception
{
    /// <summary>Creates an exception with code <see cref="OrtErrorCode.Fail"/>.</summary>
    public OnnxRuntimeException()
        : this(OrtErrorCode.Fail, "ONNX Runtime reported an error.")
    {
    }

    /// <summary>Creates an exception with code <see cref="OrtErrorCode.Fail"/>.</summary>
    /// <param name="message">What failed.</param>
    public OnnxRuntimeException(string message)
        : this(OrtErrorCode.Fail, message)
    {
    }

    /// <summary>Creates an exception with code <see cref="OrtErrorCode.Fail"/> wrapping another.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public OnnxRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = OrtErrorCode.Fail;
        Details = message;
    }

    /// <summary>Creates an exception for an ONNX Runtime status.</summary>
    /// <param name="errorCode">The code ONNX Runtime reported.</param>
    /// <param name="message">The message ONNX Runtime reported, whole; the readable part becomes <see cref="Exception.Message"/>.</param>
    public OnnxRuntimeException(OrtErrorCode errorCode, string message)
        : this(errorCode, message, context: null, innerException: null)
    {
    }

    internal OnnxRuntimeException(OrtErrorCode errorCode, string nativeMessage, string? context, Exception? innerException)
        : base(Compose(errorCode, nativeMessage, context), innerException)
    {
        ErrorCode = errorCode;
        Details = nativeMessage;
    }

    /// <summary>The error code ONNX Runtime reported.</summary>
    public OrtErrorCode ErrorCode { get; }

    /// <summary>The message exactly as ONNX Runtime reported it, including any C++ source location.</summary>
    public string Details { get; }

    /// <summary>Returns the same failure with a sentence of context (model path, input name) in front.</summary>
    internal OnnxRuntimeException WithContext(string context) => new(ErrorCode, Details, context, innerException: null);

    private static string Compose(OrtErrorCode errorCode, string nativeMessage, string? context)
    {
        var builder = new StringBuilder();
        if (context is not null)
        {
            builder.Append(context).Append(": ");
        }

        builder.Append(Summarize(nativeMessage)).Append(" (ONNX Runtime error ").Append(errorCode).Append(')');
        return builder.ToString();
    }

    /// <summary>
    /// Removes C++ source locations (<c>file.cc:123</c>) and the function signature that follows them, keeping
    /// the text before and the explanation after, and the <c>[ONNXRuntimeError] : 1 : FAIL :</c> prefix that
    /// statuses passed through other language bindings carry.
    /// </summary>
    internal static string Summarize(string message)
    {
        var text = StatusPrefix().Replace(message.Trim(), string.Empty);
        for (var guard = 0; guard < 8; guard++)
        {
            var match = SourceLocation().Match(text);
            if (!match.Success)
            {
                break;
            }

            var rest = match.Index + match.Length;
            var open = text.IndexOf('(', rest);
            // A signature is "[return type ]qualified::name(arguments)[ const]": a '(' soon after the location,
            // with a scope operator before it.
            if (open > 0 && text.AsSpan(rest, open - rest).Contains("::", StringComparison.Ordinal)
                && text.AsSpan(rest, open - rest).Count(' ') <= 3)
            {
                var close = MatchingParenthesis(text, open);
                if (close > 0)
                {
                    rest = close + 1;
                    if (text.AsSpan(rest).StartsWith(" const", StringComparison.Ordinal))
                    {
                        rest += " const".Length;
                    }
                }
            }

            var before = text[..match.Index].TrimEnd();
            var after = text[rest..].Trim();
            text = before.Length == 0 ? after : after.Length == 0 ? before : before + " " + after;
        }

        return text.Length == 0 ? message.Trim() : text;
    }

    private static int MatchingParenthesis(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^\[ONNXRuntimeError\] : \d+ : \w+ : ")]
    private static partial Regex StatusPrefix();

    [GeneratedRegex(@"(?:[A-Za-z]:)?[\\/]?(?:[\w.\-]+[\\/])*[\w.\-]+\.(?:cc|cpp|cxx|c|h|hpp|cu|cuh|mm):\d+\s*")]
    private static partial Regex SourceLocation();
}
