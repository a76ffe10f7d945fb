using System.Globalization;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Loads the Netflix Prize data: <c>movie_titles.csv</c> ("MovieID,YearOfRelease,Title", Latin-1,
/// titles not quoted and containing commas, year "NULL" when unknown) and every
/// <c>combined_data_*.txt</c> (blocks of a "MovieID:" line followed by "CustomerID,Rating,Date" lines).
/// </summary>
/// <remarks>
/// Movie indices follow <c>movie_titles.csv</c>; customer indices are assigned in first-seen order over
/// the data files taken in name order. Dates become Unix seconds at midnight UTC. Ratings are 1..5.
/// The dataset has no genres or demographics.
/// </remarks>
public static class NetflixPrize
{
    /// <summary>The catalogue name, "netflix-prize".</summary>
    public const string Name = "netflix-prize";

    /// <summary>Loads the dataset from a folder holding <c>movie_titles.csv</c> and <c>combined_data_*.txt</c>.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="options">Bad-line policy; <see langword="null"/> for the defaults.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException"><c>movie_titles.csv</c> or every data file is missing.</exception>
    /// <exception cref="DataFormatException">A line is malformed and bad lines are not skipped.</exception>
    public static RecommendationDataset Load(string folder, DataLoadOptions? options = null)
    {
        DatasetFolder.EnsureExists(folder);
        var dataFiles = Directory.GetFiles(folder, "combined_data_*.txt").Order(StringComparer.Ordinal).ToArray();
        if (dataFiles.Length == 0)
        {
            throw new FileNotFoundException($"No combined_data_*.txt file in '{folder}'.", Path.Combine(folder, "combined_data_1.txt"));
        }

        var context = new LoadContext(options);
        var movieIds = new IdMap(17_800);
        var movies = ReadTitles(Path.Combine(folder, "movie_titles.csv"), movieIds, context);
        var userIds = new IdMap();
        long capacity = dataFiles.Sum(LineReader.CountLines);
        var builder = new RatingsBuilder(userIds, movieIds, addUsers: true, addMovies: false, 1f, 5f, 1f, context.Options.IncludeTimestamps, capacity);
        foreach (string path in dataFiles)
        {
            ReadDataFile(path, builder, context);
        }

        var ratings = builder.Build(context);
        return RecommendationDataset.Create(Name, ratings, null, movies, userIds, movieIds, 1f, 5f, context.Report);
    }

    private static void ReadDataFile(string path, RatingsBuilder builder, LoadContext context)
    {
        using var reader = LineReader.Open(path);
        builder.BeginFile(path);
        Span<Range> fields = stackalloc Range[3];
        long movie = -1;
        while (reader.TryReadLine(out var line))
        {
            string? reason;
            if (line.Length > 0 && line[^1] == (byte)':')
            {
                movie = -1;
                if (!FastParse.TryParseInt64(line[..^1], out long id))
                {
                    reason = "movie header is not \"<MovieID>:\"";
                }
                else if (!builder.MovieKnown(id))
                {
                    reason = string.Create(CultureInfo.InvariantCulture, $"movie id {id} is not in movie_titles.csv");
                }
                else
                {
                    movie = id;
                    builder.SkipLine(reader.LineNumber);
                    continue;
                }
            }
            else
            {
                reason = ParseRating(line, fields, movie, builder);
            }

            if (reason is not null)
            {
                builder.SkipLine(reader.LineNumber);
                context.BadLine(path, reader.LineNumber, line, Encoding.Latin1, reason);
            }
        }

        if (reader.LineNumber == 0)
        {
            LoadContext.FileError(path, "the file is empty");
        }
    }

    private static string? ParseRating(ReadOnlySpan<byte> line, Span<Range> fields, long movie, RatingsBuilder builder)
    {
        if (line.IsEmpty)
        {
            return "empty line";
        }

        if (movie < 0)
        {
            return "rating line before any valid \"<MovieID>:\" line";
        }

        int count = FastParse.Split(line, ","u8, fields);
        if (count != 3)
        {
            return string.Create(CultureInfo.InvariantCulture, $"expected 3 fields (customer, rating, date), found {count}");
        }

        if (!FastParse.TryParseInt64(line[fields[0]], out long customer))
        {
            return "customer id is not a non-negative integer";
        }

        if (!FastParse.TryParseRating(line[fields[1]], out float rating))
        {
            return "rating is not a number";
        }

        if (!FastParse.TryParseIsoDate(line[fields[2]], out long timestamp))
        {
            return "date is not yyyy-mm-dd";
        }

        return builder.Add(customer, movie, rating, timestamp);
    }

    private static MoviesTable ReadTitles(string path, IdMap movieIds, LoadContext context)
    {
        var titles = new List<string> { string.Empty };
        var years = new List<int> { 0 };
        var genres = new List<IReadOnlyList<int>> { Array.Empty<int>() };
        MetadataReader.Read(path, "\u0001", -1, Encoding.Latin1, context, (f, _) =>
        {
            // Only the first two commas separate fields: titles hold commas and are not quoted.
            string line = f[0];
            int a = line.IndexOf(',', StringComparison.Ordinal);
            int b = a < 0 ? -1 : line.IndexOf(',', a + 1);
            if (b < 0)
            {
                return "expected \"MovieID,YearOfRelease,Title\"";
            }

            if (!MetadataReader.TryParseId(line[..a], out long id))
            {
                return "movie id is not a non-negative integer";
            }

            if (movieIds.Contains(id))
            {
                return string.Create(CultureInfo.InvariantCulture, $"movie id {id} appears twice");
            }

            string yearText = line[(a + 1)..b];
            int year = 0;
            if (yearText != "NULL" && (!MetadataReader.TryParseInt(yearText, out year) || year is < 1800 or > 2100))
            {
                return "year is neither NULL nor a year";
            }

            movieIds.GetOrAdd(id);
            titles.Add(line[(b + 1)..]);
            years.Add(year);
            genres.Add(Array.Empty<int>());
            return null;
        });
        return MoviesTable.Create(titles, years, genres, []);
    }
}
