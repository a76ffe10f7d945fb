using MovieRec.Data;

namespace MovieRec.Content;

/// <summary>
/// The text a content model reads for a movie: its plot description, or else its title and genres, followed by the
/// tags users gave it in the training ratings.
/// </summary>
public static class ContentText
{
    /// <summary>Gets the text of one movie: the description when the dataset has one (for example joined from the
    /// Netflix titles), otherwise "Title. Genre, Genre" with the year removed from the title.</summary>
    /// <param name="movies">The movies table.</param>
    /// <param name="movie">A movie index, 1 or more.</param>
    /// <returns>The text; empty for index 0.</returns>
    public static string Of(MoviesTable movies, int movie) => Of(movies, movie, ContentSources.Descriptions);

    /// <summary>Gets the text of every movie, indexed as the table is (index 0 is empty).</summary>
    /// <param name="movies">The movies table.</param>
    /// <returns>One text per movie index.</returns>
    public static string[] All(MoviesTable movies) => All(movies, ContentSources.Descriptions);

    /// <summary>
    /// Gets the text of every movie as a content model trained on <paramref name="train"/> reads it: the description
    /// (with <see cref="ContentSources.Descriptions"/>) or the title and genres, then, with
    /// <see cref="ContentSources.Tags"/>, "Tags: a, b." listing the distinct tags (case-insensitive, most used first)
    /// whose tagger's rating of the movie is in <paramref name="train"/>. A tag whose rating is held out, or whose
    /// tagger never rated the movie, is not read, so a held-out rating cannot reach the model through its tag and a
    /// movie stripped of its training ratings (a new release) has no tags.
    /// </summary>
    /// <param name="dataset">The dataset whose movies and tags are read.</param>
    /// <param name="train">The training ratings, in the dataset's indices.</param>
    /// <param name="sources">What to read beyond titles and genres.</param>
    /// <returns>One text per movie index (index 0 is empty).</returns>
    public static string[] All(RecommendationDataset dataset, RatingsTable train, ContentSources sources)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(train);
        var texts = All(dataset.Movies, sources);
        if ((sources & ContentSources.Tags) != 0 && dataset.Tags.Count > 0)
        {
            var tags = TrainingTags(dataset, train);
            for (int m = 1; m < texts.Length; m++)
            {
                if (tags[m] is { Count: > 0 } counts)
                {
                    var ordered = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key);
                    texts[m] = $"{texts[m]} Tags: {string.Join(", ", ordered)}.";
                }
            }
        }

        return texts;
    }

    private static string[] All(MoviesTable movies, ContentSources sources)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var texts = new string[movies.Count];
        for (int m = 0; m < texts.Length; m++)
        {
            texts[m] = Of(movies, m, sources);
        }

        return texts;
    }

    private static string Of(MoviesTable movies, int movie, ContentSources sources)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentOutOfRangeException.ThrowIfNegative(movie);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(movie, movies.Count);
        if (movie == 0)
        {
            return string.Empty;
        }

        if ((sources & ContentSources.Descriptions) != 0 && movies.Descriptions[movie] is { Length: > 0 } description)
        {
            return description;
        }

        string title = MovieTitles.StripYear(movies.Titles[movie]);
        var genres = movies.GenresOf(movie);
        if (genres.IsEmpty)
        {
            return title;
        }

        var names = new string[genres.Length];
        for (int i = 0; i < genres.Length; i++)
        {
            names[i] = movies.GenreNames[genres[i]];
        }

        return $"{title}. {string.Join(", ", names)}";
    }

    /// <summary>Per movie index, each distinct tag (trimmed, lower case) with the number of training pairs that gave it.</summary>
    private static Dictionary<string, int>?[] TrainingTags(RecommendationDataset dataset, RatingsTable train)
    {
        // The (user, movie) pairs that carry a tag, then which of them the training ratings hold: one pass over the
        // ratings, memory in the number of tags rather than of ratings.
        long movieBound = dataset.Movies.Count;
        var tagged = new Dictionary<long, bool>();
        var keys = new long[dataset.Tags.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            var tag = dataset.Tags[i];
            int user = dataset.UserIds.IndexOf(tag.UserId);
            int movie = dataset.MovieIds.IndexOf(tag.MovieId);
            keys[i] = user > 0 && movie > 0 ? (user * movieBound) + movie : -1;
            if (keys[i] >= 0)
            {
                tagged[keys[i]] = false;
            }
        }

        var users = train.Users;
        var trainMovies = train.Movies;
        for (int i = 0; i < train.Count; i++)
        {
            long key = (users[i] * movieBound) + trainMovies[i];
            if (tagged.ContainsKey(key))
            {
                tagged[key] = true;
            }
        }

        var result = new Dictionary<string, int>?[movieBound];
        for (int i = 0; i < keys.Length; i++)
        {
            string text = dataset.Tags[i].Tag.Trim().ToLowerInvariant();
            if (keys[i] < 0 || !tagged[keys[i]] || text.Length == 0)
            {
                continue;
            }

            var counts = result[keys[i] % movieBound] ??= new Dictionary<string, int>(StringComparer.Ordinal);
            counts[text] = counts.GetValueOrDefault(text) + 1;
        }

        return result;
    }
}
