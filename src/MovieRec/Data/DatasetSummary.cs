namespace MovieRec.Data;

/// <summary>
/// Descriptive statistics of a dataset, for <c>movierec data info</c>: counts, sparsity and the
/// rating, genre and release-year distributions.
/// </summary>
public sealed class DatasetSummary
{
    private DatasetSummary()
    {
    }

    /// <summary>Dataset name.</summary>
    public string Name { get; private init; } = string.Empty;

    /// <summary>Number of ratings.</summary>
    public long RatingCount { get; private init; }

    /// <summary>Number of users in the id map.</summary>
    public int UserCount { get; private init; }

    /// <summary>Number of movies in the catalogue (movie id map).</summary>
    public int MovieCount { get; private init; }

    /// <summary>Number of users with at least one rating.</summary>
    public int RatingUserCount { get; private init; }

    /// <summary>Number of movies with at least one rating.</summary>
    public int RatedMovieCount { get; private init; }

    /// <summary>1 − ratings / (rating users × rated movies): the share of the user × movie grid that is empty; 0 for no ratings.</summary>
    public double Sparsity { get; private init; }

    /// <summary>Mean rating; 0 for no ratings.</summary>
    public double MeanRating { get; private init; }

    /// <summary>Rating scale minimum.</summary>
    public float RatingMin { get; private init; }

    /// <summary>Rating scale maximum.</summary>
    public float RatingMax { get; private init; }

    /// <summary>Fewest ratings by one rating user.</summary>
    public int MinRatingsPerUser { get; private init; }

    /// <summary>Median number of ratings per rating user.</summary>
    public int MedianRatingsPerUser { get; private init; }

    /// <summary>Most ratings by one user.</summary>
    public int MaxRatingsPerUser { get; private init; }

    /// <summary>Earliest rating time (Unix seconds), or <see langword="null"/> without timestamps or ratings.</summary>
    public long? FirstTimestamp { get; private init; }

    /// <summary>Latest rating time (Unix seconds), or <see langword="null"/> without timestamps or ratings.</summary>
    public long? LastTimestamp { get; private init; }

    /// <summary>Whether the dataset has user demographics.</summary>
    public bool HasDemographics { get; private init; }

    /// <summary>Number of movies with a description.</summary>
    public int DescriptionCount { get; private init; }

    /// <summary>Number of ratings per rating value, ascending by value.</summary>
    public IReadOnlyList<KeyValuePair<float, long>> RatingDistribution { get; private init; } = [];

    /// <summary>Per genre: the number of movies of that genre, in the order of the genre vocabulary.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> GenreMovieCounts { get; private init; } = [];

    /// <summary>Per genre: the number of ratings of movies of that genre.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> GenreRatingCounts { get; private init; } = [];

    /// <summary>Number of movies per release decade (1990 = 1990..1999), ascending; unknown years are left out.</summary>
    public IReadOnlyList<KeyValuePair<int, int>> DecadeMovieCounts { get; private init; } = [];

    /// <summary>Number of movies without a known release year.</summary>
    public int UnknownYearCount { get; private init; }

    /// <summary>Computes the summary.</summary>
    /// <param name="dataset">The dataset.</param>
    public static DatasetSummary Create(RecommendationDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var ratings = dataset.Ratings;
        var movies = dataset.Movies;
        var perUser = new int[dataset.UserIds.IndexCount];
        var perMovie = new long[movies.Count];
        var values = new SortedDictionary<float, long>();
        double sum = 0;
        for (int i = 0; i < ratings.Count; i++)
        {
            perUser[ratings.Users[i]]++;
            perMovie[ratings.Movies[i]]++;
            float r = ratings.Ratings[i];
            values[r] = values.GetValueOrDefault(r) + 1;
            sum += r;
        }

        var userCounts = perUser.Where(c => c > 0).Order().ToArray();
        int ratedMovies = perMovie.Count(c => c > 0);
        double cells = (double)userCounts.Length * ratedMovies;
        var genreMovies = new int[movies.GenreNames.Count];
        var genreRatings = new long[movies.GenreNames.Count];
        var decades = new SortedDictionary<int, int>();
        int unknownYear = 0;
        for (int m = 1; m < movies.Count; m++)
        {
            foreach (int g in movies.GenresOf(m))
            {
                genreMovies[g]++;
                genreRatings[g] += perMovie[m];
            }

            int year = movies.Years[m];
            if (year <= 0)
            {
                unknownYear++;
            }
            else
            {
                decades[year / 10 * 10] = decades.GetValueOrDefault(year / 10 * 10) + 1;
            }
        }

        long? first = null;
        long? last = null;
        if (ratings.HasTimestamps && ratings.Count > 0)
        {
            long lo = long.MaxValue;
            long hi = long.MinValue;
            foreach (long t in ratings.Timestamps)
            {
                lo = Math.Min(lo, t);
                hi = Math.Max(hi, t);
            }

            (first, last) = (lo, hi);
        }

        return new DatasetSummary
        {
            Name = dataset.Name,
            RatingCount = ratings.Count,
            UserCount = dataset.UserCount,
            MovieCount = dataset.MovieCount,
            RatingUserCount = userCounts.Length,
            RatedMovieCount = ratedMovies,
            Sparsity = cells > 0 ? 1 - (ratings.Count / cells) : 0,
            MeanRating = ratings.Count > 0 ? sum / ratings.Count : 0,
            RatingMin = dataset.RatingMin,
            RatingMax = dataset.RatingMax,
            MinRatingsPerUser = userCounts.Length > 0 ? userCounts[0] : 0,
            MedianRatingsPerUser = userCounts.Length > 0 ? userCounts[userCounts.Length / 2] : 0,
            MaxRatingsPerUser = userCounts.Length > 0 ? userCounts[^1] : 0,
            FirstTimestamp = first,
            LastTimestamp = last,
            HasDemographics = dataset.Users is not null,
            DescriptionCount = movies.DescriptionCount,
            RatingDistribution = [.. values],
            GenreMovieCounts = [.. movies.GenreNames.Select((name, g) => KeyValuePair.Create(name, genreMovies[g]))],
            GenreRatingCounts = [.. movies.GenreNames.Select((name, g) => KeyValuePair.Create(name, genreRatings[g]))],
            DecadeMovieCounts = [.. decades],
            UnknownYearCount = unknownYear,
        };
    }
}
