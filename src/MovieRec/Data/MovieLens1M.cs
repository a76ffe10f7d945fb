using System.Globalization;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Loads MovieLens 1M: <c>users.dat</c>, <c>movies.dat</c> and <c>ratings.dat</c>, "::"-separated, Latin-1.
/// </summary>
/// <remarks>
/// Gender F/M → 0/1; the age field is one of the ML-1M codes {1, 18, 25, 35, 45, 50, 56} (group 0..6);
/// the occupation code 0..20 is the occupation index (names in <see cref="MovieLensGenres.MovieLens1MOccupations"/>);
/// genres are the 18 of <see cref="MovieLensGenres.MovieLens1M"/>. Dense indices follow file order.
/// </remarks>
public static class MovieLens1M
{
    /// <summary>The catalogue name, "ml-1m".</summary>
    public const string Name = "ml-1m";

    /// <summary>Number of ratings in the published <c>ratings.dat</c>.</summary>
    public const int PublishedRatingCount = 1_000_209;

    private static readonly byte[] s_separator = "::"u8.ToArray();

    /// <summary>Loads users, movies and ratings from a folder holding the ML-1M files.</summary>
    /// <param name="folder">The folder (for example <c>.../ml-1m</c>).</param>
    /// <param name="options">Bad-line policy; <see langword="null"/> for the defaults.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file of the dataset is missing.</exception>
    /// <exception cref="DataFormatException">A line is malformed and bad lines are not skipped.</exception>
    public static RecommendationDataset Load(string folder, DataLoadOptions? options = null) => Load(folder, options, withRatings: true);

    /// <summary>Loads only <c>users.dat</c> and <c>movies.dat</c>; the dataset's ratings table is empty.</summary>
    /// <param name="folder">The folder (for example <c>.../ml-1m</c>).</param>
    /// <param name="options">Bad-line policy; <see langword="null"/> for the defaults.</param>
    public static RecommendationDataset LoadMetadata(string folder, DataLoadOptions? options = null) => Load(folder, options, withRatings: false);

    private static RecommendationDataset Load(string folder, DataLoadOptions? options, bool withRatings)
    {
        DatasetFolder.EnsureExists(folder);
        string ratingsPath = Path.Combine(folder, "ratings.dat");
        if (withRatings && !File.Exists(ratingsPath))
        {
            throw new FileNotFoundException($"Dataset file '{ratingsPath}' does not exist (ML-1M needs users.dat, movies.dat and ratings.dat).", ratingsPath);
        }

        var context = new LoadContext(options);
        var userIds = new IdMap(6100);
        var users = ReadUsers(Path.Combine(folder, "users.dat"), userIds, context);
        var movieIds = new IdMap(4000);
        var movies = ReadMovies(Path.Combine(folder, "movies.dat"), movieIds, context);
        var ratings = withRatings
            ? DelimitedRatingsReader.Read(ratingsPath, s_separator, null, userIds, movieIds, addUsers: false, addMovies: false, 1f, 5f, 1f, context)
            : RatingsTable.Empty;
        return RecommendationDataset.Create(Name, ratings, users, movies, userIds, movieIds, 1f, 5f, context.Report);
    }

    private static UsersTable ReadUsers(string path, IdMap userIds, LoadContext context)
    {
        var rows = new List<(int, (byte Gender, int Age, int Occupation, string Zip))>();
        MetadataReader.Read(path, "::", 5, Encoding.Latin1, context, (f, _) =>
        {
            if (!MetadataReader.TryParseId(f[0], out long id))
            {
                return "user id is not a non-negative integer";
            }

            if (userIds.Contains(id))
            {
                return string.Create(CultureInfo.InvariantCulture, $"user id {id} appears twice");
            }

            byte? gender = UsersTable.GenderCode(f[1]);
            if (gender is null)
            {
                return $"gender \"{f[1]}\" is not F or M";
            }

            if (!MetadataReader.TryParseInt(f[2], out int age) || !AgeGroups.IsMovieLens1MCode(age))
            {
                return $"age \"{f[2]}\" is not one of the ML-1M codes 1, 18, 25, 35, 45, 50, 56";
            }

            if (!MetadataReader.TryParseInt(f[3], out int occupation) || occupation >= MovieLensGenres.MovieLens1MOccupations.Count)
            {
                return $"occupation \"{f[3]}\" is not a code 0..20";
            }

            rows.Add((userIds.GetOrAdd(id), (gender.Value, age, occupation, f[4])));
            return null;
        });
        var column = MetadataReader.ToColumn<(byte Gender, int Age, int Occupation, string Zip)>(rows, userIds.IndexCount, (0, 0, 0, string.Empty));
        return UsersTable.Create(
            [.. column.Select(c => c.Gender)], [.. column.Select(c => c.Age)], [.. column.Select(c => c.Occupation)], [.. column.Select(c => c.Zip)],
            MovieLensGenres.MovieLens1MOccupations);
    }

    private static MoviesTable ReadMovies(string path, IdMap movieIds, LoadContext context)
    {
        var genreNames = MovieLensGenres.MovieLens1M;
        var rows = new List<(int, (string Title, int Year, int[] Genres))>();
        MetadataReader.Read(path, "::", 3, Encoding.Latin1, context, (f, _) =>
        {
            if (!MetadataReader.TryParseId(f[0], out long id))
            {
                return "movie id is not a non-negative integer";
            }

            if (movieIds.Contains(id))
            {
                return string.Create(CultureInfo.InvariantCulture, $"movie id {id} appears twice");
            }

            var genres = new List<int>();
            foreach (string name in f[2].Split('|'))
            {
                int g = IndexOf(genreNames, name);
                if (g < 0)
                {
                    return $"genre \"{name}\" is not one of the 18 ML-1M genres";
                }

                genres.Add(g);
            }

            MovieTitles.StripYear(f[1], out int year);
            rows.Add((movieIds.GetOrAdd(id), (f[1], year, [.. genres])));
            return null;
        });
        var column = MetadataReader.ToColumn<(string Title, int Year, int[] Genres)>(rows, movieIds.IndexCount, (string.Empty, 0, []));
        return MoviesTable.Create(
            [.. column.Select(c => c.Title)], [.. column.Select(c => c.Year)], [.. column.Select(c => (IReadOnlyList<int>)c.Genres)], genreNames);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
