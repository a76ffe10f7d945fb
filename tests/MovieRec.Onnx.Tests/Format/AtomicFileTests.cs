using MovieRec.Onnx.Format;
using MovieRec.Tests.Hostile;

namespace MovieRec.Onnx.Tests.Format;

/// <summary>The one writer of bundles and ONNX files: failures name the target, never the temporary file, and leave nothing.</summary>
[TestFixture]
public sealed class AtomicFileTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-atomic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_full_disk_is_reported_in_one_sentence_naming_the_target()
    {
        string target = Path.Combine(_folder, "model.zip");
        File.WriteAllText(target, "the previous bundle");

        // What the runtime throws on ENOSPC, naming the file it was writing: the temporary one.
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(target, stream => throw new IOException($"No space left on device : '{((FileStream)stream).Name}'")))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo($"Could not write '{target}': No space left on device."));
            Assert.That(File.ReadAllText(target), Is.EqualTo("the previous bundle"));
            Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { target }), "no temporary file is left");
        });
    }

    [Test]
    public void A_target_that_is_not_a_regular_file_is_refused_and_left_alone()
    {
        if (!SpecialFiles.Supported)
        {
            Assert.Ignore("Pipes are made with mkfifo (Linux and macOS).");
        }

        string pipe = Path.Combine(_folder, "model.zip");
        SpecialFiles.MakePipe(pipe);
        bool wrote = false;

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(pipe, _ => wrote = true))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo($"Output '{pipe}' is a pipe, not a regular file; refusing to replace it. Give a file name."));
            Assert.That(wrote, Is.False);
            Assert.That(new FileInfo(pipe).Length, Is.Zero);
        });
    }
}
