using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MovieRec.Features;
using MovieRec.Onnx.Model;
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
/// only once complete, so a failure mid-save leaves the previous bundle intact. <see cref="Load"/>
/// checks every entry's hash and, when asked, the feature schema, and names the file in its errors.
/// </para>
/// </remarks>
public sealed class ModelBundle
{
    /// <summary>The bundle format version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    private const string FormatName = "movierec-model-bundle";

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

    /// <summary>Raw ids, titles, genres and seen pairs of the training data.</summary>
    public required BundleCatalog Catalog { get; init; }

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
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model bundle '{path}' does not exist.", path);
        }

        try
        {
            using var archive = ZipFile.OpenRead(path);
            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                entries[entry.FullName] = buffer.ToArray();
            }

            return Read(path, entries, expectedSchema);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or KeyNotFoundException or FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            if (e is InvalidDataException && e.Message.StartsWith("Model bundle '", StringComparison.Ordinal))
            {
                throw;
            }

            throw new InvalidDataException($"Model bundle '{path}' is corrupted or not a model bundle: {e.Message}", e);
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

        var entries = Entries();
        var hashes = new JsonObject();
        foreach (var (name, bytes) in entries)
        {
            hashes[name] = Convert.ToHexString(SHA256.HashData(bytes));
        }

        entries.Insert(0, ("manifest.json", Encoding.UTF8.GetBytes(Manifest(hashes).ToJsonString(new JsonSerializerOptions { WriteIndented = true }))));
        AtomicFile.Write(full, file =>
        {
            using var archive = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (name, bytes) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
                using (var stream = entry.Open())
                {
                    stream.Write(bytes);
                }

                afterEntry?.Invoke(name);
            }
        });
    }

    private List<(string Name, byte[] Bytes)> Entries()
    {
        var entries = new List<(string, byte[])>
        {
            ("model.onnx", Model.ToBytes()),
            ("features/users.bin", MemoryMarshal.AsBytes(UserFeatures.AsSpan()).ToArray()),
            ("features/movies.bin", MemoryMarshal.AsBytes(MovieFeatures.AsSpan()).ToArray()),
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
        entries.Add(("history.json", Encoding.UTF8.GetBytes(history.ToJsonString())));
        var movies = new JsonObject
        {
            ["ids"] = new JsonArray(Catalog.MovieIds.Select(i => (JsonNode)i).ToArray()),
            ["titles"] = new JsonArray(Catalog.Titles.Select(t => (JsonNode)t).ToArray()),
            ["genres"] = new JsonArray(Catalog.Genres.Select(g => (JsonNode)g).ToArray()),
        };
        entries.Add(("catalog/movies.json", Encoding.UTF8.GetBytes(movies.ToJsonString())));
        entries.Add(("catalog/users.bin", MemoryMarshal.AsBytes(Catalog.UserIds.ToArray().AsSpan()).ToArray()));
        var seen = new int[Catalog.SeenUsers.Length * 2];
        Catalog.SeenUsers.CopyTo(seen);
        Catalog.SeenMovies.CopyTo(seen.AsSpan(Catalog.SeenUsers.Length));
        entries.Add(("catalog/seen.bin", MemoryMarshal.AsBytes(seen.AsSpan()).ToArray()));
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
        byte[] Entry(string name) => entries.TryGetValue(name, out var bytes)
            ? bytes
            : throw new InvalidDataException($"Model bundle '{path}' has no entry '{name}'.");

        var manifest = JsonNode.Parse(Entry("manifest.json"))!.AsObject();
        if ((string?)manifest["format"] != FormatName)
        {
            throw new InvalidDataException($"Model bundle '{path}': manifest.json is not a {FormatName} manifest.");
        }

        int version = (int)manifest["version"]!;
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Model bundle '{path}' has format version {version}; this library reads version {FormatVersion}.");
        }

        string schema = (string)manifest["featureSchema"]!;
        if (expectedSchema is not null && schema != expectedSchema)
        {
            throw new InvalidDataException($"Model bundle '{path}' was made for feature schema '{schema}'; this model needs '{expectedSchema}'. Retrain the model or load it with the matching model type.");
        }

        foreach (var (name, hash) in manifest["entries"]!.AsObject())
        {
            string actual = Convert.ToHexString(SHA256.HashData(Entry(name)));
            if (!string.Equals(actual, (string)hash!, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"Model bundle '{path}' is corrupted: entry '{name}' does not match its checksum in manifest.json.");
            }
        }

        var vocabularies = new Dictionary<string, Vocabulary>(StringComparer.Ordinal);
        foreach (var (name, bytes) in entries.Where(e => e.Key.StartsWith("vocab/", StringComparison.Ordinal)))
        {
            using var stream = new MemoryStream(bytes);
            vocabularies[name["vocab/".Length..^".txt".Length]] = Vocabulary.Load(stream);
        }

        var history = JsonNode.Parse(Entry("history.json"))!.AsArray().Select(e => new EpochSummary(
            (int)e!["epoch"]!,
            (double)e["trainingLoss"]!,
            (double?)e["validationLoss"],
            (double)e["learningRate"]!,
            (double)e["seconds"]!,
            (double)e["samplesPerSecond"]!)).ToArray();
        var movies = JsonNode.Parse(Entry("catalog/movies.json"))!.AsObject();
        var seen = MemoryMarshal.Cast<byte, int>(Entry("catalog/seen.bin")).ToArray();
        int pairs = seen.Length / 2;
        var catalog = new BundleCatalog(
            MemoryMarshal.Cast<byte, long>(Entry("catalog/users.bin")).ToArray(),
            movies["ids"]!.AsArray().Select(i => (long)i!).ToArray(),
            movies["titles"]!.AsArray().Select(t => (string)t!).ToArray(),
            movies["genres"]!.AsArray().Select(g => (string)g!).ToArray(),
            seen[..pairs],
            seen[pairs..]);
        var bundle = new ModelBundle
        {
            ModelKind = (string)manifest["modelKind"]!,
            FeatureSchema = schema,
            Interaction = Enum.Parse<ScoreInteraction>((string)manifest["interaction"]!),
            Model = OnnxModel.FromBytes(Entry("model.onnx"), path + "!model.onnx"),
            Inputs = manifest["inputs"]!.AsArray().Select(i => new FeatureInput(
                (string)i!["name"]!,
                Enum.Parse<FeatureSide>((string)i["side"]!),
                (int)i["offset"]!,
                (int)i["width"]!)).ToArray(),
            UserFeatureWidth = (int)manifest["userFeatureWidth"]!,
            UserFeatures = MemoryMarshal.Cast<byte, long>(Entry("features/users.bin")).ToArray(),
            MovieFeatureWidth = (int)manifest["movieFeatureWidth"]!,
            MovieFeatures = MemoryMarshal.Cast<byte, long>(Entry("features/movies.bin")).ToArray(),
            Vocabularies = vocabularies,
            Metadata = manifest["metadata"]!.AsObject().ToDictionary(m => m.Key, m => (string)m.Value!, StringComparer.Ordinal),
            History = history,
            Catalog = catalog,
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

        if (Catalog.UserIds.Count != UserCount || Catalog.MovieIds.Count != MovieCount)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Model bundle '{source}': the catalog has {Catalog.UserIds.Count} users and {Catalog.MovieIds.Count} movies; the feature tables have {UserCount} and {MovieCount}."));
        }

        var modelInputs = Model.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var input in Inputs)
        {
            int width = input.Side == FeatureSide.User ? UserFeatureWidth : MovieFeatureWidth;
            if (input.Offset < 0 || input.Width < 1 || input.Offset + input.Width > width)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Model bundle '{source}': input '{input.Name}' reads columns {input.Offset}..{input.Offset + input.Width - 1} of {input.Side} rows of width {width}."));
            }

            if (!modelInputs.Remove(input.Name))
            {
                throw new InvalidDataException($"Model bundle '{source}': input '{input.Name}' is not an input of model.onnx.");
            }
        }

        if (modelInputs.Count > 0)
        {
            throw new InvalidDataException($"Model bundle '{source}': model.onnx inputs {string.Join(", ", modelInputs)} have no feature binding.");
        }
    }
}
