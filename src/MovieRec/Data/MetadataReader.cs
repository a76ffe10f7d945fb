using System.Globalization;
using System.Text;

namespace MovieRec.Data;

/// <summary>Shared code for the small metadata files (users, movies, genres, occupations).</summary>
internal static class MetadataReader
{
    /// <summary>Reads a delimited file, calling <paramref name="parse"/> with the decoded fields of each line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="separator">Field separator.</param>
    /// <param name="fieldCount">Exact number of fields, or -1 to accept any.</param>
    /// <param name="encoding">Text encoding of the file.</param>
    /// <param name="context">Bad-line policy.</param>
    /// <param name="parse">Returns <see langword="null"/> when the line is accepted, else the reason it is bad.</param>
    /// <param name="skipBlankLines">Whether blank lines are allowed (ignored) rather than bad.</param>
    /// <returns>Number of accepted lines.</returns>
    public static int Read(string path, string separator, int fieldCount, Encoding encoding, LoadContext context, Func<string[], long, string?> parse, bool skipBlankLines = false)
    {
        using var reader = LineReader.Open(path);
        int accepted = 0;
        while (reader.TryReadLine(out var bytes))
        {
            if (bytes.IsEmpty || bytes.Trim((byte)' ').IsEmpty)
            {
                if (!skipBlankLines)
                {
                    context.BadLine(path, reader.LineNumber, bytes, encoding, "empty line");
                }

                continue;
            }

            string line = encoding.GetString(bytes);
            string[] fields = line.Split(separator);
            string? reason = fieldCount >= 0 && fields.Length != fieldCount
                ? string.Create(CultureInfo.InvariantCulture, $"expected {fieldCount} fields, found {fields.Length}")
                : parse(fields, reader.LineNumber);
            if (reason is not null)
            {
                context.BadLine(path, reader.LineNumber, Shorten(line), reason);
            }
            else
            {
                accepted++;
            }
        }

        if (reader.LineNumber == 0)
        {
            LoadContext.FileError(path, "the file is empty");
        }

        return accepted;
    }

    public static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    public static bool TryParseId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    public static bool TryParseInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Fills per-index columns from rows keyed by dense index (index 0 stays the default).</summary>
    public static T[] ToColumn<T>(List<(int Index, T Value)> rows, int count, T padding)
    {
        var column = new T[count];
        column[0] = padding;
        foreach (var (index, value) in rows)
        {
            column[index] = value;
        }

        return column;
    }
}
