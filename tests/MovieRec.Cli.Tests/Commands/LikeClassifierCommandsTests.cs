using System.Globalization;
using System.Text;
using MovieRec.Abstractions;
using MovieRec.Onnx.Models;

namespace MovieRec.Cli.Tests.Commands;

/// <summary>The like/dislike classifiers through the command line: train, recommend for a user known by likes, evaluate.</summary>
[TestFixture]
public sealed class LikeClassifierCommandsTests
{
    private string _folder = null!;
    private string _bundle = null!;
    private string _trainOutput = null!;

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-cli-like-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _bundle = Path.Combine(_folder, "like.zip");
        var (code, output) = CliRunner.Run("train", "--model", "like-mlp", "--data", "synthetic", "--ratings", "3000", "--epochs", "2", "--seed", "3", "--compare-mf", "--output", _bundle);
        Assert.That(code, Is.Zero, output);
        _trainOutput = output;
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Train_reports_classifier_metrics_beside_mf()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_trainOutput, Does.Contain("Accuracy").And.Contain("AUC").And.Contain("LogLoss").And.Contain("mf (biased)"));
            Assert.That(ModelBundle.Load(_bundle).Predicts, Is.EqualTo(PredictionKind.LikeProbability));
        });
    }

    [Test]
    public void Recommend_for_a_new_user_known_by_liked_movies()
    {
        using var model = BundleModel.Load(_bundle);
        var catalog = model.Bundle.Dataset;
        int[] liked = [1, 2];
        var expected = MovieRec.Recommendation.Recommender.Create(model, catalog.Seen).ForLikedMovies(liked, new() { Count = 3 });
        string ids = string.Join(',', liked.Select(m => catalog.MovieIds[m].ToString(CultureInfo.InvariantCulture)));

        var (code, output) = CliRunner.Run("recommend", "--bundle", _bundle, "--liked", ids, "-k", "3");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("new user who liked 2 movie(s)"));
            foreach (var item in expected)
            {
                Assert.That(output, Does.Contain(catalog.Titles[item.Index]));
            }
        });
    }

    [Test]
    public void Export_writes_the_like_probability_model_for_other_runtimes()
    {
        string onnx = Path.Combine(_folder, "like.onnx");
        string indices = Path.Combine(_folder, "like-indices.onnx");
        var (code, output) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", onnx);
        var (indexCode, indexOutput) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", indices, "--profile", "indices");
        var model = MovieRec.Onnx.Format.OnnxModel.Load(onnx);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(indexCode, Is.Zero, indexOutput);
            Assert.That(model.Inputs.Select(i => i.Name), Is.EquivalentTo(new[] { "user_id", "movie_id" }), "the dataset's ids; genres and year looked up inside");
            Assert.That(MovieRec.Onnx.Format.OnnxModel.Load(indices).Inputs.Select(i => i.Name), Is.EquivalentTo(new[] { "user_id", "movie_id", "genre1", "genre2", "year" }));
            Assert.That(model.Outputs.Select(o => o.Name), Does.Contain("rating").And.Contain("score"));
        });
    }

    [Test]
    public void Recommend_names_a_liked_movie_the_bundle_does_not_know()
    {
        var (code, output) = CliRunner.Run("recommend", "--bundle", _bundle, "--liked", "1,987654321");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("--liked: movie id '987654321' is not in the bundle's catalogue."));
        });
    }

    [Test]
    public void Evaluate_prints_the_like_dislike_table_for_classifiers_and_references()
    {
        var (code, output) = CliRunner.Run("evaluate", "--data", "synthetic", "--protocol", "random-90-10", "--models", "majority,sdca,mf", "--seeds", "1");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("Like/dislike").And.Contain("LogLoss").And.Contain("BaseRate"));
            Assert.That(output, Does.Contain("majority").And.Contain("sdca"));
        });
    }

    /// <summary>The ML-20M/25M path of the paper's protocol (a random sample of users) on generated files in that format.</summary>
    [Test]
    public void Evaluate_samples_users_of_a_dataset_in_the_ml_20m_format()
    {
        string folder = Path.Combine(_folder, "ml-20m");
        Directory.CreateDirectory(folder);
        var random = new Random(4);
        var movies = new StringBuilder("movieId,title,genres\n");
        for (int m = 1; m <= 40; m++)
        {
            movies.Append(CultureInfo.InvariantCulture, $"{m},Movie {m} ({1980 + (m % 30)}),{(m % 2 == 0 ? "Drama|Comedy" : "Action")}\n");
        }

        var ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 1; u <= 30; u++)
        {
            foreach (int m in Enumerable.Range(1, 40).Where(_ => random.NextDouble() < 0.4))
            {
                ratings.Append(CultureInfo.InvariantCulture, $"{u},{m},{(random.Next(1, 11) / 2.0).ToString("0.0", CultureInfo.InvariantCulture)},{1_000_000_000 + (u * 1000) + m}\n");
            }
        }

        File.WriteAllText(Path.Combine(folder, "movies.csv"), movies.ToString());
        File.WriteAllText(Path.Combine(folder, "ratings.csv"), ratings.ToString());

        var (code, output) = CliRunner.Run("evaluate", "--data", "ml-20m", "--path", folder, "--protocol", "random-90-10", "--models", "majority,mf", "--users", "20");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("--users 20: kept 20 users drawn at random (seed 1)"));
            Assert.That(output, Does.Contain("Like/dislike"));
        });
    }
}
