using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MovieRec.Abstractions;
using MovieRec.Features;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models;

/// <summary>
/// Everything a trained deep rating model needs at inference, in one file: the ONNX inference
/// model, how its inputs are read from per-user and per-movie feature tables, those tables, the
/// vocabularies, metadata, the training history and a catalog of the dataset (raw ids, titles,
/// genres, seen pairs).
/// </summary>
/// <remarks>
/// <para>
/// The file is a zip archive: <c>manifest.json</c> (format version, model kind, feature schema,
/// score interaction, input bindings, metadata, and a SHA-256 per entry), <c>model.onnx</c>,
/// <c>features/users.bin</c> and <c>features/movies.bin</c> (little-endian Int64 rows),
/// <c>vocab/NAME.txt</c>, <c>history.json</c> and <c>catalog/*</c>. Any model whose inputs are
/// columns of a user row and a movie row fits, so every deep model of the library shares it.
/// </para>
/// <para>
/// <see cref="Save(string)"/> writes a temporary file beside the target and renames it over the target
/// only once complete, so a failure mid-save leaves the previous bundle intact. <see cref="Load(string, string?)"/>
/// checks every entry's hash and, when asked, the feature schema, and names the file in its errors.
/// </para>
/// </remarks>
public sealed partial class ModelBundle
{
    /// <summary>The bundle format version this library writes (it also reads version 1, whose manifest has no checksum).</summary>
    public const int FormatVersion = 2;

    private const int LegacyFormatVersion = 1;
    private const string FormatName = "movierec-model-bundle";
    private const string ManifestEntry = "manifest.json";
    private const string ManifestHashEntry = "manifest.sha256";
    private const string ModelEntry = "model.onnx";
    private const string UserFeaturesEntry = "features/users.bin";
    private const string MovieFeaturesEntry = "features/movies.bin";
    private const string HistoryEntry = "history.json";
    private const string MoviesEntry = "catalog/movies.json";
    private const string UsersEntry = "catalog/users.bin";
    private const string SeenEntry = "catalog/seen.bin";

    /// <summary>Model kind, for example <c>lstm-cnn</c>, <c>text-cnn</c> or <c>ncf</c>.</summary>
    public required string ModelKind { get; init; }

    /// <summary>
    /// Identifies the layout of the feature tables (which columns mean what, their widths and
    /// encodings); a loader expecting another schema refuses the bundle.
    /// </summary>
    public required string FeatureSchema { get; init; }

    /// <summary>How scores decompose into per-user and per-movie parts.</summary>
    public required ScoreInteraction Interaction { get; init; }

    /// <summary>The ONNX inference model.</summary>
    public required OnnxModel Model { get; init; }

    /// <summary>How each model input is read from the feature tables.</summary>
    public required IReadOnlyList<FeatureInput> Inputs { get; init; }

    /// <summary>Columns per user row of <see cref="UserFeatures"/>.</summary>
    public required int UserFeatureWidth { get; init; }

    /// <summary>Per-user feature rows, row-major (row = dense user index; row 0 = unknown user).</summary>
    public required long[] UserFeatures { get; init; }

    /// <summary>Columns per movie row of <see cref="MovieFeatures"/>.</summary>
    public required int MovieFeatureWidth { get; init; }

    /// <summary>Per-movie feature rows, row-major (row = dense movie index; row 0 = unknown movie).</summary>
    public required long[] MovieFeatures { get; init; }

    /// <summary>Named vocabularies (for example <c>title</c> and <c>genre</c>), used to encode cold-start movies.</summary>
    public IReadOnlyDictionary<string, Vocabulary> Vocabularies { get; init; } = new Dictionary<string, Vocabulary>();

    /// <summary>Free-form metadata (options, dataset name, metrics), all strings.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The training history, one entry per epoch.</summary>
    public IReadOnlyList<EpochSummary> History { get; init; } = [];

    /// <summary>The metadata key that says <c>"false"</c> when the model's output is not a rating (<see cref="Predicts"/>).</summary>
    public const string PredictsRatingsKey = "predicts_ratings";

    /// <summary>The metadata key that says <c>"true"</c> when the model's output is a like probability (<see cref="Predicts"/>).</summary>
    public const string PredictsLikeProbabilityKey = "predicts_like_probability";

    /// <summary>
    /// Gets what the model's output is, from the bundle's metadata: a like probability (a like/dislike classifier such
    /// as <c>like-mlp</c>), a ranking score (such as NCF's implicit-feedback probability), or, for bundles that say
    /// neither, a rating (so RMSE and MAE mean something).
    /// </summary>
    public PredictionKind Predicts =>
        Metadata.TryGetValue(PredictsLikeProbabilityKey, out var like) && like == "true" ? PredictionKind.LikeProbability
        : Metadata.TryGetValue(PredictsRatingsKey, out var rating) && rating == "false" ? PredictionKind.Ranking
        : PredictionKind.Rating;

    /// <summary>The metadata key of <see cref="BestEpoch"/>.</summary>
    public const string BestEpochKey = "best_epoch";

    /// <summary>
    /// Gets the epoch whose weights the model kept (from 1; 0 when a pre-trained NeuMF kept its initial weights),
    /// or null when the bundle does not say.
    /// </summary>
    public int? BestEpoch =>
        Metadata.TryGetValue(BestEpochKey, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch) ? epoch : null;

    /// <summary>The metadata key of <see cref="HistoryLength"/>.</summary>
    public const string HistoryLengthKey = "movierec.history.length";

    /// <summary>
    /// Gets the number of recently rated movies a user row holds, for a model that reads a user as their latest ratings
    /// (<c>seq-cnn</c>: user row <c>[user, movie × L, rating key × L]</c>, see <see cref="Features.RatingHistory"/>), or null for
    /// a model whose user rows do not change with time.
    /// </summary>
    public int? HistoryLength =>
        Metadata.TryGetValue(HistoryLengthKey, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int length) && length > 0 && UserFeatureWidth == 1 + (2 * length) ? length : null;

    /// <summary>The metadata key of <see cref="ScoreOutput"/>.</summary>
    public const string ScoreOutputKey = "score_output";

    /// <summary>
    /// Gets the model output <see cref="BundleModel"/> scores with: <c>rating</c> unless the bundle names another,
    /// as NCF's implicit-feedback bundles do (<c>score</c>, the logit, which ranks as the probability does but does
    /// not saturate to ties at 0 or 1).
    /// </summary>
    public string ScoreOutput => Metadata.TryGetValue(ScoreOutputKey, out var name) ? name : BundleModel.RatingOutput;

    /// <summary>
    /// The bundle of a model that reads ids alone (NCF, the classical models): inputs <c>user</c> and <c>movie</c> read
    /// one column per side whose row i holds i where the model knows index i (below the bound), else 0, the unknown id.
    /// </summary>
    internal static ModelBundle ForIds(string kind, string schema, OnnxModel model, BundleDataset catalog, int userBound, int movieBound, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<EpochSummary>? history = null)
    {
        static long[] IdRows(int rows, int bound)
        {
            var table = new long[rows];
            for (int i = 0; i < rows; i++)
            {
                table[i] = i < bound ? i : 0;
            }

            return table;
        }

        return new ModelBundle
        {
            ModelKind = kind,
            FeatureSchema = schema,
            Interaction = ScoreInteraction.Graph,
            Model = model,
            Inputs = [new FeatureInput("user", FeatureSide.User, 0, 1), new FeatureInput("movie", FeatureSide.Movie, 0, 1)],
            UserFeatureWidth = 1,
            UserFeatures = IdRows(catalog.UserIds.Count, userBound),
            MovieFeatureWidth = 1,
            MovieFeatures = IdRows(catalog.MovieIds.Count, movieBound),
            Metadata = metadata,
            History = history ?? [],
            Dataset = catalog,
        };
    }

    /// <summary>Raw ids, titles, genres and seen pairs of the training data.</summary>
    public required BundleDataset Dataset { get; init; }

    /// <summary>Number of user rows (dense user indices, 0 included).</summary>
    public int UserCount => UserFeatureWidth == 0 ? 0 : UserFeatures.Length / UserFeatureWidth;

    /// <summary>Number of movie rows (dense movie indices, 0 included).</summary>
    public int MovieCount => MovieFeatureWidth == 0 ? 0 : MovieFeatures.Length / MovieFeatureWidth;

    /// <summary>Writes the bundle atomically: a temporary file beside <paramref name="path"/>, renamed over it when complete.</summary>
    /// <param name="path">Target file (by convention <c>.zip</c>); its folder must exist.</param>
    /// <exception cref="IOException">Writing failed; an existing bundle at <paramref name="path"/> is unchanged.</exception>
    public void Save(string path) => Save(path, null);

    /// <summary>Reads a bundle written by <see cref="Save(string)"/>.</summary>
    /// <param name="path">Bundle file.</param>
    /// <param name="expectedSchema">When given, the feature schema the caller needs; a bundle with another schema is refused.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a bundle, is corrupted, has another format version, or another feature schema (the message names the file).</exception>
    public static ModelBundle Load(string path, string? expectedSchema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"Model bundle '{path}' is a folder, not a bundle file.");
        }

        // A pipe (or a link to one) would be waited on forever, a device read without end: only a regular file opens.
        try
        {
            Data.InputFiles.RequireRegular(path, "Model bundle");
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new InvalidDataException(e.Message, e);
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new InvalidDataException($"Model bundle '{path}' is empty.");
        }

        using var file = File.OpenRead(path);
        return Read(path, file, expectedSchema);
    }

    /// <summary>Reads a bundle from a stream, such as an embedded resource or a download (the stream is read to its end and left open).</summary>
    /// <param name="stream">A readable stream holding a bundle written by <see cref="Save(Stream)"/> or <see cref="Save(string)"/>.</param>
    /// <param name="expectedSchema">When given, the feature schema the caller needs; a bundle with another schema is refused.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="InvalidDataException">The stream does not hold a bundle, or one that is corrupted, of another format version or another feature schema.</exception>
    public static ModelBundle Load(Stream stream, string? expectedSchema = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(stream));
        }

        return Read("(stream)", stream, expectedSchema);
    }

    /// <summary>Writes the bundle to a stream (left open), the same bytes <see cref="Save(string)"/> writes to a file.</summary>
    /// <param name="stream">A writable stream.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream cannot be written.", nameof(stream));
        }

        Write(stream, null);
    }

    private static ModelBundle Read(string source, Stream stream, string? expectedSchema)
    {
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return Read(source, BundleArchive.ReadEntries(source, archive, ManifestEntry, ManifestHashEntry), expectedSchema);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or KeyNotFoundException or FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            if (e is InvalidDataException && e.Message.StartsWith("Model bundle '", StringComparison.Ordinal))
            {
                throw;
            }

            throw new InvalidDataException($"Model bundle '{source}' is corrupted or not a model bundle: {e.Message}", e);
        }
    }

    /// <summary>Saves with a hook called after each entry is written (tests simulate a crash by throwing from it).</summary>
    internal void Save(string path, Action<string>? afterEntry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Cannot save model bundle '{path}': folder '{folder}' does not exist.");
        }

        AtomicFile.Write(full, file => Write(file, afterEntry));
    }

    private void Write(Stream target, Action<string>? afterEntry)
    {
        var entries = Entries();
        var hashes = new JsonObject();
        foreach (var (name, bytes) in entries)
        {
            hashes[name] = Convert.ToHexString(SHA256.HashData(bytes));
        }

        byte[] manifest = Encoding.UTF8.GetBytes(Manifest(hashes).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        entries.Insert(0, (ManifestEntry, manifest));
        entries.Insert(1, (ManifestHashEntry, Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(manifest)))));
        using var archive = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in entries)
        {
            var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
            using (var stream = entry.Open())
            {
                stream.Write(bytes);
            }

            afterEntry?.Invoke(name);
        }
    }

    private List<(string Name, byte[] Bytes)> Entries()
    {
        var entries = new List<(string, byte[])>
        {
            (ModelEntry, Model.ToBytes()),
            (UserFeaturesEntry, MemoryMarshal.AsBytes(UserFeatures.AsSpan()).ToArray()),
            (MovieFeaturesEntry, MemoryMarshal.AsBytes(MovieFeatures.AsSpan()).ToArray()),
        };
        foreach (var (name, vocabulary) in Vocabularies.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            using var buffer = new MemoryStream();
            vocabulary.Save(buffer);
            entries.Add(("vocab/" + name + ".txt", buffer.ToArray()));
        }

        var history = new JsonArray(History.Select(e => (JsonNode)new JsonObject
        {
            ["epoch"] = e.Epoch,
            ["trainingLoss"] = e.TrainingLoss,
            ["validationLoss"] = e.ValidationLoss,
            ["learningRate"] = e.LearningRate,
            ["seconds"] = e.Seconds,
            ["samplesPerSecond"] = e.SamplesPerSecond,
        }).ToArray());
        entries.Add((HistoryEntry, Encoding.UTF8.GetBytes(history.ToJsonString())));
        var movies = new JsonObject
        {
            ["ids"] = new JsonArray(Dataset.MovieIds.Select(i => (JsonNode)i).ToArray()),
            ["titles"] = new JsonArray(Dataset.Titles.Select(t => (JsonNode)t).ToArray()),
            ["genres"] = new JsonArray(Dataset.Genres.Select(g => (JsonNode)g).ToArray()),
        };
        entries.Add((MoviesEntry, Encoding.UTF8.GetBytes(movies.ToJsonString())));
        entries.Add((UsersEntry, MemoryMarshal.AsBytes(Dataset.UserIds.ToArray().AsSpan()).ToArray()));
        var seen = new int[Dataset.SeenUsers.Length * 2];
        Dataset.SeenUsers.CopyTo(seen);
        Dataset.SeenMovies.CopyTo(seen.AsSpan(Dataset.SeenUsers.Length));
        entries.Add((SeenEntry, MemoryMarshal.AsBytes(seen.AsSpan()).ToArray()));
        return entries;
    }

    private JsonObject Manifest(JsonObject hashes)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in Metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            metadata[key] = value;
        }

        return new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = FormatVersion,
            ["modelKind"] = ModelKind,
            ["featureSchema"] = FeatureSchema,
            ["interaction"] = Interaction.ToString(),
            ["userFeatureWidth"] = UserFeatureWidth,
            ["movieFeatureWidth"] = MovieFeatureWidth,
            ["inputs"] = new JsonArray(Inputs.Select(i => (JsonNode)new JsonObject
            {
                ["name"] = i.Name,
                ["side"] = i.Side.ToString(),
                ["offset"] = i.Offset,
                ["width"] = i.Width,
            }).ToArray()),
            ["metadata"] = metadata,
            ["entries"] = hashes,
        };
    }

    private static ModelBundle Read(string path, Dictionary<string, byte[]> entries, string? expectedSchema)
    {
        var reader = new BundleReader(path, entries);
        var manifest = reader.Manifest();
        if (reader.String(manifest, "format", ManifestEntry) != FormatName)
        {
            throw reader.Fail($"{ManifestEntry} is not a {FormatName} manifest.");
        }

        int version = reader.Int(manifest, "version", ManifestEntry);
        if (version is not (FormatVersion or LegacyFormatVersion))
        {
            throw reader.Fail($"it has format version {version}; this library reads versions {LegacyFormatVersion} and {FormatVersion}.");
        }

        if (version >= FormatVersion)
        {
            reader.CheckManifestHash();
        }

        string schema = reader.String(manifest, "featureSchema", ManifestEntry);
        if (expectedSchema is not null && schema != expectedSchema)
        {
            throw reader.Fail($"it was made for feature schema '{schema}'; this model needs '{expectedSchema}'. Retrain the model or load it with the matching model type.");
        }

        reader.CheckEntries(reader.Object(manifest, "entries", ManifestEntry));
        var vocabularies = new Dictionary<string, Vocabulary>(StringComparer.Ordinal);
        foreach (var (name, bytes) in entries.Where(e => e.Key.StartsWith("vocab/", StringComparison.Ordinal) && e.Key.EndsWith(".txt", StringComparison.Ordinal)))
        {
            using var stream = new MemoryStream(bytes);
            vocabularies[name["vocab/".Length..^".txt".Length]] = Vocabulary.Load(stream);
        }

        var epochs = reader.Json(HistoryEntry) as JsonArray ?? throw reader.Fail($"{HistoryEntry} is not a JSON array.");
        var history = epochs.Select((e, i) =>
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"{HistoryEntry}[{i}]");
            var epoch = e as JsonObject ?? throw reader.Fail($"{where} is not an object.");
            return new EpochSummary(
                reader.Int(epoch, "epoch", where),
                reader.Double(epoch, "trainingLoss", where),
                epoch["validationLoss"] is null ? null : reader.Double(epoch, "validationLoss", where),
                reader.Double(epoch, "learningRate", where),
                reader.Double(epoch, "seconds", where),
                reader.Double(epoch, "samplesPerSecond", where));
        }).ToArray();
        var movies = reader.Json(MoviesEntry) as JsonObject ?? throw reader.Fail($"{MoviesEntry} is not an object.");
        long[] movieIds = [.. reader.Array(movies, "ids", MoviesEntry).Select((n, i) => reader.Value<long>(n, $"{MoviesEntry} ids[{i}]"))];
        string[] titles = [.. reader.Array(movies, "titles", MoviesEntry).Select((n, i) => reader.Value<string>(n, $"{MoviesEntry} titles[{i}]"))];
        string[] genres = [.. reader.Array(movies, "genres", MoviesEntry).Select((n, i) => reader.Value<string>(n, $"{MoviesEntry} genres[{i}]"))];
        if (titles.Length != movieIds.Length || genres.Length != movieIds.Length)
        {
            throw reader.Fail(string.Create(CultureInfo.InvariantCulture, $"{MoviesEntry} has {movieIds.Length} ids, {titles.Length} titles and {genres.Length} genre lists; expected as many of each."));
        }

        long[] userIds = reader.Values<long>(UsersEntry);
        CheckUnique(reader, movieIds, MoviesEntry, "movie");
        CheckUnique(reader, userIds, UsersEntry, "user");

        int[] seen = reader.Values<int>(SeenEntry);
        if (seen.Length % 2 != 0)
        {
            throw reader.Fail(string.Create(CultureInfo.InvariantCulture, $"{SeenEntry} holds {seen.Length} user and movie indices; expected pairs (an even count)."));
        }

        int pairs = seen.Length / 2;
        var catalog = new BundleDataset(userIds, movieIds, titles, genres, seen[..pairs], seen[pairs..]);
        var inputs = reader.Array(manifest, "inputs", ManifestEntry).Select((n, i) =>
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"{ManifestEntry} inputs[{i}]");
            var input = n as JsonObject ?? throw reader.Fail($"{where} is not an object.");
            return new FeatureInput(
                reader.String(input, "name", where),
                reader.Enum<FeatureSide>(input, "side", where),
                reader.Int(input, "offset", where),
                reader.Int(input, "width", where));
        }).ToArray();
        var bundle = new ModelBundle
        {
            ModelKind = reader.String(manifest, "modelKind", ManifestEntry),
            FeatureSchema = schema,
            Interaction = reader.Enum<ScoreInteraction>(manifest, "interaction", ManifestEntry),
            Model = OnnxModel.FromBytes(reader.Entry(ModelEntry), path + "!" + ModelEntry),
            Inputs = inputs,
            UserFeatureWidth = reader.Int(manifest, "userFeatureWidth", ManifestEntry),
            UserFeatures = reader.Values<long>(UserFeaturesEntry),
            MovieFeatureWidth = reader.Int(manifest, "movieFeatureWidth", ManifestEntry),
            MovieFeatures = reader.Values<long>(MovieFeaturesEntry),
            Vocabularies = vocabularies,
            Metadata = reader.Object(manifest, "metadata", ManifestEntry).ToDictionary(m => m.Key, m => reader.Value<string>(m.Value, $"{ManifestEntry} metadata '{m.Key}'"), StringComparer.Ordinal),
            History = history,
            Dataset = catalog,
        };
        bundle.Validate(path);
        return bundle;
    }

    /// <summary>Checks that the parts agree (widths, row counts, input ranges, model inputs).</summary>
    internal void Validate(string source)
    {
        if (UserFeatureWidth < 1 || UserFeatures.Length % UserFeatureWidth != 0 || MovieFeatureWidth < 1 || MovieFeatures.Length % MovieFeatureWidth != 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Model bundle '{source}': feature tables of {UserFeatures.Length} and {MovieFeatures.Length} values do not divide into rows of {UserFeatureWidth} and {MovieFeatureWidth}."));
        }

        if (Dataset.UserIds.Count != UserCount || Dataset.MovieIds.Count != MovieCount)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Model bundle '{source}': the catalog has {Dataset.UserIds.Count} users and {Dataset.MovieIds.Count} movies; the feature tables have {UserCount} and {MovieCount}."));
        }

        CheckIds(source, UserFeatures, UserFeatureWidth, UserFeaturesEntry, 0, long.MaxValue, "a negative feature id");
        CheckIds(source, MovieFeatures, MovieFeatureWidth, MovieFeaturesEntry, 0, long.MaxValue, "a negative feature id");
        CheckIds(source, Dataset.SeenUsers, 1, SeenEntry, 0, UserCount - 1, "a user index outside the catalog");
        CheckIds(source, Dataset.SeenMovies, 1, SeenEntry, 0, MovieCount - 1, "a movie index outside the catalog");
        var modelInputs = Model.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var shapes = Model.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var input in Inputs)
        {
            int width = input.Side == FeatureSide.User ? UserFeatureWidth : MovieFeatureWidth;
            if (input.Offset < 0 || input.Width < 1 || (long)input.Offset + input.Width > width)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Model bundle '{source}': input '{input.Name}' reads columns {input.Offset}..{(long)input.Offset + input.Width - 1} of {input.Side} rows of width {width}."));
            }

            if (!modelInputs.Remove(input.Name))
            {
                throw new InvalidDataException($"Model bundle '{source}': input '{input.Name}' is not an input of model.onnx.");
            }

            // The feature columns are fed as Int64[N] (one column) or Int64[N, width]; the model must take that shape.
            var shape = shapes[input.Name];
            bool fits = shape.ElementType == OnnxElementType.Int64 && (input.Width == 1
                ? shape.Shape.Count == 1
                : shape.Shape.Count == 2 && shape.Shape[1].IsFixed && shape.Shape[1].Size == input.Width);
            if (!fits)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Model bundle '{source}': input '{input.Name}' reads {input.Width} column(s), which model.onnx's {shape} cannot take."));
            }
        }

        if (modelInputs.Count > 0)
        {
            throw new InvalidDataException($"Model bundle '{source}': model.onnx inputs {string.Join(", ", modelInputs)} have no feature binding.");
        }
    }

    /// <summary>Refuses a catalogue that lists a raw id twice (index 0, the unknown row, holds 0 and is not counted).</summary>
    private static void CheckUnique(BundleReader reader, long[] ids, string entry, string what)
    {
        var seen = new HashSet<long>();
        for (int i = 1; i < ids.Length; i++)
        {
            if (!seen.Add(ids[i]))
            {
                throw reader.Fail(string.Create(CultureInfo.InvariantCulture, $"{entry} lists {what} id {ids[i]} twice (rows {Array.IndexOf(ids, ids[i], 1)} and {i}); each id names one {what}."));
            }
        }
    }

    private static void CheckIds<T>(string source, ReadOnlySpan<T> values, int width, string entry, T low, T high, string what)
        where T : unmanaged, IComparable<T>, IEquatable<T>
    {
        int bad = values.IndexOfAnyExceptInRange(low, high);
        if (bad >= 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Model bundle '{source}': {entry} holds {what} ({values[bad]}) in row {bad / width}."));
        }
    }
}
