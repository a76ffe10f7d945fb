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
        using var model = BundleModel.Load(_bundle);
        var catalog = model.Bundle.Dataset;
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
    public void Export_takes_ids_by_default_and_the_sequence_inputs_in_the_index_profiles()
    {
        string ids = Path.Combine(_folder, "seq.onnx");
        string indices = Path.Combine(_folder, "seq-indices.onnx");
        string mlnet = Path.Combine(_folder, "seq-mlnet.onnx");
        var (code, output) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", ids);
        var (indexCode, indexOutput) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", indices, "--profile", "indices");
        var (mlnetCode, mlnetOutput) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", mlnet, "--profile", "indices-mlnet");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(indexCode, Is.Zero, indexOutput);
            Assert.That(mlnetCode, Is.Zero, mlnetOutput);
            Assert.That(output, Does.Contain("the dataset's ids"));
            Assert.That(MovieRec.Onnx.Format.OnnxModel.Load(ids).Inputs.Select(i => i.ToString()), Is.EquivalentTo(new[] { "user_id: Int64[N, 1]", "movie_id: Int64[N, 1]" }));
            Assert.That(MovieRec.Onnx.Format.OnnxModel.Load(indices).Inputs.Select(i => i.Name), Is.EquivalentTo(new[] { "history", "history_ratings", "genres", "plot" }));
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
