using System.Globalization;
using System.Net;
using MovieRec.AspNetCore;

namespace MovieRec.Server;

/// <summary>The server's command line: <c>--urls</c>, <c>--database</c>, <c>--models</c>, <c>--api-key</c> and the model, data and limits.</summary>
internal sealed record ServerArguments(string Urls, MovieRecServerOptions Options)
{
    /// <summary>Where the server listens without <c>--urls</c>.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public const string Usage = """
        movierec-server [options]
          --urls URL[;URL]             where to listen (default http://127.0.0.1:5080; without --api-key, loopback only)
          --database PATH|CONNECTION   a SQLite file, or a PostgreSQL connection string ("Host=...;Database=...;Username=...")
                                       (default: movierec.db in the local application data folder)
          --models DIR                 the folder of model bundles (default: models beside the default database)
          --api-key KEY                the key writes must carry in X-Api-Key (or MOVIEREC_API_KEY)
          --model NAME                 the model trained at first start and on retraining: mf (default), als, ials, bias, pop
          --data NAME|DIR              the dataset an empty database starts with (default auto: ml-100k, ml-latest-small, else synthetic)
          --retrain-after N            retrain after N new ratings (default 10000; 0 never)
          --retrain-every MINUTES      retrain at least this often (default never)
          --requests-per-second N      per-client rate limit (default 200; 0 off)
          --new-visitors-per-minute N  new page visitors one client may start a minute (default 30; 0 off)
          --encoder NAME               the content side's text encoder: auto (default: MiniLM), minilm, tfidf, none
          --no-page                    serve the API alone, without the visitor's page at / and its /visitor API
        """;

    /// <summary>Parses the arguments; an unknown option or a bad value is refused in one sentence naming it.</summary>
    /// <exception cref="ArgumentException">A bad option or value.</exception>
    public static ServerArguments Parse(IReadOnlyList<string> args)
    {
        var options = new MovieRecServerOptions { ApiKey = NullIfEmpty(Environment.GetEnvironmentVariable("MOVIEREC_API_KEY")), Visitors = true };
        string urls = DefaultUrls;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--urls": urls = Value(); break;
                case "--database": options.Database = Value(); break;
                case "--models": options.ModelsDirectory = Value(); break;
                case "--api-key": options.ApiKey = NullIfEmpty(Value()); break;
                case "--model": options.Model = Value(); break;
                case "--data": options.Data = Value(); break;
                case "--retrain-after": options.RetrainAfterRatings = Number(name, Value(), 0); break;
                case "--retrain-every": options.RetrainInterval = TimeSpan.FromMinutes(Number(name, Value(), 1)); break;
                case "--requests-per-second": options.RequestsPerSecond = Number(name, Value(), 0); break;
                case "--new-visitors-per-minute": options.NewVisitorsPerMinute = Number(name, Value(), 0); break;
                case "--encoder": options.Encoder = Choice(name, Value(), MovieRecServerOptions.EncoderNames); break;
                case "--no-page": options.Visitors = false; break;
                default: throw new ArgumentException($"Unknown option '{name}'; the options are --urls, --database, --models, --api-key, --model, --data, --retrain-after, --retrain-every, --requests-per-second, --new-visitors-per-minute, --encoder, --no-page.");
            }
        }

        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"--urls '{url}' is not an http or https URL.");
            }

            if (options.ApiKey is null && !IsLoopback(uri.Host))
            {
                throw new ArgumentException($"--urls {url} listens beyond this machine, which needs --api-key (or MOVIEREC_API_KEY) so that writes are not open to anyone; without a key the server listens on loopback only.");
            }
        }

        return new ServerArguments(urls, options);
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static int Number(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= minimum
            ? n
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} {value} is out of range; expected a whole number, {minimum} or more."));

    private static string Choice(string name, string value, IReadOnlyList<string> choices) =>
        choices.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"{name} '{value}' is not known; expected {string.Join(", ", choices)}.");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
