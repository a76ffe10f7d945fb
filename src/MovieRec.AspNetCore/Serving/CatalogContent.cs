using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Onnx.Content;
using MovieRec.Onnx.Models;

namespace MovieRec.AspNetCore.Serving;

/// <summary>
/// The content side of serving: the serving model's catalogue as text (title and genres, or the plot description where
/// the Netflix titles list in the data folders matches the movie) encoded by the configured encoder, in the model's
/// own movie indices so the two sides' scores can be fused movie by movie.
/// </summary>
internal static class CatalogContent
{
    private static readonly Lazy<IReadOnlyList<TitleDescription>?> s_descriptions = new(() =>
        TitleDescriptions.FindNetflixTitles() is { } file ? TitleDescriptions.Load(file) : null);

    /// <summary>Checks the encoder name, and that MiniLM is there when it is asked for by name.</summary>
    /// <exception cref="ArgumentException">An unknown name, or minilm without the MiniLM assembly.</exception>
    public static void CheckEncoder(string encoder)
    {
        if (!MovieRecServerOptions.EncoderNames.Contains(encoder, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"MovieRecServerOptions.Encoder '{encoder}' is not known; expected {string.Join(", ", MovieRecServerOptions.EncoderNames)}.", nameof(encoder));
        }

        if (string.Equals(encoder, "minilm", StringComparison.OrdinalIgnoreCase) && !SentenceEncoder.IsMiniLmAvailable)
        {
            throw new ArgumentException($"MovieRecServerOptions.Encoder minilm: the application does not reference {SentenceEncoder.MiniLmAssembly}; use tfidf or auto.", nameof(encoder));
        }
    }

    /// <summary>Encodes the catalogue's movies, or returns null when the encoder is <c>none</c>.</summary>
    public static ContentModel? Build(MoviesTable movies, string encoder)
    {
        if (string.Equals(encoder, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var textEncoder = encoder.ToLowerInvariant() switch
        {
            "minilm" => ContentCatalog.DefaultEncoder!,
            "tfidf" => TfidfTextEncoder.Fit(ContentText.All(movies)),
            _ => ContentCatalog.DefaultEncoder ?? TfidfTextEncoder.Fit(ContentText.All(movies)),
        };
        return ContentCatalog.WithSearchIndex(ContentModel.FromMovies(movies, textEncoder));
    }

    /// <summary>The catalogue as a movies table in the bundle's movie indices, with descriptions joined where they match.</summary>
    public static MoviesTable Movies(BundleDataset catalog)
    {
        int count = catalog.MovieIds.Count;
        var years = new int[count];
        var genres = new IReadOnlyList<int>[count];
        var genreNames = new List<string>();
        var genreIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int m = 0; m < count; m++)
        {
            MovieTitles.StripYear(catalog.Titles[m], out years[m]);
            var names = catalog.Genres[m].Split('|', StringSplitOptions.RemoveEmptyEntries);
            var indices = new int[names.Length];
            for (int g = 0; g < names.Length; g++)
            {
                if (!genreIndex.TryGetValue(names[g], out indices[g]))
                {
                    indices[g] = genreIndex[names[g]] = genreNames.Count;
                    genreNames.Add(names[g]);
                }
            }

            genres[m] = indices;
        }

        var movies = MoviesTable.Create(catalog.Titles, years, genres, genreNames);
        return s_descriptions.Value is { } descriptions ? TitleDescriptions.Join(movies, descriptions) : movies;
    }
}
