namespace MovieRec.Data;

/// <summary>
/// A dataset file does not have the expected format. The message names the file, the 1-based line
/// number and the offending text.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates an exception with a plain message.</summary>
    public DataFormatException()
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public DataFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a bad line.</summary>
    /// <param name="filePath">The file being read.</param>
    /// <param name="lineNumber">The 1-based physical line number, or 0 when the error concerns the whole file.</param>
    /// <param name="lineText">The offending text (shortened when long).</param>
    /// <param name="reason">What is wrong with it.</param>
    public DataFormatException(string filePath, long lineNumber, string lineText, string reason)
        : base(FormatMessage(filePath, lineNumber, lineText, reason))
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        LineText = lineText;
        Reason = reason;
    }

    /// <summary>The file being read, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based physical line number; 0 when the error concerns the whole file.</summary>
    public long LineNumber { get; }

    /// <summary>The offending text, shortened to at most 200 characters.</summary>
    public string? LineText { get; }

    /// <summary>What is wrong with the line.</summary>
    public string? Reason { get; }

    internal static string FormatMessage(string filePath, long lineNumber, string lineText, string reason) =>
        lineNumber > 0
            ? $"{filePath}({lineNumber}): {reason}: \"{lineText}\""
            : $"{filePath}: {reason}";
}
