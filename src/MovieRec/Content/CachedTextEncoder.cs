using System.Security.Cryptography;
using System.Text;

namespace MovieRec.Content;

/// <summary>
/// Keeps the vectors an encoder made, keyed by the SHA-256 of each text, so a text is encoded once: in memory, and in a
/// file when one is given (read at creation, rewritten after each call that encoded something new).
/// </summary>
/// <remarks>
/// The file holds the encoder's <see cref="ITextEncoder.Name"/> and dimension; a file written by another encoder is
/// ignored and replaced. A damaged file is ignored too (the texts are encoded again). Safe from many threads at once.
/// </remarks>
public sealed class CachedTextEncoder : ITextEncoder
{
    private const string Magic = "MOVIEREC-VECTORS-1";

    private readonly ITextEncoder _inner;
    private readonly string? _file;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Wraps an encoder.</summary>
    /// <param name="inner">The encoder whose vectors are kept.</param>
    /// <param name="file">The cache file, or null to keep the vectors in memory only.</param>
    public CachedTextEncoder(ITextEncoder inner, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _file = file;
        if (file is not null && File.Exists(file))
        {
            Read(file);
        }
    }

    /// <inheritdoc/>
    public string Name => _inner.Name;

    /// <inheritdoc/>
    public int Dimension => _inner.Dimension;

    /// <summary>Gets how many vectors are kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _vectors.Count;
            }
        }
    }

    /// <summary>Gets the file name <see cref="CachedTextEncoder"/> uses for an encoder in a folder: <c>vectors-NAME.bin</c>.</summary>
    /// <param name="folder">The cache folder.</param>
    /// <param name="encoder">The encoder.</param>
    /// <returns>The path.</returns>
    public static string FileFor(string folder, ITextEncoder encoder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(encoder);
        string safe = string.Concat(encoder.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
        return Path.Combine(folder, $"vectors-{safe}.bin");
    }

    /// <inheritdoc/>
    public void Encode(IReadOnlyList<string> texts, Span<float> vectors)
    {
        ArgumentNullException.ThrowIfNull(texts);
        int dimension = Dimension;
        if (vectors.Length != (long)texts.Count * dimension)
        {
            throw new ArgumentException($"vectors has {vectors.Length} values; expected {texts.Count} texts × {dimension} = {(long)texts.Count * dimension}.", nameof(vectors));
        }

        var keys = new string[texts.Count];
        var missing = new List<int>();
        var missingKeys = new HashSet<string>(StringComparer.Ordinal);
        lock (_lock)
        {
            for (int i = 0; i < texts.Count; i++)
            {
                keys[i] = Key(texts[i] ?? string.Empty);
                if (_vectors.TryGetValue(keys[i], out var known))
                {
                    known.CopyTo(vectors.Slice(i * dimension, dimension));
                }
                else if (missingKeys.Add(keys[i]))
                {
                    missing.Add(i);
                }
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var fresh = new float[missing.Count * dimension];
        _inner.Encode(missing.Select(i => texts[i] ?? string.Empty).ToArray(), fresh);
        lock (_lock)
        {
            for (int j = 0; j < missing.Count; j++)
            {
                _vectors[keys[missing[j]]] = fresh.AsSpan(j * dimension, dimension).ToArray();
            }

            for (int i = 0; i < texts.Count; i++)
            {
                _vectors[keys[i]].CopyTo(vectors.Slice(i * dimension, dimension));
            }

            if (_file is not null)
            {
                Write(_file);
            }
        }
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private void Read(string file)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(file), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != Name || reader.ReadInt32() != Dimension)
            {
                return;
            }

            int count = reader.ReadInt32();
            for (int i = 0; i < count; i++)
            {
                string key = reader.ReadString();
                var vector = new float[Dimension];
                for (int d = 0; d < vector.Length; d++)
                {
                    vector[d] = reader.ReadSingle();
                }

                _vectors[key] = vector;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            _vectors.Clear();
        }
    }

    private void Write(string file)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        string temporary = $"{file}.{Environment.ProcessId}.tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(Name);
            writer.Write(Dimension);
            writer.Write(_vectors.Count);
            foreach (var (key, vector) in _vectors)
            {
                writer.Write(key);
                foreach (float value in vector)
                {
                    writer.Write(value);
                }
            }
        }

        File.Move(temporary, file, overwrite: true);
    }
}
