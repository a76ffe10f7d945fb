using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MovieRec.Onnx.Models;

/// <content>Reads a bundle's inflated entries with every error naming the file and the entry or field.</content>
public sealed partial class ModelBundle
{
    /// <summary>Reads a bundle's entries with checks that name the bundle and the entry (or manifest field) at fault.</summary>
    private sealed class BundleReader(string path, Dictionary<string, byte[]> entries)
    {
        public InvalidDataException Fail(string message) => new($"Model bundle '{path}': {message}");

        public byte[] Entry(string name) => entries.TryGetValue(name, out var bytes) ? bytes : throw Fail($"the entry '{name}' is missing.");

        public JsonNode Json(string name)
        {
            try
            {
                return JsonNode.Parse(Entry(name)) ?? throw Fail($"{name} holds JSON null.");
            }
            catch (JsonException e)
            {
                throw Fail($"{name} is not valid JSON ({e.Message}).");
            }
        }

        public JsonObject Manifest() => Json(ManifestEntry) as JsonObject ?? throw Fail($"{ManifestEntry} is not a JSON object.");

        /// <summary>Checks manifest.json against manifest.sha256, so that the manifest is covered like every other entry.</summary>
        public void CheckManifestHash()
        {
            string expected = Encoding.ASCII.GetString(Entry(ManifestHashEntry)).Trim();
            string actual = Convert.ToHexString(SHA256.HashData(Entry(ManifestEntry)));
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw Fail($"the bundle is corrupted: {ManifestEntry} does not match its checksum in {ManifestHashEntry}.");
            }
        }

        /// <summary>Every entry but the manifest and its checksum is listed with its hash, every listed entry exists, and each hash matches.</summary>
        public void CheckEntries(JsonObject listed)
        {
            foreach (string name in entries.Keys)
            {
                if (name is not (ManifestEntry or ManifestHashEntry) && !listed.ContainsKey(name))
                {
                    throw Fail($"the entry '{name}' has no checksum in {ManifestEntry}.");
                }
            }

            foreach (var (name, hash) in listed)
            {
                string expected = Value<string>(hash, $"the checksum of '{name}' in {ManifestEntry}");
                string actual = Convert.ToHexString(SHA256.HashData(Entry(name)));
                if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                {
                    throw Fail($"the bundle is corrupted: entry '{name}' does not match its checksum in {ManifestEntry}.");
                }
            }
        }

        public string String(JsonObject node, string key, string where) => Value<string>(Node(node, key, where), $"{where} '{key}'");

        public int Int(JsonObject node, string key, string where) => Value<int>(Node(node, key, where), $"{where} '{key}'");

        public double Double(JsonObject node, string key, string where) => Value<double>(Node(node, key, where), $"{where} '{key}'");

        public TEnum Enum<TEnum>(JsonObject node, string key, string where)
            where TEnum : struct, Enum
        {
            string text = String(node, key, where);
            return System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0]) && text[0] != '-'
                ? value
                : throw Fail($"{where} '{key}' is '{text}'; expected one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        }

        public JsonObject Object(JsonObject node, string key, string where) =>
            Node(node, key, where) as JsonObject ?? throw Fail($"{where} '{key}' is not a JSON object.");

        public JsonArray Array(JsonObject node, string key, string where) =>
            Node(node, key, where) as JsonArray ?? throw Fail($"{where} '{key}' is not a JSON array.");

        public T Value<T>(JsonNode? node, string what) =>
            node is JsonValue value && value.TryGetValue<T>(out var result) && result is not null
                ? result
                : throw Fail($"{what} is {(node is null ? "null" : node.ToJsonString())}; expected {(typeof(T) == typeof(string) ? "a string" : "a number (" + typeof(T).Name + ")")}.");

        /// <summary>A binary entry as values; its length must be a whole number of values.</summary>
        public T[] Values<T>(string name)
            where T : unmanaged
        {
            var bytes = Entry(name);
            int size = Unsafe.SizeOf<T>();
            if (bytes.Length % size != 0)
            {
                throw Fail(string.Create(CultureInfo.InvariantCulture, $"{name} has {bytes.Length} bytes, not a whole number of {size}-byte values."));
            }

            return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
        }

        private JsonNode Node(JsonObject node, string key, string where) => node[key] ?? throw Fail($"{where} has no '{key}'.");
    }
}
