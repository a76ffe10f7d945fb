namespace MovieRec.Data;

/// <summary>
/// A loaded dataset: ratings, optional user demographics, movie metadata, the raw-id maps and the
/// rating scale.
/// </summary>
/// <remarks>
/// Dense user and movie indices of <see cref="Ratings"/> index rows of <see cref="Users"/> and
/// <see cref="Movies"/>; <see cref="UserIds"/> and <see cref="MovieIds"/> translate them back to the
/// ids of the dataset's files. Index 0 is the unknown user/movie everywhere.
/// </remarks>
public sealed class RecommendationDataset
{
    private RecommendationDataset(
        string name, RatingsTable ratings, UsersTable? users, MoviesTable movies, IdMap userIds, IdMap movieIds, float ratingMin, float ratingMax, LoadReport loadReport, IReadOnlyList<MovieTag> tags)
    {
        Name = name;
        Ratings = ratings;
        Users = users;
        Movies = movies;
        UserIds = userIds;
        MovieIds = movieIds;
        RatingMin = ratingMin;
        RatingMax = ratingMax;
        LoadReport = loadReport;
        Tags = tags;
    }

    /// <summary>Builds a dataset and checks that its parts agree.</summary>
    /// <param name="name">A short name, for example "ml-100k".</param>
    /// <param name="ratings">The ratings, indexed by <paramref name="userIds"/> and <paramref name="movieIds"/>.</param>
    /// <param name="users">Demographics (one row per index of <paramref name="userIds"/>), or <see langword="null"/>.</param>
    /// <param name="movies">Movie metadata (one row per index of <paramref name="movieIds"/>).</param>
    /// <param name="userIds">Raw user id ↔ dense index.</param>
    /// <param name="movieIds">Raw movie id ↔ dense index.</param>
    /// <param name="ratingMin">Lowest rating of the scale, for example 1 (or 0.5).</param>
    /// <param name="ratingMax">Highest rating of the scale, for example 5.</param>
    /// <param name="loadReport">Lines skipped while loading; <see cref="LoadReport.None"/> when none.</param>
    /// <param name="tags">Users' free-text tags on movies (raw ids), or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">Parts disagree in size, or the scale is empty.</exception>
    public static RecommendationDataset Create(
        string name,
        RatingsTable ratings,
        UsersTable? users,
        MoviesTable movies,
        IdMap userIds,
        IdMap movieIds,
        float ratingMin,
        float ratingMax,
        LoadReport? loadReport = null,
        IReadOnlyList<MovieTag>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentNullException.ThrowIfNull(movieIds);
        if (!(ratingMin < ratingMax) || !float.IsFinite(ratingMin) || !float.IsFinite(ratingMax))
        {
            throw new ArgumentException($"Rating scale [{ratingMin}, {ratingMax}] is empty or not finite.", nameof(ratingMin));
        }

        if (users is not null && users.Count != userIds.IndexCount)
        {
            throw new ArgumentException($"Users table has {users.Count} rows but the user map has {userIds.IndexCount} indices.", nameof(users));
        }

        if (movies.Count != movieIds.IndexCount)
        {
            throw new ArgumentException($"Movies table has {movies.Count} rows but the movie map has {movieIds.IndexCount} indices.", nameof(movies));
        }

        if (ratings.UserIndexBound > userIds.IndexCount || ratings.MovieIndexBound > movieIds.IndexCount)
        {
            throw new ArgumentException(
                $"Ratings use user index {ratings.UserIndexBound - 1} / movie index {ratings.MovieIndexBound - 1}, beyond the maps' {userIds.Count} users / {movieIds.Count} movies.",
                nameof(ratings));
        }

        return new RecommendationDataset(name, ratings, users, movies, userIds, movieIds, ratingMin, ratingMax, loadReport ?? LoadReport.None, tags ?? []);
    }

    /// <summary>Short name, for example "ml-100k".</summary>
    public string Name { get; }

    /// <summary>All ratings.</summary>
    public RatingsTable Ratings { get; }

    /// <summary>User demographics, or <see langword="null"/> when the dataset has none (CSV releases, Netflix).</summary>
    public UsersTable? Users { get; }

    /// <summary>Movie metadata.</summary>
    public MoviesTable Movies { get; }

    /// <summary>Raw user id ↔ dense user index.</summary>
    public IdMap UserIds { get; }

    /// <summary>Raw movie id ↔ dense movie index.</summary>
    public IdMap MovieIds { get; }

    /// <summary>Lowest rating of the scale.</summary>
    public float RatingMin { get; }

    /// <summary>Highest rating of the scale.</summary>
    public float RatingMax { get; }

    /// <summary>Lines skipped while loading (only with <see cref="DataLoadOptions.SkipBadLines"/>).</summary>
    public LoadReport LoadReport { get; }

    /// <summary>
    /// Users' free-text tags on movies, in raw ids (<c>tags.csv</c> of the CSV releases); empty when the dataset has
    /// none. A content model asked to read tags (<see cref="Content.ContentSources.Tags"/>) reads only those whose
    /// tagger's rating of the movie is among its training ratings
    /// (<see cref="Content.ContentText.All(RecommendationDataset, RatingsTable, Content.ContentSources)"/>).
    /// </summary>
    public IReadOnlyList<MovieTag> Tags { get; }

    /// <summary>Number of users (dense indices 1..<see cref="UserCount"/>).</summary>
    public int UserCount => UserIds.Count;

    /// <summary>Number of movies (dense indices 1..<see cref="MovieCount"/>).</summary>
    public int MovieCount => MovieIds.Count;

    /// <summary>Returns a copy with other ratings (same users, movies and maps), for example a training split.</summary>
    /// <param name="ratings">Ratings indexed by this dataset's maps.</param>
    public RecommendationDataset WithRatings(RatingsTable ratings) =>
        Create(Name, ratings, Users, Movies, UserIds, MovieIds, RatingMin, RatingMax, LoadReport, Tags);

    /// <summary>
    /// Returns a copy holding only the ratings of <paramref name="count"/> users drawn at random with
    /// <paramref name="seed"/> among those who rated (a large dataset's user sample, as the like/dislike paper took 5,000
    /// random ML-20M users); the maps are kept, so indices stay valid. With <paramref name="count"/> at or above the
    /// number of users who rated, every rating is kept.
    /// </summary>
    /// <param name="count">Users to keep; 1 or more.</param>
    /// <param name="seed">Seed of the draw.</param>
    /// <returns>The sampled dataset.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public RecommendationDataset WithUserSample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var users = Ratings.Users;
        var raters = new SortedSet<int>();
        foreach (int u in users)
        {
            raters.Add(u);
        }

        if (count >= raters.Count)
        {
            return this;
        }

        var order = raters.ToArray();
        new Random(seed).Shuffle(order);
        var kept = new HashSet<int>(order[..count]);
        var rows = new List<int>();
        for (int i = 0; i < users.Length; i++)
        {
            if (kept.Contains(users[i]))
            {
                rows.Add(i);
            }
        }

        return WithRatings(Ratings.Subset(rows.ToArray()));
    }

    /// <summary>Returns a copy with other movie metadata (for example with descriptions joined in).</summary>
    /// <param name="movies">Movie table with one row per index of <see cref="MovieIds"/>.</param>
    public RecommendationDataset WithMovies(MoviesTable movies) =>
        Create(Name, Ratings, Users, movies, UserIds, MovieIds, RatingMin, RatingMax, LoadReport, Tags);
}
