using Microsoft.ML;
using MovieRec.Data;

namespace MovieRec.MLNet;

/// <summary>
/// A loaded dataset's tables as ML.NET <see cref="IDataView"/>s, with raw ids (the dataset's own) as columns, so an
/// ML.NET pipeline starts from MovieRec's strict loaders: a malformed file fails while loading, naming the file and
/// line, before any view exists.
/// </summary>
/// <example>
/// <code>
/// RecommendationDataset data = DatasetCatalog.Load("ml-100k");
/// IDataView ratings = mlContext.Data.LoadRatings(data);   // UserId, MovieId, Label, Timestamp
/// ITransformer model = mlContext.MovieRec().MatrixFactorization().Fit(ratings);
/// </code>
/// </example>
public static class DatasetViews
{
    /// <summary>The ratings: <c>UserId</c> and <c>MovieId</c> (Int64, the dataset's ids), <c>Label</c> (Single), <c>Timestamp</c> (Int64, Unix seconds; 0 when the dataset has none).</summary>
    /// <param name="catalog">ML.NET's data catalog (<c>mlContext.Data</c>).</param>
    /// <param name="dataset">A loaded dataset.</param>
    /// <returns>One row per rating, in the dataset's order.</returns>
    public static IDataView LoadRatings(this DataOperationsCatalog catalog, RecommendationDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return LoadRatings(catalog, dataset, dataset.Ratings);
    }

    /// <summary>Ratings of a dataset (for example one side of a split) with the dataset's raw ids.</summary>
    /// <param name="catalog">ML.NET's data catalog (<c>mlContext.Data</c>).</param>
    /// <param name="dataset">The dataset the ratings' indices refer to.</param>
    /// <param name="ratings">The ratings.</param>
    /// <returns>One row per rating.</returns>
    public static IDataView LoadRatings(this DataOperationsCatalog catalog, RecommendationDataset dataset, RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(ratings);
        var rows = new RatingRow[ratings.Count];
        var timestamps = ratings.Timestamps;
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new RatingRow
            {
                UserId = dataset.UserIds.RawIdOf(ratings.Users[i]),
                MovieId = dataset.MovieIds.RawIdOf(ratings.Movies[i]),
                Label = ratings.Ratings[i],
                Timestamp = timestamps[i],
            };
        }

        return catalog.LoadFromEnumerable(rows);
    }

    /// <summary>The movies: <c>MovieId</c> (Int64), <c>Title</c>, <c>Year</c> (Int32, 0 when unknown), <c>Genres</c> (text vector of genre names).</summary>
    /// <param name="catalog">ML.NET's data catalog.</param>
    /// <param name="dataset">A loaded dataset.</param>
    /// <returns>One row per movie.</returns>
    public static IDataView LoadMovies(this DataOperationsCatalog catalog, RecommendationDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(dataset);
        var movies = dataset.Movies;
        var names = movies.GenreNames;
        var rows = new List<MovieRow>(dataset.MovieCount);
        for (int m = 1; m < movies.Count; m++)
        {
            rows.Add(new MovieRow
            {
                MovieId = dataset.MovieIds.RawIdOf(m),
                Title = movies.Titles[m],
                Year = movies.Years[m],
                Genres = [.. movies.GenresOf(m).ToArray().Select(g => names[g])],
            });
        }

        return catalog.LoadFromEnumerable(rows);
    }

    /// <summary>
    /// The users: <c>UserId</c> (Int64), <c>Gender</c> (text, F or M), <c>Age</c> (Int32), <c>Occupation</c> (text, the
    /// dataset's name for it), <c>Zip</c> (text).
    /// </summary>
    /// <param name="catalog">ML.NET's data catalog.</param>
    /// <param name="dataset">A loaded dataset with demographics.</param>
    /// <returns>One row per user.</returns>
    /// <exception cref="ArgumentException">The dataset has no user demographics (ml-latest-small, Netflix).</exception>
    public static IDataView LoadUsers(this DataOperationsCatalog catalog, RecommendationDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(dataset);
        var users = dataset.Users ?? throw new ArgumentException($"Dataset '{dataset.Name}' has no user demographics.", nameof(dataset));
        var rows = new List<UserRow>(dataset.UserCount);
        for (int u = 1; u < users.Count; u++)
        {
            int occupation = users.Occupation[u];
            rows.Add(new UserRow
            {
                UserId = dataset.UserIds.RawIdOf(u),
                Gender = users.Gender[u] == 0 ? "F" : "M",
                Age = users.Age[u],
                Occupation = occupation >= 0 && occupation < users.OccupationNames.Count ? users.OccupationNames[occupation] : string.Empty,
                Zip = users.Zip[u],
            });
        }

        return catalog.LoadFromEnumerable(rows);
    }

    private sealed class RatingRow
    {
        public long UserId { get; set; }

        public long MovieId { get; set; }

        public float Label { get; set; }

        public long Timestamp { get; set; }
    }

    private sealed class MovieRow
    {
        public long MovieId { get; set; }

        public string Title { get; set; } = string.Empty;

        public int Year { get; set; }

        public string[] Genres { get; set; } = [];
    }

    private sealed class UserRow
    {
        public long UserId { get; set; }

        public string Gender { get; set; } = string.Empty;

        public int Age { get; set; }

        public string Occupation { get; set; } = string.Empty;

        public string Zip { get; set; } = string.Empty;
    }
}
