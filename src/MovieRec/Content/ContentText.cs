using MovieRec.Data;

namespace MovieRec.Content;

/// <summary>The text a content model reads for a movie: its plot description, or else its title and genres.</summary>
public static class ContentText
{
    /// <summary>Gets the text of one movie: the description when the dataset has one (for example joined from the
    /// Netflix titles), otherwise "Title. Genre, Genre" with the year removed from the title.</summary>
    /// <param name="movies">The movies table.</param>
    /// <param name="movie">A movie index, 1 or more.</param>
    /// <returns>The text; empty for index 0.</returns>
    public static string Of(MoviesTable movies, int movie)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentOutOfRangeException.ThrowIfNegative(movie);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(movie, movies.Count);
        if (movie == 0)
        {
            return string.Empty;
        }

        if (movies.Descriptions[movie] is { Length: > 0 } description)
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

    /// <summary>Gets the text of every movie, indexed as the table is (index 0 is empty).</summary>
    /// <param name="movies">The movies table.</param>
    /// <returns>One text per movie index.</returns>
    public static string[] All(MoviesTable movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var texts = new string[movies.Count];
        for (int m = 0; m < texts.Length; m++)
        {
            texts[m] = Of(movies, m);
        }

        return texts;
    }
}
