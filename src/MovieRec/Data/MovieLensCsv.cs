using System.Globalization;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Loads the CSV releases of MovieLens (latest-small, latest, 20M, 25M): <c>ratings.csv</c>,
/// <c>movies.csv</c>, <c>tags.csv</c> where the release has it, and on request <c>links.csv</c>. UTF-8, LF or CRLF line ends,
/// titles quoted when they contain commas (RFC 4180).
/// </summary>
/// <remarks>
/// Movie indices follow <c>movies.csv</c> order; user indices are assigned in first-seen order in
/// <c>ratings.csv</c>. Ratings are 0.5..5 in half stars. These releases have no user demographics,
/// so <see cref="RecommendationDataset.Users"/> is <see langword="null"/>.
/// </remarks>
public static class MovieLensCsv
{
    private const string RatingsHeader = "userId,movieId,rating,timestamp";

    /// <summary>Loads ratings, movies and, where the folder has <c>tags.csv</c>, the users' tags from a folder of a CSV
    /// release.</summary>
    /// <param name="folder">The folder (for example <c>.../ml-latest-small</c>).</param>
    /// <param name="name">Dataset name to record, for example "ml-latest-small"; default the folder's name.</param>
    /// <param name="options">Bad-line policy; <see langword="null"/> for the defaults.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file of the dataset is missing.</exception>
    /// <exception cref="DataFormatException">A line is malformed and bad lines are not skipped.</exception>
    public static RecommendationDataset Load(string folder, string? name = null, DataLoadOptions? options = null)
    {
        DatasetFolder.EnsureExists(folder);
        string ratingsPath = Path.Combine(folder, "ratings.csv");
        if (!File.Exists(ratingsPath))
        {
            throw new FileNotFoundException($"Dataset file '{ratingsPath}' does not exist.", ratingsPath);
        }

        var context = new LoadContext(options);
        var movieIds = new IdMap();
        var movies = ReadMovies(Path.Combine(folder, "movies.csv"), movieIds, context);
        var userIds = new IdMap();
        var ratings = DelimitedRatingsReader.Read(ratingsPath, ","u8, RatingsHeader, userIds, movieIds, addUsers: true, addMovies: false, 0.5f, 5f, 0.5f, context);
        name ??= Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var tags = File.Exists(Path.Combine(folder, "tags.csv")) ? ReadTags(folder, context) : null;
        return RecommendationDataset.Create(name, ratings, null, movies, userIds, movieIds, 0.5f, 5f, context.Report, tags);
    }

    /// <summary>Reads <c>tags.csv</c> ("userId,movieId,tag,timestamp").</summary>
    /// <param name="folder">The folder of the release.</param>
    /// <param name="options">Bad-line policy; <see langword="null"/> for the defaults.</param>
    public static IReadOnlyList<MovieTag> LoadTags(string folder, DataLoadOptions? options = null)
    {
        DatasetFolder.EnsureExists(folder);
        return ReadTags(folder, new LoadContext(options));
    }

    private static List<MovieTag> ReadTags(string folder, LoadContext context)
    {
        var tags = new List<MovieTag>();
        ReadCsv(Path.Combine(folder, "tags.csv"), "userId,movieId,tag,timestamp", 4, context, f =>
        {
            if (!MetadataReader.TryParseId(f[0], out long user) || !MetadataReader.TryParseId(f[1], out long movie))
            {
                return "user or movie id is not a non-negative integer";
            }

            if (!MetadataReader.TryParseId(f[3], out long timestamp))
            {
                return "timestamp is not a non-negative integer";
            }

            tags.Add(new MovieTag(user, movie, f[2], timestamp));
            return null;
        });
        return tags;
    }

    /// <summary>Reads <c>links.csv</c> ("movieId,imdbId,tmdbId").</summary>
    /// <param name="folder">The folder of the release.</param>
    /// <param name="options">Bad-line policy; <see langword="null"/> for the defaults.</param>
    public static IReadOnlyList<MovieLink> LoadLinks(string folder, DataLoadOptions? options = null)
    {
        DatasetFolder.EnsureExists(folder);
        var context = new LoadContext(options);
        var links = new List<MovieLink>();
        ReadCsv(Path.Combine(folder, "links.csv"), "movieId,imdbId,tmdbId", 3, context, f =>
        {
            if (!MetadataReader.TryParseId(f[0], out long movie))
            {
                return "movie id is not a non-negative integer";
            }

            if (f[1].Length == 0 || !f[1].All(char.IsAsciiDigit))
            {
                return "imdbId is not a string of digits";
            }

            long? tmdb = null;
            if (f[2].Length > 0)
            {
                if (!MetadataReader.TryParseId(f[2], out long t))
                {
                    return "tmdbId is neither empty nor an integer";
                }

                tmdb = t;
            }

            links.Add(new MovieLink(movie, f[1], tmdb));
            return null;
        });
        return links;
    }

    private static MoviesTable ReadMovies(string path, IdMap movieIds, LoadContext context)
    {
        var genreNames = new List<string>(MovieLensGenres.CsvReleases);
        var titles = new List<string> { string.Empty };
        var years = new List<int> { 0 };
        var genres = new List<IReadOnlyList<int>> { Array.Empty<int>() };
        ReadCsv(path, "movieId,title,genres", 3, context, f =>
        {
            if (!MetadataReader.TryParseId(f[0], out long id))
            {
                return "movie id is not a non-negative integer";
            }

            if (movieIds.Contains(id))
            {
                return string.Create(CultureInfo.InvariantCulture, $"movie id {id} appears twice");
            }

            var list = new List<int>();
            if (f[2] != MovieLensGenres.NoGenresListed)
            {
                foreach (string g in f[2].Split('|'))
                {
                    if (g.Length == 0)
                    {
                        return "empty genre name";
                    }

                    int index = genreNames.IndexOf(g);
                    if (index < 0)
                    {
                        index = genreNames.Count;
                        genreNames.Add(g);
                    }

                    list.Add(index);
                }
            }

            movieIds.GetOrAdd(id);
            string title = f[1].Trim();
            MovieTitles.StripYear(title, out int year);
            titles.Add(title);
            years.Add(year);
            genres.Add(list);
            return null;
        });
        return MoviesTable.Create(titles, years, genres, genreNames);
    }

    /// <summary>Reads a CSV file with a header, checking field counts, calling <paramref name="parse"/> per record.</summary>
    internal static void ReadCsv(string path, string header, int fieldCount, LoadContext context, Func<string[], string?> parse, Encoding? encoding = null)
    {
        using var reader = CsvRecordReader.Open(path, encoding ?? Encoding.UTF8);
        var first = reader.Read() ?? throw new DataFormatException(path, 0, string.Empty, "the file is empty");
        if (!string.Equals(string.Join(",", first), header, StringComparison.Ordinal))
        {
            LoadContext.FileError(path, $"line 1 should be the header \"{header}\" but is \"{MetadataReader.Shorten(string.Join(",", first))}\"");
        }

        while (reader.Read() is { } fields)
        {
            string? reason = fields.Length != fieldCount
                ? (fields.Length == 1 && fields[0].Length == 0 ? "empty line" : string.Create(CultureInfo.InvariantCulture, $"expected {fieldCount} fields, found {fields.Length}"))
                : parse(fields);
            if (reason is not null)
            {
                context.BadLine(path, reader.RecordLine, MetadataReader.Shorten(string.Join(",", fields)), reason);
            }
        }
    }
}
