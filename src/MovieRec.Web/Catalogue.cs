using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Onnx.Content;

namespace MovieRec.Web;

/// <summary>The movies the page shows and the content model that picks them.</summary>
internal sealed class Catalogue
{
    private Catalogue(string source, MoviesTable movies, ContentModel model)
    {
        Source = source;
        Movies = movies;
        Model = model;
    }

    public string Source { get; }

    public MoviesTable Movies { get; }

    public ContentModel Model { get; }

    public int Count => Movies.Count - 1;

    /// <summary>Loads the catalogue named by <c>--catalogue</c> and encodes it with the encoder named by <c>--encoder</c>.</summary>
    public static Catalogue Load(string catalogue, string encoder, Action<string> log)
    {
        MoviesTable movies;
        string source;
        string? netflix = TitleDescriptions.FindNetflixTitles();
        switch (catalogue.ToLowerInvariant())
        {
            case "auto" when netflix is not null:
            case "netflix" when netflix is not null:
                movies = TitleDescriptions.ToMovies(TitleDescriptions.Load(netflix!));
                source = TitleDescriptions.NetflixTitlesFile;
                break;
            case "netflix":
                throw new WebAppOptionException($"--catalogue netflix: {TitleDescriptions.NetflixTitlesName}/{TitleDescriptions.NetflixTitlesFile} is not in the data folders (MOVIEREC_DATA or the download cache); use synthetic or a CSV file.");
            case "auto":
            case "synthetic":
                movies = SyntheticDataset.Generate(SyntheticDefaults.NumberOfRatings).Movies;
                source = "synthetic";
                break;
            default:
                if (!File.Exists(catalogue))
                {
                    throw new WebAppOptionException($"--catalogue '{catalogue}' is neither netflix, synthetic, auto nor an existing CSV file with title, release_year and description columns.");
                }

                movies = TitleDescriptions.ToMovies(TitleDescriptions.Load(catalogue));
                source = Path.GetFileName(catalogue);
                break;
        }

        var textEncoder = encoder.ToLowerInvariant() switch
        {
            "minilm" => ContentCatalog.DefaultEncoder ?? throw new WebAppOptionException($"--encoder minilm: the {SentenceEncoder.MiniLmAssembly} package is missing."),
            "auto" => ContentCatalog.DefaultEncoder ?? TfidfTextEncoder.Fit(ContentText.All(movies)),
            "tfidf" => TfidfTextEncoder.Fit(ContentText.All(movies)),
            _ => throw new WebAppOptionException($"--encoder '{encoder}' is not known; expected minilm, tfidf or auto."),
        };
        log($"Encoding {movies.Count - 1:N0} titles from {source} with {textEncoder.Name} (cached after the first run)...");
        var model = ContentCatalog.WithSearchIndex(ContentModel.FromMovies(movies, textEncoder), log);
        return new Catalogue(source, movies, model);
    }

    public object Describe(int movie) => new
    {
        id = movie,
        title = MovieTitles.StripYear(Movies.Titles[movie]),
        year = Movies.Years[movie],
        genres = GenreNames(movie),
        description = Movies.Descriptions[movie] ?? string.Empty,
    };

    public string[] GenreNames(int movie)
    {
        var genres = Movies.GenresOf(movie);
        var names = new string[genres.Length];
        for (int i = 0; i < genres.Length; i++)
        {
            names[i] = Movies.GenreNames[genres[i]];
        }

        return names;
    }
}
