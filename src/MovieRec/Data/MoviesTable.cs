namespace MovieRec.Data;

/// <summary>
/// Movie metadata per dense movie index: title, release year, genres and an optional description.
/// Row 0 is the unknown/padding movie (empty title, year 0, no genres).
/// </summary>
/// <remarks>
/// Genres are stored in compressed-row form: the genres of movie <c>m</c> are indices into
/// <see cref="GenreNames"/> (0-based). Feature encoders shift them by one so that 0 can mean padding.
/// </remarks>
public sealed class MoviesTable
{
    private readonly string[] _titles;
    private readonly int[] _years;
    private readonly int[] _genreOffsets;
    private readonly int[] _genreIndices;
    private readonly string[] _genreNames;
    private readonly string?[] _descriptions;

    private MoviesTable(string[] titles, int[] years, int[] genreOffsets, int[] genreIndices, string[] genreNames, string?[] descriptions)
    {
        _titles = titles;
        _years = years;
        _genreOffsets = genreOffsets;
        _genreIndices = genreIndices;
        _genreNames = genreNames;
        _descriptions = descriptions;
    }

    /// <summary>
    /// Builds a table. Index 0 of each list is the unknown movie.
    /// </summary>
    /// <param name="titles">Title per dense movie index, as the dataset writes it (with the year).</param>
    /// <param name="years">Release year per dense movie index; 0 when unknown.</param>
    /// <param name="genres">Genre indices (into <paramref name="genreNames"/>) per dense movie index.</param>
    /// <param name="genreNames">The genre vocabulary.</param>
    /// <param name="descriptions">Plot description per dense movie index, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">Lists differ in length, or a genre index is out of range.</exception>
    public static MoviesTable Create(
        IReadOnlyList<string> titles,
        IReadOnlyList<int> years,
        IReadOnlyList<IReadOnlyList<int>> genres,
        IReadOnlyList<string> genreNames,
        IReadOnlyList<string?>? descriptions = null)
    {
        ArgumentNullException.ThrowIfNull(titles);
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(genres);
        ArgumentNullException.ThrowIfNull(genreNames);
        int n = titles.Count;
        if (n == 0 || years.Count != n || genres.Count != n || (descriptions is not null && descriptions.Count != n))
        {
            throw new ArgumentException(
                $"Lists must have equal, non-zero lengths (row 0 is the unknown movie); got titles {titles.Count}, years {years.Count}, genres {genres.Count}, descriptions {descriptions?.Count}.");
        }

        var offsets = new int[n + 1];
        var flat = new List<int>(n * 2);
        for (int i = 0; i < n; i++)
        {
            foreach (int g in genres[i])
            {
                if ((uint)g >= (uint)genreNames.Count)
                {
                    throw new ArgumentException($"Row {i}: genre index {g} is outside 0..{genreNames.Count - 1}.", nameof(genres));
                }

                flat.Add(g);
            }

            offsets[i + 1] = flat.Count;
            if (years[i] < 0)
            {
                throw new ArgumentException($"Row {i}: year {years[i]} is negative.", nameof(years));
            }
        }

        var desc = new string?[n];
        if (descriptions is not null)
        {
            for (int i = 0; i < n; i++)
            {
                desc[i] = descriptions[i];
            }
        }

        return new MoviesTable([.. titles], [.. years], offsets, [.. flat], [.. genreNames], desc);
    }

    /// <summary>Number of rows, including row 0 (the unknown movie).</summary>
    public int Count => _titles.Length;

    /// <summary>Title per dense movie index.</summary>
    public IReadOnlyList<string> Titles => _titles;

    /// <summary>Release year per dense movie index; 0 when unknown.</summary>
    public ReadOnlySpan<int> Years => _years;

    /// <summary>The genre vocabulary (0-based).</summary>
    public IReadOnlyList<string> GenreNames => _genreNames;

    /// <summary>Plot description per dense movie index; <see langword="null"/> where none is known.</summary>
    public IReadOnlyList<string?> Descriptions => _descriptions;

    /// <summary>Number of movies (rows other than 0) that have a description.</summary>
    public int DescriptionCount => _descriptions.Count(d => d is not null);

    /// <summary>The genre indices of movie <paramref name="movie"/>, into <see cref="GenreNames"/>.</summary>
    /// <param name="movie">Dense movie index 0..<see cref="Count"/>-1.</param>
    public ReadOnlySpan<int> GenresOf(int movie)
    {
        if ((uint)movie >= (uint)_titles.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(movie), movie, $"Expected a dense movie index in 0..{_titles.Length - 1}.");
        }

        return _genreIndices.AsSpan(_genreOffsets[movie], _genreOffsets[movie + 1] - _genreOffsets[movie]);
    }

    /// <summary>
    /// The key of a movie's genre in one slot, as the feature encoders write genres: 1 + its index into
    /// <see cref="GenreNames"/>, or 0 (padding) when the movie has fewer genres than <paramref name="slot"/> + 1.
    /// </summary>
    /// <param name="movie">Dense movie index 0..<see cref="Count"/>-1.</param>
    /// <param name="slot">The genre's position in the movie's list, from 0.</param>
    /// <returns>The key.</returns>
    public int GenreKey(int movie, int slot)
    {
        var genres = GenresOf(movie);
        return (uint)slot < (uint)genres.Length ? genres[slot] + 1 : 0;
    }

    /// <summary>Returns a copy of this table with the given descriptions.</summary>
    /// <param name="descriptions">Description per dense movie index (same length as <see cref="Count"/>).</param>
    public MoviesTable WithDescriptions(IReadOnlyList<string?> descriptions)
    {
        ArgumentNullException.ThrowIfNull(descriptions);
        if (descriptions.Count != Count)
        {
            throw new ArgumentException($"Expected {Count} descriptions (one per row), got {descriptions.Count}.", nameof(descriptions));
        }

        return new MoviesTable(_titles, _years, _genreOffsets, _genreIndices, _genreNames, [.. descriptions]);
    }
}
