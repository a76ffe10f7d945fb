using MovieRec.Data;

namespace MovieRec.Features;

/// <summary>
/// Encodes movies as fixed-width int64 rows [movie index, genres × 18, title words × 15], the
/// movie-tower inputs of the LSTM-CNN paper.
/// </summary>
/// <remarks>
/// Genre slot values are the genre's index in <see cref="MoviesTable.GenreNames"/> plus one, so 0 is
/// padding; genres beyond <see cref="GenreLength"/> are dropped. Title slots come from
/// <see cref="TitleEncoder"/> (trailing year removed, &lt;PAD&gt; = 0, &lt;UNK&gt; for unseen words).
/// </remarks>
public sealed class MovieFeatureEncoder
{
    private readonly MoviesTable _movies;

    private MovieFeatureEncoder(MoviesTable movies, TitleEncoder titles, int genreLength)
    {
        _movies = movies;
        Titles = titles;
        GenreLength = genreLength;
    }

    /// <summary>The title encoder (and its word vocabulary).</summary>
    public TitleEncoder Titles { get; }

    /// <summary>Genre slots per row (default 18).</summary>
    public int GenreLength { get; }

    /// <summary>Title slots per row (default 15).</summary>
    public int TitleLength => Titles.Length;

    /// <summary>Number of int64 values per movie: 1 + <see cref="GenreLength"/> + <see cref="TitleLength"/>.</summary>
    public int Width => 1 + GenreLength + TitleLength;

    /// <summary>Number of movie indices (embedding rows), index 0 included.</summary>
    public int MovieIndexCount => _movies.Count;

    /// <summary>Number of genre codes (embedding rows): the genres plus the padding code 0.</summary>
    public int GenreCount => _movies.GenreNames.Count + 1;

    /// <summary>The genre vocabulary: "&lt;PAD&gt;" then the genre names, index = genre code.</summary>
    public Vocabulary GenreVocabulary => GenreVocabularyOf(_movies);

    /// <summary>The genre vocabulary of a movie table: <c>&lt;PAD&gt;</c> at 0, then its genres in the order of their keys (<see cref="MoviesTable.GenreKey"/>).</summary>
    /// <param name="movies">The movies.</param>
    /// <returns>The vocabulary.</returns>
    public static Vocabulary GenreVocabularyOf(MoviesTable movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        return Vocabulary.FromTokens([Vocabulary.PadToken, .. movies.GenreNames]);
    }

    /// <summary>Creates an encoder whose title vocabulary is built from the dataset's titles.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="genreLength">Genre slots, 1 or more. Default 18.</param>
    /// <param name="titleLength">Title slots, 1 or more. Default 15.</param>
    public static MovieFeatureEncoder Create(RecommendationDataset dataset, int genreLength = FeatureDefaults.GenreLength, int titleLength = FeatureDefaults.TitleLength)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Create(dataset.Movies, TitleEncoder.Create(dataset.Movies, titleLength), genreLength);
    }

    /// <summary>Creates an encoder with a given title encoder (for example with a saved vocabulary).</summary>
    /// <param name="movies">The movies.</param>
    /// <param name="titles">The title encoder.</param>
    /// <param name="genreLength">Genre slots, 1 or more. Default 18.</param>
    public static MovieFeatureEncoder Create(MoviesTable movies, TitleEncoder titles, int genreLength = FeatureDefaults.GenreLength)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(titles);
        ArgumentOutOfRangeException.ThrowIfLessThan(genreLength, 1);
        return new MovieFeatureEncoder(movies, titles, genreLength);
    }

    /// <summary>Writes the row of movie <paramref name="movie"/> into <paramref name="destination"/> (at least <see cref="Width"/> slots).</summary>
    /// <param name="movie">Dense movie index 0..<see cref="MovieIndexCount"/>-1 (0 = unknown movie: all zeros).</param>
    /// <param name="destination">Output row.</param>
    public void Encode(int movie, Span<long> destination)
    {
        if ((uint)movie >= (uint)MovieIndexCount)
        {
            throw new ArgumentOutOfRangeException(nameof(movie), movie, $"Expected a dense movie index in 0..{MovieIndexCount - 1}.");
        }

        if (destination.Length < Width)
        {
            throw new ArgumentException($"Destination has {destination.Length} slots; {Width} are needed.", nameof(destination));
        }

        destination[..Width].Clear();
        destination[0] = movie;
        int genres = Math.Min(_movies.GenresOf(movie).Length, GenreLength);
        for (int g = 0; g < genres; g++)
        {
            destination[1 + g] = _movies.GenreKey(movie, g);
        }

        if (movie > 0)
        {
            Titles.Encode(_movies.Titles[movie], destination.Slice(1 + GenreLength, TitleLength));
        }
    }

    /// <summary>Encodes every movie index into a row-major [count, <see cref="Width"/>] array.</summary>
    public long[] EncodeAll()
    {
        var result = new long[MovieIndexCount * Width];
        for (int m = 0; m < MovieIndexCount; m++)
        {
            Encode(m, result.AsSpan(m * Width, Width));
        }

        return result;
    }

    /// <summary>Release year per movie index (0 when unknown), as int64.</summary>
    public long[] EncodeYears()
    {
        var result = new long[MovieIndexCount];
        for (int m = 0; m < MovieIndexCount; m++)
        {
            result[m] = _movies.Years[m];
        }

        return result;
    }
}
