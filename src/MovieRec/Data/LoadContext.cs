using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace MovieRec.Data;

/// <summary>Decides what a bad line does: throw, or count it into the report.</summary>
internal sealed class LoadContext
{
    public LoadContext(DataLoadOptions? options)
    {
        Options = options ?? new DataLoadOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.MaxBadLineExamples, nameof(options));
        Report = new LoadReport(Options.MaxBadLineExamples);
    }

    public DataLoadOptions Options { get; }

    public LoadReport Report { get; }

    /// <summary>Throws a <see cref="DataFormatException"/>, or records the line when bad lines are skipped.</summary>
    public void BadLine(string filePath, long lineNumber, ReadOnlySpan<byte> line, Encoding encoding, string reason) =>
        BadLine(filePath, lineNumber, LineReader.Describe(line, encoding), reason);

    /// <summary>Throws a <see cref="DataFormatException"/>, or records the line when bad lines are skipped.</summary>
    public void BadLine(string filePath, long lineNumber, string text, string reason)
    {
        if (!Options.SkipBadLines)
        {
            Throw(filePath, lineNumber, text, reason);
        }

        Report.Add(new BadLine(filePath, lineNumber, text, reason));
    }

    /// <summary>Throws for a problem with a whole file (empty, missing header): never skipped.</summary>
    [DoesNotReturn]
    [StackTraceHidden]
    public static void FileError(string filePath, string reason) => throw new DataFormatException(filePath, 0, string.Empty, reason);

    [DoesNotReturn]
    [StackTraceHidden]
    private static void Throw(string filePath, long lineNumber, string text, string reason) =>
        throw new DataFormatException(filePath, lineNumber, text, reason);
}
