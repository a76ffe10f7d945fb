using MovieRec.Onnx.Models;

namespace MovieRec.Cli.Tests.Commands;

/// <summary>train, recommend, similar, also-liked and export, end to end on a small synthetic dataset.</summary>
[TestFixture]
public sealed class DeepModelCommandsTests
{
    private string _folder = null!;
    private string _bundle = null!;
    private string _trainOutput = null!;

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _bundle = Path.Combine(_folder, "model.zip");
        var (code, output) = CliRunner.Run("train", "--model", "text-cnn", "--data", "synthetic", "--ratings", "3000", "--epochs", "2", "--lr", "0.003",
            "--biases", "true", "--seed", "3", "--threads", "1", "--compare-mf", "--output", _bundle);
        Assert.That(code, Is.Zero, output);
        _trainOutput = output;
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Train_prints_metrics_for_the_model_and_mf_and_writes_a_bundle()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_trainOutput, Does.Contain("text-cnn").And.Contain("mf (biased)").And.Contain("RMSE").And.Contain("Saved model bundle"));
            Assert.That(_trainOutput, Does.Contain("Trained on CPU").And.Contain("CUDA not used"), "the device that trained, and why not CUDA");
            Assert.That(File.Exists(_bundle), Is.True);
            Assert.That(ModelBundle.Load(_bundle).ModelKind, Is.EqualTo("text-cnn"));
            Assert.That(ModelBundle.Load(_bundle).History, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Recommend_lists_k_unseen_movies_with_raw_ids_titles_and_genres()
    {
        using var model = BundleModel.Load(_bundle);
        var catalog = model.Bundle.Dataset;
        long rawUser = catalog.UserIds[2];
        var (code, output) = CliRunner.Run("recommend", "--bundle", _bundle, "--user", rawUser.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", "4");
        var top = MovieRec.Recommendation.Recommender.Create(model, catalog.Seen).Favourites(2, new() { Count = 4 });

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            foreach (var item in top)
            {
                Assert.That(output, Does.Contain(catalog.Titles[item.Index]));
            }

            Assert.That(output, Does.Contain("genres").And.Contain("predicted"));
        });
    }

    [Test]
    public void Recommend_for_a_new_user_by_side_features()
    {
        var (code, output) = CliRunner.Run("recommend", "--bundle", _bundle, "--gender", "F", "--age", "31", "--occupation", "2", "-k", "3");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("new user"));
        });
    }

    [Test]
    public void Similar_and_also_liked_print_tables_without_the_query_movie()
    {
        using var model = BundleModel.Load(_bundle);
        var catalog = model.Bundle.Dataset;
        string raw = catalog.MovieIds[1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (similarCode, similar) = CliRunner.Run("similar", "--bundle", _bundle, "--movie", raw, "-k", "5");
        var (alsoCode, also) = CliRunner.Run("also-liked", "--bundle", _bundle, "--movie", raw, "-k", "5", "--pool", "10", "--seed", "2");
        var expected = MovieRec.Recommendation.Recommender.Create(model).SimilarMovies(1, new() { Count = 5 });

        Assert.Multiple(() =>
        {
            Assert.That(similarCode, Is.Zero, similar);
            Assert.That(alsoCode, Is.Zero, also);
            Assert.That(similar, Does.Contain("cosine"));
            foreach (var item in expected)
            {
                Assert.That(similar, Does.Contain(catalog.Titles[item.Index]));
            }

            Assert.That(also, Does.Contain("also liked"));
        });
    }

    [Test]
    public void Export_writes_the_onnx_model_and_prints_its_contract()
    {
        string onnx = Path.Combine(_folder, "model.onnx");
        string indices = Path.Combine(_folder, "model-indices.onnx");
        var (code, output) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", onnx);
        var (indexCode, indexOutput) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", indices, "--profile", "indices");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(File.Exists(onnx), Is.True);
            Assert.That(output, Does.Contain("user_id: Int64[N, 1]").And.Contain("movie_id: Int64[N, 1]").And.Contain("optional input").And.Contain("gender").And.Contain("rating"));
            Assert.That(output, Does.Not.Contain("title"), "titles are looked up inside the model");
            Assert.That(indexCode, Is.Zero, indexOutput);
            Assert.That(indexOutput, Does.Contain("user_id: Int64[N]").And.Contain("title").And.Contain("rating"));
        });
    }

    [Test]
    public void Export_onto_the_bundle_itself_is_refused_and_the_bundle_kept()
    {
        byte[] before = File.ReadAllBytes(_bundle);

        var (code, output) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", _bundle);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("--onnx").And.Contain("is the same file as --bundle"));
            Assert.That(File.ReadAllBytes(_bundle), Is.EqualTo(before));
        });
    }

    [Test]
    public void Output_paths_are_checked_before_any_work()
    {
        string missingFolder = Path.Combine(_folder, "no-such-folder", "model.zip");
        string aFile = Path.Combine(_folder, "a-file.txt");
        File.WriteAllText(aFile, "x");

        var (train, trainOutput) = CliRunner.Run("train", "--data", "synthetic", "--ratings", "3000", "--epochs", "1", "--output", missingFolder);
        var (trainIntoFolder, folderOutput) = CliRunner.Run("train", "--data", "synthetic", "--ratings", "3000", "--epochs", "1", "--output", _folder);
        var (evaluate, evaluateOutput) = CliRunner.Run("evaluate", "--data", "synthetic", "--models", "bias", "--output", aFile);

        Assert.Multiple(() =>
        {
            Assert.That(train, Is.EqualTo(2), trainOutput);
            Assert.That(trainOutput, Does.Contain("--output").And.Contain("does not exist").And.Not.Contain("Test metrics"));
            Assert.That(trainIntoFolder, Is.EqualTo(2), folderOutput);
            Assert.That(folderOutput, Does.Contain("is a folder").And.Not.Contain("Test metrics"));
            Assert.That(evaluate, Is.EqualTo(2), evaluateOutput);
            Assert.That(evaluateOutput, Does.Contain("--output").And.Contain("is a file").And.Not.Contain("RMSE"));
        });
    }

    [TestCase("--age", "999", "--age: Age 999 is out of range; expected 1 to 120 years.")]
    [TestCase("--occupation", "999", "--occupation: Occupation 999 is not one this model knows")]
    public void Cold_start_values_outside_what_the_model_knows_are_refused_naming_the_option(string option, string value, string message)
    {
        string[] args = ["recommend", "--bundle", _bundle, "--gender", "F", "--age", "30", "--occupation", "1"];
        args[Array.IndexOf(args, option) + 1] = value;

        var (code, output) = CliRunner.Run(args);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain(message));
            Assert.That(output, Does.Not.Contain("Gather"), "no raw ONNX Runtime error");
        });
    }

    [Test]
    public void Bad_input_gives_one_clear_error()
    {
        var (missing, missingOutput) = CliRunner.Run("similar", "--bundle", Path.Combine(_folder, "absent.zip"), "--movie", "1");
        var (unknownMovie, unknownOutput) = CliRunner.Run("similar", "--bundle", _bundle, "--movie", "987654");
        var (unknownModel, modelOutput) = CliRunner.Run("train", "--model", "nope", "--data", "synthetic", "--ratings", "1000");
        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.EqualTo(1));
            Assert.That(missingOutput, Does.Contain("absent.zip"));
            Assert.That(unknownMovie, Is.EqualTo(2));
            Assert.That(unknownOutput, Does.Contain("987654"));
            Assert.That(unknownModel, Is.EqualTo(2));
            Assert.That(modelOutput, Does.Contain("lstm-cnn"));
        });
    }
}
