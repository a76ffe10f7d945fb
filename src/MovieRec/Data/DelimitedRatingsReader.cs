using System.Globalization;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Reads "user SEP movie SEP rating SEP timestamp" files: ML-100K <c>u.data</c> (tab), ML-1M
/// <c>ratings.dat</c> ("::") and the CSV releases' <c>ratings.csv</c> (",", with a header).
/// </summary>
internal static class DelimitedRatingsReader
{
    public static RatingsTable Read(
        string path,
        ReadOnlySpan<byte> separator,
        string? expectedHeader,
        IdMap userIds,
        IdMap movieIds,
        bool addUsers,
        bool addMovies,
        float min,
        float max,
        float step,
        LoadContext context)
    {
        long lines = LineReader.CountLines(path) - (expectedHeader is null ? 0 : 1);
        var builder = new RatingsBuilder(userIds, movieIds, addUsers, addMovies, min, max, step, context.Options.IncludeTimestamps, lines);
        using var reader = LineReader.Open(path);
        builder.BeginFile(path);
        Span<Range> fields = stackalloc Range[4];
        bool headerSeen = expectedHeader is null;
        while (reader.TryReadLine(out var line))
        {
            if (!headerSeen)
            {
                headerSeen = true;
                builder.SkipLine(reader.LineNumber);
                string header = Encoding.UTF8.GetString(line);
                if (!string.Equals(header, expectedHeader, StringComparison.Ordinal))
                {
                    LoadContext.FileError(path, $"line 1 should be the header \"{expectedHeader}\" but is \"{header}\"");
                }

                continue;
            }

            string? reason = TryParseFast(line, separator, out long user, out long movie, out float rating, out long timestamp)
                ? builder.Add(user, movie, rating, timestamp)
                : ParseLine(line, separator, fields, builder);
            if (reason is not null)
            {
                builder.SkipLine(reader.LineNumber);
                context.BadLine(path, reader.LineNumber, line, Encoding.UTF8, reason);
            }
        }

        if (reader.LineNumber == 0)
        {
            LoadContext.FileError(path, "the file is empty");
        }

        if (builder.Count == 0 && context.Report.IsClean)
        {
            LoadContext.FileError(path, "the file holds no ratings");
        }

        return builder.Build(context);
    }

    /// <summary>
    /// One pass over a well-formed line: digits, separator, digits, separator, rating, separator, digits.
    /// Anything unexpected returns false and the caller reparses with <see cref="ParseLine"/> for the precise reason.
    /// </summary>
    private static bool TryParseFast(ReadOnlySpan<byte> line, ReadOnlySpan<byte> separator, out long user, out long movie, out float rating, out long timestamp)
    {
        int i = 0;
        rating = 0;
        movie = 0;
        timestamp = 0;
        if (!ReadDigits(line, ref i, out user) || !Skip(line, ref i, separator)
            || !ReadDigits(line, ref i, out movie) || !Skip(line, ref i, separator)
            || !ReadDigits(line, ref i, out long whole))
        {
            return false;
        }

        if (i < line.Length && line[i] == (byte)'.')
        {
            i++;
            int start = i;
            if (!ReadDigits(line, ref i, out long fraction) || i - start > 9)
            {
                return false;
            }

            rating = (float)(whole + (fraction / Pow10(i - start)));
        }
        else
        {
            rating = whole;
        }

        return Skip(line, ref i, separator) && ReadDigits(line, ref i, out timestamp) && i == line.Length;
    }

    private static double Pow10(int digits)
    {
        double p = 1;
        for (int k = 0; k < digits; k++)
        {
            p *= 10;
        }

        return p;
    }

    private static bool ReadDigits(ReadOnlySpan<byte> line, ref int i, out long value)
    {
        int start = i;
        long v = 0;
        while (i < line.Length)
        {
            uint d = (uint)(line[i] - '0');
            if (d > 9)
            {
                break;
            }

            v = (v * 10) + d;
            i++;
        }

        value = v;
        return i > start && i - start <= 18;
    }

    private static bool Skip(ReadOnlySpan<byte> line, ref int i, ReadOnlySpan<byte> separator)
    {
        if (i + separator.Length > line.Length || line[i] != separator[0] || (separator.Length > 1 && !line.Slice(i, separator.Length).SequenceEqual(separator)))
        {
            return false;
        }

        i += separator.Length;
        return true;
    }

    private static string? ParseLine(ReadOnlySpan<byte> line, ReadOnlySpan<byte> separator, Span<Range> fields, RatingsBuilder builder)
    {
        if (line.IsEmpty)
        {
            return "empty line";
        }

        int count = FastParse.Split(line, separator, fields);
        if (count != 4)
        {
            return string.Create(CultureInfo.InvariantCulture, $"expected 4 fields (user, movie, rating, timestamp), found {count}");
        }

        if (!FastParse.TryParseInt64(line[fields[0]], out long user))
        {
            return "user id is not a non-negative integer";
        }

        if (!FastParse.TryParseInt64(line[fields[1]], out long movie))
        {
            return "movie id is not a non-negative integer";
        }

        if (!FastParse.TryParseRating(line[fields[2]], out float rating))
        {
            return "rating is not a number";
        }

        if (!FastParse.TryParseInt64(line[fields[3]], out long timestamp))
        {
            return "timestamp is not a non-negative integer";
        }

        return builder.Add(user, movie, rating, timestamp);
    }
}
