using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using MovieRec.Onnx.Models;
using MovieRec.Tests.Models;
using static MovieRec.Onnx.Tests.Models.BundleEdits;

namespace MovieRec.Onnx.Tests.Models;

/// <summary>
/// Bundles that are damaged or made by hand: each is rejected with one <see cref="InvalidDataException"/> that names
/// the file and the entry or manifest field at fault, never another exception, and never accepted with bad contents.
/// </summary>
[TestFixture]
public sealed class ModelBundleValidationTests
{
    private string _folder = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-bundle-check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _path = Path.Combine(_folder, "model.zip");
        TinyModels.TextCnn.Save(_path);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [TestCase("version")]
    [TestCase("entries")]
    [TestCase("inputs")]
    [TestCase("metadata")]
    [TestCase("userFeatureWidth")]
    [TestCase("interaction")]
    public void A_manifest_without_a_key_names_the_key(string key)
    {
        Rewrite(_path, entries => EditManifest(entries, manifest => manifest.Remove(key)));

        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(_path));

        Assert.That(error!.Message, Does.StartWith($"Model bundle '{_path}': ").And.Contain($"'{key}'"));
    }

    [Test]
    public void A_manifest_that_lists_no_entries_does_not_switch_the_checks_off()
    {
        Rewrite(_path, entries => EditManifest(entries, manifest => manifest["entries"] = new JsonObject()));

        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(_path));

        Assert.That(error!.Message, Does.Contain(_path).And.Contain("has no checksum in manifest.json"));
    }

    [Test]
    public void A_changed_manifest_is_caught_by_its_own_checksum()
    {
        Rewrite(_path, entries => entries["manifest.json"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries["manifest.json"]).Replace("text-cnn", "lstm-cnn", StringComparison.Ordinal)));

        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(_path));

        Assert.That(error!.Message, Does.Contain(_path).And.Contain("manifest.json does not match its checksum in manifest.sha256"));
    }

    [Test]
    public void A_negative_feature_id_is_refused_naming_the_entry_and_row()
    {
        Rewrite(_path, entries => Replace(entries, "features/movies.bin", bytes => MemoryMarshal.Cast<byte, long>(bytes)[3 * (bytes.Length / 8 / TinyModels.TextCnn.MovieIndexBound)] = -2));

        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(_path));

        Assert.That(error!.Message, Does.Contain(_path).And.Contain("features/movies.bin holds a negative feature id (-2) in row 3"));
    }

    [Test]
    public void An_odd_seen_list_and_a_short_titles_list_name_their_entries()
    {
        string odd = Path.Combine(_folder, "odd.zip");
        File.Copy(_path, odd);
        Rewrite(odd, entries =>
        {
            entries["catalog/seen.bin"] = entries["catalog/seen.bin"][..^4];
            Rehash(entries);
        });
        Rewrite(_path, entries => EditJson(entries, "catalog/movies.json", movies => movies["titles"]!.AsArray().RemoveAt(0)));

        var oddError = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(odd));
        var titlesError = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(_path));

        Assert.Multiple(() =>
        {
            Assert.That(oddError!.Message, Does.Contain(odd).And.Contain("catalog/seen.bin").And.Contain("pairs"));
            Assert.That(titlesError!.Message, Does.Contain(_path).And.Contain("catalog/movies.json").And.Contain("titles"));
        });
    }

    [Test]
    public void A_seen_pair_outside_the_catalog_is_refused()
    {
        Rewrite(_path, entries => Replace(entries, "catalog/seen.bin", bytes => MemoryMarshal.Cast<byte, int>(bytes)[0] = 1_000_000));

        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(_path));

        Assert.That(error!.Message, Does.Contain("catalog/seen.bin holds a user index outside the catalog (1000000)"));
    }

    [Test]
    public void A_version_1_bundle_without_a_manifest_checksum_still_loads()
    {
        Rewrite(_path, entries =>
        {
            entries.Remove("manifest.sha256");
            var manifest = JsonNode.Parse(entries["manifest.json"])!.AsObject();
            manifest["version"] = 1;
            entries["manifest.json"] = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });

        var bundle = ModelBundle.Load(_path);

        Assert.That(bundle.ModelKind, Is.EqualTo("text-cnn"));
    }

    [Test]
    public void Fuzzed_bundles_load_or_fail_with_one_error_naming_the_file()
    {
        byte[] original = File.ReadAllBytes(_path);
        var random = new Random(2026);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] manifestKeys = ["format", "version", "modelKind", "featureSchema", "interaction", "userFeatureWidth", "movieFeatureWidth", "inputs", "metadata", "entries"];
        JsonNode?[] replacements = [null, "x", -1, 0, 3, 1e30, new JsonArray(), new JsonObject(), true];
        string[] entryNames = ["model.onnx", "features/users.bin", "features/movies.bin", "history.json", "catalog/movies.json", "catalog/users.bin", "catalog/seen.bin"];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 300; i++)
        {
            string path = Path.Combine(_folder, $"fuzz-{i}.zip");
            string kind;
            switch (i % 5)
            {
                case 0:
                    kind = "byte flips";
                    var flipped = (byte[])original.Clone();
                    for (int f = 0; f <= random.Next(4); f++)
                    {
                        flipped[random.Next(flipped.Length)] ^= (byte)(1 + random.Next(255));
                    }

                    File.WriteAllBytes(path, flipped);
                    break;
                case 1:
                    kind = "truncation";
                    File.WriteAllBytes(path, original[..random.Next(original.Length)]);
                    break;
                case 2:
                    kind = "manifest field";
                    File.WriteAllBytes(path, original);
                    string key = manifestKeys[random.Next(manifestKeys.Length)];
                    var value = replacements[random.Next(replacements.Length)];
                    Rewrite(path, entries => EditManifest(entries, manifest => manifest[key] = value?.DeepClone()));
                    break;
                case 3:
                    kind = "input field";
                    File.WriteAllBytes(path, original);
                    string[] inputKeys = ["name", "side", "offset", "width"];
                    string inputKey = inputKeys[random.Next(inputKeys.Length)];
                    var inputValue = replacements[random.Next(replacements.Length)];
                    Rewrite(path, entries => EditManifest(entries, manifest =>
                    {
                        var inputs = manifest["inputs"]!.AsArray();
                        inputs[random.Next(inputs.Count)]!.AsObject()[inputKey] = inputValue?.DeepClone();
                    }));
                    break;
                default:
                    kind = "entry bytes with matching checksums";
                    File.WriteAllBytes(path, original);
                    string name = entryNames[random.Next(entryNames.Length)];
                    int cut = random.Next(3);
                    Rewrite(path, entries =>
                    {
                        var bytes = entries[name];
                        entries[name] = cut == 0 ? bytes[..random.Next(bytes.Length)] : bytes.Select(b => random.Next(50) == 0 ? (byte)random.Next(256) : b).ToArray();
                        Rehash(entries);
                    });
                    break;
            }

            string outcome;
            try
            {
                using var model = BundleModel.Load(path);
                outcome = "loaded";
            }
            catch (InvalidDataException e)
            {
                Assert.That(e.Message, Does.StartWith($"Model bundle '{path}'"), $"case {i} ({kind})");
                outcome = "rejected";
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i} ({kind}): {e.GetType().Name}: {e.Message}");
                throw;
            }

            outcomes[kind + ": " + outcome] = outcomes.GetValueOrDefault(kind + ": " + outcome) + 1;
            File.Delete(path);
        }

        TestContext.Out.WriteLine(string.Join("; ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Where(o => o.Key.EndsWith("rejected", StringComparison.Ordinal)).Sum(o => o.Value), Is.GreaterThan(150), "most cases damage the bundle");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(2)), "bounded in time: nothing hangs");
        });
    }
}
