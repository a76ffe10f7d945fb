using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MovieRec.Onnx.Models;
using MovieRec.Tests.Models;
using static MovieRec.Onnx.Tests.Models.BundleEdits;

namespace MovieRec.Onnx.Tests.Models;

/// <summary>
/// Bundles made to exhaust the reader: zip bombs (entries unlisted, oversized, or inflating past what they declare),
/// duplicated entries, a manifest offset at the edge of <see cref="int"/>, a catalogue listing one id twice. Each is
/// refused with one sentence naming the file and the entry, after allocating a few megabytes at most: sizes are
/// checked before a byte is inflated.
/// </summary>
[TestFixture]
public sealed class ModelBundleHostileTests
{
    private const long AllocationBound = 32L << 20;
    private string _folder = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-bundle-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _path = Path.Combine(_folder, "model.zip");
        TinyModels.TextCnn.Save(_path);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void An_unlisted_entry_is_refused_before_it_is_inflated()
    {
        AddZeros(_path, "extra.bin", 256 << 20);

        var (error, allocated) = LoadFailing(_path);

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo($"Model bundle '{_path}': the entry 'extra.bin' has no checksum in manifest.json."));
            Assert.That(allocated, Is.LessThan(AllocationBound), "the 256 MiB entry is not inflated");
        });
    }

    [Test]
    public void An_entry_declaring_gigabytes_is_refused_before_it_is_inflated()
    {
        SetDeclaredSize(_path, "model.onnx", 3_000_000_000);

        var (error, allocated) = LoadFailing(_path);

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo($"Model bundle '{_path}': the entry 'model.onnx' would inflate to 3000000000 bytes, more than the 1073741824 an entry may hold."));
            Assert.That(allocated, Is.LessThan(AllocationBound));
        });
    }

    [Test]
    public void An_entry_that_inflates_past_its_declared_size_is_cut_there_and_refused()
    {
        SetDeclaredSize(_path, "history.json", 10);

        var (error, _) = LoadFailing(_path);

        Assert.That(error.Message, Does.StartWith($"Model bundle '{_path}': ").And.Contain("'history.json'"));
    }

    [Test]
    public void A_manifest_padded_past_its_cap_is_refused_before_it_is_parsed()
    {
        // Whitespace is valid JSON: without the cap this bundle, checksums and all, loads after inflating 32 MiB.
        Rewrite(_path, entries => EditManifest(entries, _ => { }, padding: 32 << 20));

        var (error, allocated) = LoadFailing(_path);

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.StartWith($"Model bundle '{_path}': the entry 'manifest.json' would inflate to ").And.EndWith(" bytes, more than the 16777216 an entry may hold."));
            Assert.That(allocated, Is.LessThan(AllocationBound));
        });
    }

    [Test]
    public void An_entry_given_twice_is_refused()
    {
        using (var archive = ZipFile.Open(_path, ZipArchiveMode.Update))
        {
            using var stream = archive.CreateEntry("history.json").Open();
            stream.Write("[]"u8);
        }

        var (error, _) = LoadFailing(_path);

        Assert.That(error.Message, Is.EqualTo($"Model bundle '{_path}': the archive holds the entry 'history.json' twice."));
    }

    [Test]
    public void An_input_offset_at_the_edge_of_int_is_refused_naming_the_input()
    {
        Rewrite(_path, entries => EditManifest(entries, manifest => manifest["inputs"]![0]!["offset"] = int.MaxValue));

        var (error, _) = LoadFailing(_path);

        Assert.That(error.Message, Does.StartWith($"Model bundle '{_path}': input '").And.Contain($"reads columns {int.MaxValue}..").And.Not.Contain("..-"));
    }

    [Test]
    public void A_catalogue_listing_a_movie_twice_is_refused()
    {
        Rewrite(_path, entries => EditJson(entries, "catalog/movies.json", movies => movies["ids"]![2] = movies["ids"]![1]!.GetValue<long>()));

        var (error, _) = LoadFailing(_path);

        Assert.That(error.Message, Does.StartWith($"Model bundle '{_path}': catalog/movies.json lists movie id ").And.EndWith(" twice (rows 1 and 2); each id names one movie."));
    }

    [Test]
    public void Declared_sizes_fuzzed_in_the_central_directory_load_or_fail_naming_the_file()
    {
        string[] names;
        using (var archive = ZipFile.OpenRead(_path))
        {
            names = [.. archive.Entries.Select(e => e.FullName)];
        }

        byte[] original = File.ReadAllBytes(_path);
        long[] sizes = [0, 1, 7, 1 << 20, int.MaxValue, 2_147_483_648, 3_000_000_000, uint.MaxValue - 1];
        var random = new Random(34);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < 40; i++)
        {
            string path = Path.Combine(_folder, $"sizes-{i}.zip");
            File.WriteAllBytes(path, original);
            SetDeclaredSize(path, names[random.Next(names.Length)], sizes[random.Next(sizes.Length)]);
            string outcome;
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                ModelBundle.Load(path);
                outcome = "loaded";
            }
            catch (InvalidDataException e)
            {
                Assert.That(e.Message, Does.StartWith($"Model bundle '{path}'"), $"case {i}");
                outcome = "rejected";
            }

            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(AllocationBound), $"case {i} allocates a bounded amount");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        TestContext.Out.WriteLine(string.Join("; ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.That(outcomes.GetValueOrDefault("rejected"), Is.GreaterThan(30), "a wrong declared size is noticed");
    }

    /// <summary>Loads a bundle that must fail, returning the error and the bytes the load allocated.</summary>
    private static (InvalidDataException Error, long Allocated) LoadFailing(string path)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(path))!;
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Adds an entry of <paramref name="bytes"/> zeros (a few hundred kilobytes once deflated).</summary>
    private static void AddZeros(string path, string name, int bytes)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Update);
        using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        var zeros = new byte[1 << 20];
        for (int written = 0; written < bytes; written += zeros.Length)
        {
            stream.Write(zeros);
        }
    }

    /// <summary>Writes a false uncompressed size for <paramref name="name"/> into the archive's central directory, as a forged bundle would.</summary>
    private static void SetDeclaredSize(string path, string name, long size)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        int end = span.LastIndexOf("PK\u0005\u0006"u8);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(span[(end + 10)..]);
        int at = BinaryPrimitives.ReadInt32LittleEndian(span[(end + 16)..]);
        bool found = false;
        for (int i = 0; i < count; i++)
        {
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 28)..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 30)..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 32)..]);
            if (Encoding.UTF8.GetString(span.Slice(at + 46, nameLength)) == name)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 24)..], (uint)size);
                found = true;
            }

            at += 46 + nameLength + extraLength + commentLength;
        }

        Assert.That(found, Is.True, $"the archive has an entry '{name}'");
        File.WriteAllBytes(path, bytes);
    }
}
