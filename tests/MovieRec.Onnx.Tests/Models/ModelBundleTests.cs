using System.IO.Compression;
using MovieRec.Onnx.Models;
using MovieRec.Tests.Hostile;
using MovieRec.Tests.Models;

namespace MovieRec.Onnx.Tests.Models;

[TestFixture]
public sealed class ModelBundleTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-bundle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Saved_and_loaded_bundle_predicts_exactly_the_same()
    {
        var model = TinyModels.LstmCnn;
        string path = Path.Combine(_folder, "model.zip");
        model.Save(path);

        using var loaded = BundleModel.Load(path, model.Bundle.FeatureSchema);
        var test = TinyModels.Test;
        var before = new float[test.Count];
        var after = new float[test.Count];
        model.Predict(test.Users, test.Movies, before);
        loaded.Predict(test.Users, test.Movies, after);
        var scoresBefore = new float[model.MovieIndexBound];
        var scoresAfter = new float[model.MovieIndexBound];
        model.ScoreAll(3, scoresBefore);
        loaded.ScoreAll(3, scoresAfter);

        Assert.Multiple(() =>
        {
            Assert.That(after, Is.EqualTo(before));
            Assert.That(scoresAfter, Is.EqualTo(scoresBefore));
            Assert.That(loaded.MovieVectors!.Values.ToArray(), Is.EqualTo(model.MovieVectors!.Values.ToArray()));
            Assert.That(loaded.Bundle.History.Select(h => h.TrainingLoss), Is.EqualTo(model.Bundle.History.Select(h => h.TrainingLoss)));
            Assert.That(loaded.Bundle.Dataset.Titles, Is.EqualTo(model.Bundle.Dataset.Titles));
            Assert.That(loaded.Bundle.Dataset.MovieIds, Is.EqualTo(model.Bundle.Dataset.MovieIds));
            Assert.That(loaded.Bundle.Vocabularies["title"].Tokens, Is.EqualTo(model.Bundle.Vocabularies["title"].Tokens));
            Assert.That(loaded.Bundle.Metadata["options"], Is.EqualTo(model.Bundle.Metadata["options"]));
        });
    }

    [Test]
    public void A_failure_mid_save_leaves_the_previous_bundle_intact()
    {
        string path = Path.Combine(_folder, "model.zip");
        TinyModels.TextCnn.Save(path);
        byte[] before = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => TinyModels.LstmCnn.Bundle.Save(path, entry =>
        {
            if (entry == "model.onnx")
            {
                throw new IOException("simulated crash");
            }
        }));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
            Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(1), "no temporary file is left behind");
            Assert.That(ModelBundle.Load(path).ModelKind, Is.EqualTo("text-cnn"));
        });
    }

    [Test]
    public void A_corrupted_bundle_gives_an_error_naming_the_file()
    {
        string path = Path.Combine(_folder, "model.zip");
        TinyModels.TextCnn.Save(path);
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = archive.GetEntry("features/movies.bin")!;
            byte[] bytes;
            using (var stream = entry.Open())
            using (var buffer = new MemoryStream())
            {
                stream.CopyTo(buffer);
                bytes = buffer.ToArray();
            }

            entry.Delete();
            bytes[^1] ^= 0x5A;
            using var replaced = archive.CreateEntry("features/movies.bin").Open();
            replaced.Write(bytes);
        }

        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(path));
        Assert.That(error!.Message, Does.Contain(path).And.Contain("features/movies.bin"));
    }

    [Test]
    public void A_file_that_is_not_a_bundle_gives_an_error_naming_the_file()
    {
        string path = Path.Combine(_folder, "model.zip");
        File.WriteAllText(path, "not a zip");
        var error = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(path));
        Assert.That(error!.Message, Does.Contain(path));
    }

    [Test]
    public void A_bundle_for_another_feature_schema_is_refused()
    {
        string path = Path.Combine(_folder, "model.zip");
        TinyModels.TextCnn.Save(path);
        string other = FeatureTables.SchemaFor(genreLength: 6, titleLength: 10);

        var error = Assert.Throws<InvalidDataException>(() => BundleModel.Load(path, other));
        Assert.That(error!.Message, Does.Contain(path).And.Contain(other).And.Contain(TinyModels.TextCnn.Bundle.FeatureSchema));
    }

    [Test]
    public void A_save_removes_temporary_files_that_killed_processes_left_and_keeps_those_of_live_ones()
    {
        string path = Path.Combine(_folder, "model.zip");
        string stale = Path.Combine(_folder, $".model.zip.999999999.{Guid.NewGuid():N}.tmp");
        string live = Path.Combine(_folder, $".model.zip.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string unrelated = Path.Combine(_folder, ".other.zip.999999999.tmp");
        File.WriteAllText(stale, "half a bundle");
        File.WriteAllText(live, "a save in progress");
        File.WriteAllText(unrelated, "not ours");

        TinyModels.TextCnn.Save(path);

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(stale), Is.False, "left by a process that no longer runs");
            Assert.That(File.Exists(live), Is.True, "belongs to a running process");
            Assert.That(File.Exists(unrelated), Is.True);
            Assert.That(ModelBundle.Load(path).ModelKind, Is.EqualTo("text-cnn"));
        });
    }

    [Test]
    public void A_folder_an_empty_file_and_a_pipe_are_refused_at_once_naming_them()
    {
        string empty = Path.Combine(_folder, "empty.zip");
        File.WriteAllBytes(empty, []);

        var folderError = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(_folder));
        var emptyError = Assert.Throws<InvalidDataException>(() => ModelBundle.Load(empty));
        Assert.Multiple(() =>
        {
            Assert.That(folderError!.Message, Is.EqualTo($"Model bundle '{_folder}' is a folder, not a bundle file."));
            Assert.That(emptyError!.Message, Is.EqualTo($"Model bundle '{empty}' is empty."));
        });

        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string pipe = Path.Combine(_folder, "pipe.zip");
        string link = Path.Combine(_folder, "link.zip");
        SpecialFiles.MakePipe(pipe);
        SpecialFiles.LinkToPipe(link);
        foreach (string path in new[] { pipe, link })
        {
            var load = Task.Run(() => ModelBundle.Load(path));
            Assert.That(Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(20))).Result, Is.SameAs(load), $"loading {path} returns instead of waiting for a writer");
            Assert.That(load.Exception!.InnerException, Is.InstanceOf<InvalidDataException>().With.Message.EqualTo($"Model bundle '{path}' is a pipe, not a regular file; expected a file."));
        }
    }

    [Test]
    public void A_missing_file_is_reported()
    {
        Assert.Throws<FileNotFoundException>(() => ModelBundle.Load(Path.Combine(_folder, "absent.zip")));
    }

    [Test]
    public void Streams_carry_the_same_bundle_as_files()
    {
        var model = TinyModels.LstmCnn;
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;
        using var loaded = BundleModel.Load(buffer);

        int[] users = [1, 2, 3, 40];
        int[] movies = [5, 6, 7, 8];
        var before = new float[users.Length];
        var after = new float[users.Length];
        model.Predict(users, movies, before);
        loaded.Predict(users, movies, after);
        Assert.Multiple(() =>
        {
            Assert.That(after, Is.EqualTo(before));
            Assert.That(buffer.CanRead, Is.True, "the caller's stream stays open");
            Assert.That(() => ModelBundle.Load(new MemoryStream([1, 2, 3])), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("not a model bundle"));
        });
    }
}
