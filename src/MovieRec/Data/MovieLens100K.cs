using System.Globalization;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Loads MovieLens 100K: <c>u.data</c> (tab-separated ratings), <c>u.item</c> (pipe-separated, Latin-1,
/// 19 genre flags), <c>u.user</c>, <c>u.genre</c>, <c>u.occupation</c>, and the predefined split files.
/// </summary>
/// <remarks>
/// Dense indices follow the order of <c>u.user</c> and <c>u.item</c> (so user id 1 is index 1). Ages
/// are raw years; <see cref="UsersTable.AgeGroup"/> buckets them into the seven ML-1M groups.
/// Occupations are indices into the names of <c>u.occupation</c>, in file order.
/// </remarks>
public static class MovieLens100K
{
    /// <summary>The catalogue name, "ml-100k".</summary>
    public const string Name = "ml-100k";

    /// <summary>The names of the predefined folds: u1..u5 (80/20, disjoint tests) and ua, ub (10 ratings per user in test).</summary>
    public static IReadOnlyList<string> FoldNames { get; } = ["u1", "u2", "u3", "u4", "u5", "ua", "ub"];

    /// <summary>Loads the dataset from a folder holding the ML-100K files.</summary>
    /// <param name="folder">The folder (for example <c>.../ml-100k</c>).</param>
    /// <param name="options">Bad-line policy; <see langword="null"/> for the defaults.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file of the dataset is missing.</exception>
    /// <exception cref="DataFormatException">A line is malformed and bad lines are not skipped.</exception>
    public static RecommendationDataset Load(string folder, DataLoadOptions? options = null)
    {
        DatasetFolder.EnsureExists(folder);
        var context = new LoadContext(options);
        var genreNames = ReadGenres(Path.Combine(folder, "u.genre"), context);
        var occupations = ReadOccupations(Path.Combine(folder, "u.occupation"), context);
        var movieIds = new IdMap(1700);
        var movies = ReadItems(Path.Combine(folder, "u.item"), genreNames, movieIds, context);
        var userIds = new IdMap(1000);
        var users = ReadUsers(Path.Combine(folder, "u.user"), occupations, userIds, context);
        var ratings = ReadRatings(Path.Combine(folder, "u.data"), userIds, movieIds, context);
        return RecommendationDataset.Create(Name, ratings, users, movies, userIds, movieIds, 1f, 5f, context.Report);
    }

    internal static RatingsTable ReadRatings(string path, IdMap userIds, IdMap movieIds, LoadContext context) =>
        DelimitedRatingsReader.Read(path, "\t"u8, null, userIds, movieIds, addUsers: false, addMovies: false, 1f, 5f, 1f, context);

    private static List<string> ReadGenres(string path, LoadContext context)
    {
        var byIndex = new SortedDictionary<int, string>();
        MetadataReader.Read(path, "|", 2, Encoding.Latin1, context, (f, _) =>
        {
            if (!MetadataReader.TryParseInt(f[1], out int index))
            {
                return "genre index is not an integer";
            }

            return byIndex.TryAdd(index, f[0]) ? null : $"genre index {index} appears twice";
        }, skipBlankLines: true);
        for (int i = 0; i < byIndex.Count; i++)
        {
            if (!byIndex.ContainsKey(i))
            {
                LoadContext.FileError(path, string.Create(CultureInfo.InvariantCulture, $"genre indices are not 0..{byIndex.Count - 1} (missing {i})"));
            }
        }

        return [.. byIndex.Values];
    }

    private static List<string> ReadOccupations(string path, LoadContext context)
    {
        var names = new List<string>();
        MetadataReader.Read(path, "|", 1, Encoding.Latin1, context, (f, _) =>
        {
            string name = f[0].Trim();
            if (names.Contains(name))
            {
                return "occupation appears twice";
            }

            names.Add(name);
            return null;
        }, skipBlankLines: true);
        return names;
    }

    private static MoviesTable ReadItems(string path, List<string> genreNames, IdMap movieIds, LoadContext context)
    {
        int fieldCount = 5 + genreNames.Count;
        var rows = new List<(int, (string Title, int Year, int[] Genres))>();
        MetadataReader.Read(path, "|", fieldCount, Encoding.Latin1, context, (f, _) =>
        {
            if (!MetadataReader.TryParseId(f[0], out long id))
            {
                return "movie id is not a non-negative integer";
            }

            if (movieIds.Contains(id))
            {
                return $"movie id {id} appears twice";
            }

            var genres = new List<int>();
            for (int g = 0; g < genreNames.Count; g++)
            {
                string flag = f[5 + g];
                if (flag == "1")
                {
                    genres.Add(g);
                }
                else if (flag != "0")
                {
                    return $"genre flag {g + 1} is \"{flag}\", expected 0 or 1";
                }
            }

            string title = f[1];
            MovieTitles.StripYear(title, out int year);
            if (year == 0 && f[2].Length >= 4 && MetadataReader.TryParseInt(f[2][^4..], out int releaseYear))
            {
                year = releaseYear;
            }

            rows.Add((movieIds.GetOrAdd(id), (title, year, [.. genres])));
            return null;
        });
        int n = movieIds.IndexCount;
        var column = MetadataReader.ToColumn<(string Title, int Year, int[] Genres)>(rows, n, (string.Empty, 0, Array.Empty<int>()));
        return MoviesTable.Create(
            [.. column.Select(c => c.Title)], [.. column.Select(c => c.Year)], [.. column.Select(c => (IReadOnlyList<int>)c.Genres)], genreNames);
    }

    private static UsersTable ReadUsers(string path, List<string> occupations, IdMap userIds, LoadContext context)
    {
        var rows = new List<(int, (byte Gender, int Age, int Occupation, string Zip))>();
        MetadataReader.Read(path, "|", 5, Encoding.Latin1, context, (f, _) =>
        {
            if (!MetadataReader.TryParseId(f[0], out long id))
            {
                return "user id is not a non-negative integer";
            }

            if (userIds.Contains(id))
            {
                return $"user id {id} appears twice";
            }

            if (!MetadataReader.TryParseInt(f[1], out int age) || age > 150)
            {
                return "age is not an integer in 0..150";
            }

            byte? gender = UsersTable.GenderCode(f[2]);
            if (gender is null)
            {
                return $"gender \"{f[2]}\" is not F or M";
            }

            int occupation = occupations.IndexOf(f[3]);
            if (occupation < 0)
            {
                return $"occupation \"{f[3]}\" is not listed in u.occupation";
            }

            rows.Add((userIds.GetOrAdd(id), (gender.Value, age, occupation, f[4])));
            return null;
        });
        var column = MetadataReader.ToColumn<(byte Gender, int Age, int Occupation, string Zip)>(rows, userIds.IndexCount, ((byte)0, 0, 0, string.Empty));
        return UsersTable.Create(
            [.. column.Select(c => c.Gender)], [.. column.Select(c => c.Age)], [.. column.Select(c => c.Occupation)], [.. column.Select(c => c.Zip)], occupations);
    }
}
