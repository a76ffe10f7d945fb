using MovieRec.Data;

namespace MovieRec.Onnx.Models;

/// <summary>
/// What a model bundle keeps of its dataset so it can be used without it: raw user and movie ids,
/// movie titles and genres, and the (user, movie) pairs seen in training (to leave them out of
/// recommendations).
/// </summary>
public sealed class BundleDataset
{
    private readonly long[] _userIds;
    private readonly long[] _movieIds;
    private readonly string[] _titles;
    private readonly string[] _genres;
    private readonly int[] _seenUsers;
    private readonly int[] _seenMovies;
    private Dictionary<long, int>? _userIndex;
    private Dictionary<long, int>? _movieIndex;

    internal BundleDataset(long[] userIds, long[] movieIds, string[] titles, string[] genres, int[] seenUsers, int[] seenMovies)
    {
        _userIds = userIds;
        _movieIds = movieIds;
        _titles = titles;
        _genres = genres;
        _seenUsers = seenUsers;
        _seenMovies = seenMovies;
    }

    /// <summary>Raw user id of each dense user index (index 0, unknown, holds 0).</summary>
    public IReadOnlyList<long> UserIds => _userIds;

    /// <summary>Raw movie id of each dense movie index (index 0, unknown, holds 0).</summary>
    public IReadOnlyList<long> MovieIds => _movieIds;

    /// <summary>Title of each dense movie index.</summary>
    public IReadOnlyList<string> Titles => _titles;

    /// <summary>Genres of each dense movie index, joined with '|'.</summary>
    public IReadOnlyList<string> Genres => _genres;

    /// <summary>Training ratings' users and movies, as a table (ratings set to 0), for excluding seen movies.</summary>
    public RatingsTable Seen => RatingsTable.CreateWithoutTimestamps(_seenUsers, _seenMovies, new float[_seenUsers.Length]);

    internal ReadOnlySpan<int> SeenUsers => _seenUsers;

    internal ReadOnlySpan<int> SeenMovies => _seenMovies;

    /// <summary>Builds the catalog of a dataset and its training ratings.</summary>
    /// <param name="dataset">The dataset the model was trained on.</param>
    /// <param name="train">The training ratings.</param>
    /// <returns>The catalog.</returns>
    public static BundleDataset Create(RecommendationDataset dataset, RatingsTable train)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(train);
        var users = new long[dataset.UserIds.IndexCount];
        for (int u = 1; u < users.Length; u++)
        {
            users[u] = dataset.UserIds.RawIdOf(u);
        }

        var movies = new long[dataset.MovieIds.IndexCount];
        var titles = new string[movies.Length];
        var genres = new string[movies.Length];
        var genreNames = dataset.Movies.GenreNames;
        for (int m = 0; m < movies.Length; m++)
        {
            movies[m] = m == 0 ? 0 : dataset.MovieIds.RawIdOf(m);
            titles[m] = m < dataset.Movies.Count ? dataset.Movies.Titles[m] : string.Empty;
            genres[m] = m < dataset.Movies.Count ? string.Join('|', dataset.Movies.GenresOf(m).ToArray().Select(g => genreNames[g])) : string.Empty;
        }

        return new BundleDataset(users, movies, titles, genres, train.Users.ToArray(), train.Movies.ToArray());
    }

    /// <summary>
    /// Builds the catalog of ratings alone, for a model trained without a dataset: each raw id is the dense index
    /// itself, and movies have no titles or genres.
    /// </summary>
    /// <param name="train">The training ratings.</param>
    /// <returns>The catalog.</returns>
    public static BundleDataset Create(RatingsTable train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var users = new long[train.UserIndexBound];
        for (int u = 0; u < users.Length; u++)
        {
            users[u] = u;
        }

        var movies = new long[train.MovieIndexBound];
        for (int m = 0; m < movies.Length; m++)
        {
            movies[m] = m;
        }

        var empty = Enumerable.Repeat(string.Empty, movies.Length).ToArray();
        return new BundleDataset(users, movies, empty, empty.ToArray(), train.Users.ToArray(), train.Movies.ToArray());
    }

    /// <summary>Dense index of a raw user id, or 0 when unknown.</summary>
    /// <param name="rawId">The dataset's user id.</param>
    /// <returns>The dense index (0 = unknown).</returns>
    public int UserIndexOf(long rawId)
    {
        _userIndex ??= Index(_userIds);
        return _userIndex.TryGetValue(rawId, out int index) ? index : 0;
    }

    /// <summary>Dense index of a raw movie id, or 0 when unknown.</summary>
    /// <param name="rawId">The dataset's movie id.</param>
    /// <returns>The dense index (0 = unknown).</returns>
    public int MovieIndexOf(long rawId)
    {
        _movieIndex ??= Index(_movieIds);
        return _movieIndex.TryGetValue(rawId, out int index) ? index : 0;
    }

    private static Dictionary<long, int> Index(long[] ids)
    {
        var index = new Dictionary<long, int>(ids.Length);
        for (int i = 1; i < ids.Length; i++)
        {
            index.TryAdd(ids[i], i);
        }

        return index;
    }
}
