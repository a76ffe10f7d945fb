using System.Globalization;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Writes a dataset in the MovieLens 1M format (<c>users.dat</c>, <c>movies.dat</c>, <c>ratings.dat</c>;
/// "::"-separated, Latin-1) or the CSV release format (<c>ratings.csv</c>, <c>movies.csv</c>; UTF-8,
/// RFC 4180 quoting), with the dataset's raw ids. Used to make test and benchmark files.
/// </summary>
public static class DatasetWriter
{
    private const int BufferSize = 1 << 20;

    /// <summary>Writes <c>users.dat</c>, <c>movies.dat</c> and <c>ratings.dat</c> into <paramref name="folder"/> (created if needed).</summary>
    /// <param name="dataset">A dataset with demographics (<see cref="RecommendationDataset.Users"/> not null) and integer ratings.</param>
    /// <param name="folder">The output folder.</param>
    /// <exception cref="ArgumentException">The dataset has no users table.</exception>
    public static void WriteMovieLens1M(RecommendationDataset dataset, string folder)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var users = dataset.Users ?? throw new ArgumentException("The ML-1M format needs user demographics; this dataset has none.", nameof(dataset));
        Directory.CreateDirectory(folder);
        using (var writer = new StreamWriter(Path.Combine(folder, "users.dat"), false, Encoding.Latin1))
        {
            writer.NewLine = "\n";
            for (int u = 1; u < users.Count; u++)
            {
                writer.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{dataset.UserIds.RawIdOf(u)}::{(users.Gender[u] == 0 ? 'F' : 'M')}::{users.Age[u]}::{users.Occupation[u]}::{users.Zip[u]}"));
            }
        }

        var movies = dataset.Movies;
        using (var writer = new StreamWriter(Path.Combine(folder, "movies.dat"), false, Encoding.Latin1))
        {
            writer.NewLine = "\n";
            for (int m = 1; m < movies.Count; m++)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{dataset.MovieIds.RawIdOf(m)}::{movies.Titles[m]}::{GenreText(movies, m)}"));
            }
        }

        WriteRatings(dataset, Path.Combine(folder, "ratings.dat"), "::"u8, header: null, csvRatings: false);
    }

    /// <summary>Writes <c>ratings.csv</c> and <c>movies.csv</c> into <paramref name="folder"/> (created if needed).</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="folder">The output folder.</param>
    /// <param name="crlf">Whether to end lines with CRLF, as the published releases do. Default true.</param>
    public static void WriteMovieLensCsv(RecommendationDataset dataset, string folder, bool crlf = true)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var movies = dataset.Movies;
        using (var writer = new StreamWriter(Path.Combine(folder, "movies.csv"), false, new UTF8Encoding(false)))
        {
            writer.NewLine = crlf ? "\r\n" : "\n";
            writer.WriteLine("movieId,title,genres");
            for (int m = 1; m < movies.Count; m++)
            {
                string genres = movies.GenresOf(m).Length == 0 ? MovieLensGenres.NoGenresListed : GenreText(movies, m);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{dataset.MovieIds.RawIdOf(m)},{Quote(movies.Titles[m])},{Quote(genres)}"));
            }
        }

        WriteRatings(dataset, Path.Combine(folder, "ratings.csv"), ","u8, "userId,movieId,rating,timestamp", csvRatings: true, crlf);
    }

    private static string GenreText(MoviesTable movies, int m)
    {
        var names = new List<string>();
        foreach (int g in movies.GenresOf(m))
        {
            names.Add(movies.GenreNames[g]);
        }

        return string.Join('|', names);
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static void WriteRatings(RecommendationDataset dataset, string path, ReadOnlySpan<byte> separator, string? header, bool csvRatings, bool crlf = false)
    {
        var ratings = dataset.Ratings;
        var users = ratings.Users;
        var movies = ratings.Movies;
        var values = ratings.Ratings;
        var timestamps = ratings.Timestamps;
        var userRaw = dataset.UserIds.RawIds;
        var movieRaw = dataset.MovieIds.RawIds;
        ReadOnlySpan<byte> newline = crlf ? "\r\n"u8 : "\n"u8;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        var buffer = new byte[BufferSize];
        int at = 0;
        if (header is not null)
        {
            at += Encoding.ASCII.GetBytes(header, buffer);
            newline.CopyTo(buffer.AsSpan(at));
            at += newline.Length;
        }

        for (int i = 0; i < ratings.Count; i++)
        {
            if (at > BufferSize - 128)
            {
                stream.Write(buffer, 0, at);
                at = 0;
            }

            var span = buffer.AsSpan(at);
            int w = 0;
            userRaw[users[i] - 1].TryFormat(span, out int c, default, CultureInfo.InvariantCulture);
            w += c;
            separator.CopyTo(span[w..]);
            w += separator.Length;
            movieRaw[movies[i] - 1].TryFormat(span[w..], out c, default, CultureInfo.InvariantCulture);
            w += c;
            separator.CopyTo(span[w..]);
            w += separator.Length;
            float r = values[i];
            r.TryFormat(span[w..], out c, csvRatings && r * 2 == MathF.Round(r * 2) ? "0.0" : "R", CultureInfo.InvariantCulture);
            w += c;
            separator.CopyTo(span[w..]);
            w += separator.Length;
            timestamps[i].TryFormat(span[w..], out c, default, CultureInfo.InvariantCulture);
            w += c;
            newline.CopyTo(span[w..]);
            at += w + newline.Length;
        }

        stream.Write(buffer, 0, at);
    }
}
