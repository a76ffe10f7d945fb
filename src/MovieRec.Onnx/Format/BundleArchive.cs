using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MovieRec.Onnx.Format;

/// <summary>
/// Reads the entries of a model bundle's zip archive with every size known before a byte is inflated: the manifest
/// first (capped), then only the entries the manifest lists, each refused when its declared size passes the caps and
/// stopped when it inflates past what it declared. A zip bomb costs at most the caps, never the machine.
/// </summary>
internal static class BundleArchive
{
    /// <summary>The most bytes the manifest or its checksum may inflate to.</summary>
    public const long MaxManifestBytes = 16L << 20;

    /// <summary>The most bytes any one entry may inflate to (the largest array .NET holds is just under 2 GiB).</summary>
    public const long MaxEntryBytes = 1L << 30;

    /// <summary>The most bytes all entries together may inflate to.</summary>
    public const long MaxTotalBytes = 3L << 29;

    /// <summary>Inflates the bundle's entries into memory, refusing unlisted, duplicated and oversized ones first.</summary>
    /// <param name="source">The bundle's name in error messages.</param>
    /// <param name="archive">The opened archive.</param>
    /// <param name="manifestEntry">The manifest's entry name; its <c>entries</c> object lists every other entry.</param>
    /// <param name="manifestHashEntry">The manifest checksum's entry name.</param>
    public static Dictionary<string, byte[]> ReadEntries(string source, ZipArchive archive, string manifestEntry, string manifestHashEntry)
    {
        var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            if (!byName.TryAdd(entry.FullName, entry))
            {
                throw Fail(source, $"the archive holds the entry '{entry.FullName}' twice.");
            }
        }

        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string name in (ReadOnlySpan<string>)[manifestEntry, manifestHashEntry])
        {
            if (byName.TryGetValue(name, out var entry))
            {
                entries[name] = Inflate(source, entry, MaxManifestBytes);
            }
        }

        // Without a readable manifest nothing else is inflated: the caller's manifest checks give the error.
        var listed = entries.TryGetValue(manifestEntry, out byte[]? manifest) ? ListedEntries(manifest) : null;
        if (listed is null)
        {
            return entries;
        }

        long total = 0;
        foreach (var (name, entry) in byName)
        {
            if (name == manifestEntry || name == manifestHashEntry)
            {
                continue;
            }

            if (!listed.Contains(name))
            {
                throw Fail(source, $"the entry '{name}' has no checksum in {manifestEntry}.");
            }

            CheckDeclared(source, entry, MaxEntryBytes);
            total += entry.Length;
            if (total > MaxTotalBytes)
            {
                throw Fail(source, string.Create(CultureInfo.InvariantCulture, $"its entries would inflate to more than {MaxTotalBytes} bytes, more than a bundle may hold."));
            }

            entries[name] = Inflate(source, entry, MaxEntryBytes);
        }

        return entries;
    }

    /// <summary>The names the manifest's <c>entries</c> object lists, or <see langword="null"/> when the manifest cannot be read that far.</summary>
    private static HashSet<string>? ListedEntries(byte[] manifest)
    {
        try
        {
            return JsonNode.Parse(manifest) is JsonObject root && root["entries"] is JsonObject listed
                ? listed.Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Inflates one entry into an array, refusing it when its declared size passes <paramref name="cap"/> and stopping at the first byte past that size.</summary>
    private static byte[] Inflate(string source, ZipArchiveEntry entry, long cap)
    {
        CheckDeclared(source, entry, cap);
        long declared = entry.Length;

        byte[] bytes = GC.AllocateUninitializedArray<byte>((int)declared);
        using var stream = entry.Open();
        int read = 0;
        while (read < bytes.Length)
        {
            int n = stream.Read(bytes, read, bytes.Length - read);
            if (n == 0)
            {
                throw Fail(source, string.Create(CultureInfo.InvariantCulture, $"the entry '{entry.FullName}' ends after {read} of its {declared} bytes."));
            }

            read += n;
        }

        // The runtime's entry stream already ends at the declared size; the probe keeps that a rule here too.
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) != 0)
        {
            throw Fail(source, string.Create(CultureInfo.InvariantCulture, $"the entry '{entry.FullName}' inflates past the {declared} bytes it declares."));
        }

        return bytes;
    }

    private static void CheckDeclared(string source, ZipArchiveEntry entry, long cap)
    {
        if (entry.Length > cap)
        {
            throw Fail(source, string.Create(CultureInfo.InvariantCulture, $"the entry '{entry.FullName}' would inflate to {entry.Length} bytes, more than the {cap} an entry may hold."));
        }
    }

    private static InvalidDataException Fail(string source, string message) => new($"Model bundle '{source}': {message}");
}
