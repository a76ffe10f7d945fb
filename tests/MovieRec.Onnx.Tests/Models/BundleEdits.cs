using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MovieRec.Onnx.Tests.Models;

/// <summary>Edits a saved bundle's entries as a tool that writes bundles by hand (or an attacker) would.</summary>
internal static class BundleEdits
{
    /// <summary>Rewrites a bundle's entries through <paramref name="edit"/>.</summary>
    public static void Rewrite(string path, Action<Dictionary<string, byte[]>> edit)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var archive = ZipFile.OpenRead(path))
        {
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                entries[entry.FullName] = buffer.ToArray();
            }
        }

        edit(entries);
        File.Delete(path);
        using var output = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var stream = output.CreateEntry(name).Open();
            stream.Write(bytes);
        }
    }

    /// <summary>Edits the manifest and updates its checksum, as a tool that writes bundles by hand would.</summary>
    /// <param name="entries">The bundle's entries.</param>
    /// <param name="edit">Changes the manifest.</param>
    /// <param name="padding">Spaces appended to the manifest (still valid JSON).</param>
    public static void EditManifest(Dictionary<string, byte[]> entries, Action<JsonObject> edit, int padding = 0)
    {
        var manifest = JsonNode.Parse(entries["manifest.json"])!.AsObject();
        edit(manifest);
        entries["manifest.json"] = Encoding.UTF8.GetBytes(manifest.ToJsonString() + new string(' ', padding));
        entries["manifest.sha256"] = Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(entries["manifest.json"])));
    }

    public static void EditJson(Dictionary<string, byte[]> entries, string name, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(entries[name])!.AsObject();
        edit(json);
        entries[name] = Encoding.UTF8.GetBytes(json.ToJsonString());
        Rehash(entries);
    }

    public static void Replace(Dictionary<string, byte[]> entries, string name, SpanAction edit)
    {
        var bytes = entries[name].ToArray();
        edit(bytes);
        entries[name] = bytes;
        Rehash(entries);
    }

    /// <summary>Recomputes every entry checksum and the manifest's own, so that only the contents are wrong.</summary>
    public static void Rehash(Dictionary<string, byte[]> entries) => EditManifest(entries, manifest =>
    {
        var hashes = new JsonObject();
        foreach (var (name, bytes) in entries.Where(e => e.Key is not ("manifest.json" or "manifest.sha256")).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            hashes[name] = Convert.ToHexString(SHA256.HashData(bytes));
        }

        manifest["entries"] = hashes;
    });

    public delegate void SpanAction(Span<byte> bytes);
}
