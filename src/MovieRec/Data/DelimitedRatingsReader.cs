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
        LoadContext context)
    {
        long lines = LineReader.CountLines(path);
        var builder = new RatingsBuilder(userIds, movieIds, addUsers, addMovies, min, max, context.Options.IncludeTimestamps, lines);
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

            string? reason = ParseLine(line, separator, fields, builder);
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
