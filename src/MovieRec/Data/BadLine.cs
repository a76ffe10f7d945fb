namespace MovieRec.Data;

/// <summary>One line that a loader rejected.</summary>
/// <param name="FilePath">The file it came from.</param>
/// <param name="LineNumber">Its 1-based physical line number.</param>
/// <param name="Text">The line's text, shortened to at most 200 characters.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record BadLine(string FilePath, long LineNumber, string Text, string Reason)
{
    /// <summary>The line as "file(line): reason: text".</summary>
    public override string ToString() => DataFormatException.FormatMessage(FilePath, LineNumber, Text, Reason);
}
