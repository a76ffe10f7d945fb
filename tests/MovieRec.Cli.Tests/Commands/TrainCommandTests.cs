using MovieRec.Data;
using MovieRec.Onnx.Models;

namespace MovieRec.Cli.Tests.Commands;

[TestFixture]
public sealed class TrainCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-train-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Lstm_cnn_trains_on_synthetic_data_written_in_the_ml_1m_format()
    {
        var synthetic = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 2000, NumberOfUsers = 80, NumberOfMovies = 100, Seed = 9 });
        string data = Path.Combine(_folder, "ml-1m");
        Directory.CreateDirectory(data);
        DatasetWriter.WriteMovieLens1M(synthetic, data);
        string bundle = Path.Combine(_folder, "lstm.zip");

        var (code, output) = CliRunner.Run("train", "--model", "lstm-cnn", "--data", "ml-1m", "--path", data, "--epochs", "1", "--threads", "1", "--output", bundle);

        Assert.That(code, Is.Zero, output);
        var loaded = ModelBundle.Load(bundle);
        Assert.Multiple(() =>
        {
            Assert.That(loaded.ModelKind, Is.EqualTo("lstm-cnn"));
            Assert.That(loaded.Metadata["dataset"], Does.Contain("1m").IgnoreCase);
            Assert.That(loaded.Catalog.MovieIds.Skip(1), Is.EquivalentTo(synthetic.MovieIds.RawIds));
            Assert.That(loaded.Metadata["options"], Does.Contain("lr=0.0001").And.Contain("epochs=1"));
        });
    }

    [Test]
    public void A_bad_test_fraction_is_rejected()
    {
        var (code, output) = CliRunner.Run("train", "--data", "synthetic", "--ratings", "1000", "--test-fraction", "1.5");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(output, Does.Contain("--test-fraction"));
        });
    }
}
