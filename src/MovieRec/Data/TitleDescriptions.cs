using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Reads a titles-with-descriptions CSV (RFC 4180, UTF-8, quoted fields may span lines; columns found by
/// header name: <c>title</c>, <c>release_year</c>, <c>description</c>, optional <c>type</c>) and joins it
/// to a dataset's movies by normalised title and release year.
/// </summary>
/// <remarks>
/// The join key is <see cref="MovieTitles.Normalize"/> of the title plus the year. A movie takes the
/// description of an entry with the same key, preferring type "Movie"; when none matches it tries
/// the years one either side (catalogues disagree on release years), and when the movie's year is
/// unknown, a title that occurs once in the catalogue.
/// </remarks>
public static class TitleDescriptions
{
    /// <summary>The folder name of the Netflix titles catalogue (<c>netflix_titles.csv</c>) under the data folders.</summary>
    public const string NetflixTitlesName = "netflix-titles";

    /// <summary>The file name of the Netflix titles catalogue.</summary>
    public const string NetflixTitlesFile = "netflix_titles.csv";

    /// <summary>
    /// Finds the Netflix titles catalogue where datasets are looked for: <c>MOVIEREC_DATA/netflix-titles/</c>, then the
    /// download cache's <c>netflix-titles/</c>.
    /// </summary>
    /// <returns>The path of <c>netflix_titles.csv</c>, or null when it is in neither place.</returns>
    public static string? FindNetflixTitles()
    {
        string? env = Environment.GetEnvironmentVariable(DataDefaults.DataEnvironmentVariable);
        var folders = new List<string>();
        if (!string.IsNullOrWhiteSpace(env))
        {
            folders.Add(Path.Combine(env, NetflixTitlesName));
        }

        folders.Add(Path.Combine(DatasetCatalog.CacheRoot, NetflixTitlesName));
        return folders.Select(folder => Path.GetFullPath(Path.Combine(folder, NetflixTitlesFile))).FirstOrDefault(File.Exists);
    }

    /// <summary>Reads the catalogue.</summary>
    /// <param name="path">The CSV file, for example <c>netflix_titles.csv</c>.</param>
    /// <param name="options">Bad-line policy; <see langword="null"/> for the defaults.</param>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="DataFormatException">The header lacks a needed column, or a record is malformed.</exception>
    public static IReadOnlyList<TitleDescription> Load(string path, DataLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var context = new LoadContext(options);
        using var reader = CsvRecordReader.Open(path, Encoding.UTF8);
        var header = reader.Read() ?? throw new DataFormatException(path, 0, string.Empty, "the file is empty");
        int title = Column(header, "title", path);
        int year = Column(header, "release_year", path);
        int description = Column(header, "description", path);
        int type = Array.IndexOf(header, "type");
        int listedIn = Array.IndexOf(header, "listed_in");
        var entries = new List<TitleDescription>();
        while (reader.Read() is { } fields)
        {
            string? reason = null;
            int releaseYear = 0;
            if (fields.Length != header.Length)
            {
                reason = $"expected {header.Length} fields, found {fields.Length}";
            }
            else if (fields[year].Length > 0 && (!MetadataReader.TryParseInt(fields[year], out releaseYear) || releaseYear > 2100))
            {
                reason = $"release_year \"{fields[year]}\" is not a year";
            }
            else if (fields[title].Trim().Length == 0)
            {
                reason = "empty title";
            }

            if (reason is not null)
            {
                context.BadLine(path, reader.RecordLine, MetadataReader.Shorten(string.Join(",", fields)), reason);
                continue;
            }

            entries.Add(new TitleDescription(fields[title].Trim(), releaseYear, type >= 0 ? fields[type] : string.Empty, fields[description].Trim())
            {
                Genres = listedIn >= 0 ? fields[listedIn].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [],
            });
        }

        return entries;
    }

    /// <summary>Returns the dataset with descriptions set on the movies that match the catalogue.</summary>
    /// <param name="dataset">The dataset whose movies get descriptions.</param>
    /// <param name="catalogue">Entries from <see cref="Load"/>.</param>
    /// <returns>A copy of the dataset; <see cref="MoviesTable.DescriptionCount"/> tells how many matched.</returns>
    public static RecommendationDataset Join(RecommendationDataset dataset, IReadOnlyList<TitleDescription> catalogue)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.WithMovies(Join(dataset.Movies, catalogue));
    }

    /// <summary>Returns the movies with descriptions set on those that match the catalogue (same normalised title, release
    /// year within one; a title without a year matches only a title the catalogue has once).</summary>
    /// <param name="movies">The movies that get descriptions.</param>
    /// <param name="catalogue">Entries from <see cref="Load"/>.</param>
    /// <returns>A copy of the movies; <see cref="MoviesTable.DescriptionCount"/> tells how many matched.</returns>
    public static MoviesTable Join(MoviesTable movies, IReadOnlyList<TitleDescription> catalogue)
    {
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(catalogue);
        var byKey = new Dictionary<(string, int), TitleDescription>();
        var byTitle = new Dictionary<string, List<TitleDescription>>();
        foreach (var entry in catalogue)
        {
            string key = MovieTitles.Normalize(entry.Title);
            if (key.Length == 0)
            {
                continue;
            }

            if (!byKey.TryGetValue((key, entry.ReleaseYear), out var existing) || (existing.Type != "Movie" && entry.Type == "Movie"))
            {
                byKey[(key, entry.ReleaseYear)] = entry;
            }

            if (!byTitle.TryGetValue(key, out var list))
            {
                byTitle[key] = list = [];
            }

            list.Add(entry);
        }

        var descriptions = new string?[movies.Count];
        for (int m = 1; m < movies.Count; m++)
        {
            descriptions[m] = movies.Descriptions[m];
            string key = MovieTitles.Normalize(movies.Titles[m]);
            int year = movies.Years[m];
            if (key.Length == 0)
            {
                continue;
            }

            TitleDescription? match = null;
            if (year > 0)
            {
                foreach (int y in (ReadOnlySpan<int>)[year, year - 1, year + 1])
                {
                    if (byKey.TryGetValue((key, y), out match))
                    {
                        break;
                    }
                }
            }
            else if (byTitle.TryGetValue(key, out var list) && list.Count == 1)
            {
                match = list[0];
            }

            if (match is not null)
            {
                descriptions[m] = match.Description;
            }
        }

        return movies.WithDescriptions(descriptions);
    }

    /// <summary>Turns a catalogue into a movies table (index 0 the unknown movie), genres from each entry's list.</summary>
    /// <param name="catalogue">Entries from <see cref="Load"/>.</param>
    /// <returns>The table: title, release year, genres and description per entry, in catalogue order from index 1.</returns>
    /// <exception cref="ArgumentException">The catalogue is empty.</exception>
    public static MoviesTable ToMovies(IReadOnlyList<TitleDescription> catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (catalogue.Count == 0)
        {
            throw new ArgumentException("The catalogue is empty; expected at least one title.", nameof(catalogue));
        }

        var genreNames = catalogue.SelectMany(e => e.Genres).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var genreIndex = genreNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var titles = new List<string>(catalogue.Count + 1) { string.Empty };
        var years = new List<int>(catalogue.Count + 1) { 0 };
        var genres = new List<IReadOnlyList<int>>(catalogue.Count + 1) { Array.Empty<int>() };
        var descriptions = new List<string?>(catalogue.Count + 1) { null };
        foreach (var entry in catalogue)
        {
            titles.Add(entry.Title);
            years.Add(entry.ReleaseYear);
            genres.Add(entry.Genres.Select(g => genreIndex[g]).Distinct().ToArray());
            descriptions.Add(entry.Description.Length > 0 ? entry.Description : null);
        }

        return MoviesTable.Create(titles, years, genres, genreNames, descriptions);
    }

    private static int Column(string[] header, string name, string path)
    {
        int index = Array.IndexOf(header, name);
        if (index < 0)
        {
            LoadContext.FileError(path, $"the header has no \"{name}\" column (found: {string.Join(",", header)})");
        }

        return index;
    }
}
