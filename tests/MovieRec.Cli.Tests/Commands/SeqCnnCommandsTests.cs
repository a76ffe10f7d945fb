using System.Globalization;
using MovieRec.Onnx.Models;

namespace MovieRec.Cli.Tests.Commands;

/// <summary>The sequence CNN through the command line: train, recommend for a user and for liked movies, export.</summary>
[TestFixture]
public sealed class SeqCnnCommandsTests
{
    private string _folder = null!;
    private string _bundle = null!;
    private string _trainOutput = null!;

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-cli-seq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _bundle = Path.Combine(_folder, "seq.zip");
        var (code, output) = CliRunner.Run("train", "--model", "seq-cnn", "--data", "synthetic", "--ratings", "3000", "--epochs", "1", "--seed", "3", "--compare-mf", "--output", _bundle);
        Assert.That(code, Is.Zero, output);
        _trainOutput = output;
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Train_reports_rating_metrics_beside_mf_and_saves_a_history_bundle()
    {
        var bundle = ModelBundle.Load(_bundle);
        Assert.Multiple(() =>
        {
            Assert.That(_trainOutput, Does.Contain("RMSE").And.Contain("mf (biased)"));
            Assert.That(bundle.ModelKind, Is.EqualTo("seq-cnn"));
            Assert.That(bundle.HistoryLength, Is.EqualTo(16));
        });
    }

    [Test]
    public void Recommend_for_a_known_user_and_for_liked_movies()
    {
        using var model = DeepRatingModel.Load(_bundle);
        var catalog = model.Bundle.Catalog;
        string user = catalog.UserIds[1].ToString(CultureInfo.InvariantCulture);
        string liked = string.Join(',', new[] { 1, 2 }.Select(m => catalog.MovieIds[m].ToString(CultureInfo.InvariantCulture)));

        var (userCode, userOutput) = CliRunner.Run("recommend", "--bundle", _bundle, "--user", user, "-k", "3");
        var (likedCode, likedOutput) = CliRunner.Run("recommend", "--bundle", _bundle, "--liked", liked, "-k", "3");

        Assert.Multiple(() =>
        {
            Assert.That(userCode, Is.Zero, userOutput);
            Assert.That(likedCode, Is.Zero, likedOutput);
            Assert.That(likedOutput, Does.Contain("new user who liked 2 movie(s)"));
        });
    }

    [Test]
    public void Export_writes_the_sequence_inputs_in_both_profiles()
    {
        string onnx = Path.Combine(_folder, "seq.onnx");
        string mlnet = Path.Combine(_folder, "seq-mlnet.onnx");
        var (code, output) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", onnx);
        var (idCode, idOutput) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", mlnet, "--profile", "mlnet");
        var model = MovieRec.Onnx.Format.OnnxModel.Load(onnx);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(idCode, Is.Zero, idOutput);
            Assert.That(model.Inputs.Select(i => i.Name), Is.EquivalentTo(new[] { "history", "history_ratings", "genres", "plot" }));
            Assert.That(MovieRec.Onnx.Format.OnnxModel.Load(mlnet).Inputs.Select(i => i.Name), Is.EquivalentTo(new[] { "history", "history_ratings", "genres", "plot" }));
        });
    }

    [Test]
    public void A_descriptions_file_that_does_not_exist_is_named()
    {
        var (code, output) = CliRunner.Run("train", "--model", "seq-cnn", "--data", "synthetic", "--ratings", "3000", "--epochs", "1", "--descriptions", "no-such-plots.csv", "--output", Path.Combine(_folder, "x.zip"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.Zero);
            Assert.That(output, Does.Contain("--descriptions 'no-such-plots.csv' does not exist; expected a CSV with title, release_year and description columns, auto or none."));
            Assert.That(File.Exists(Path.Combine(_folder, "x.zip")), Is.False);
        });
    }
}
