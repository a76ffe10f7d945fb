using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Tests.Models;

namespace MovieRec.Onnx.Tests.Models;

[TestFixture]
public sealed class BundleModelTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-deep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [TestCase(RatingCnnVariant.LstmCnn)]
    [TestCase(RatingCnnVariant.TextCnn)]
    public void Managed_scores_equal_the_onnx_rating_output(RatingCnnVariant variant)
    {
        var model = variant == RatingCnnVariant.LstmCnn ? TinyModels.LstmCnn : TinyModels.TextCnn;
        var test = TinyModels.Test;
        var managed = new float[test.Count];
        model.Predict(test.Users, test.Movies, managed);
        var session = model.PredictWithSession(test.Users, test.Movies);
        Assert.That(managed, Is.EqualTo(session).Within(1e-4f));
    }

    [Test]
    public void Score_all_and_batches_match_single_predictions_and_unknown_maps_to_zero()
    {
        var model = TinyModels.LstmCnn;
        var scores = new float[model.MovieIndexBound];
        model.ScoreAll(4, scores);
        var unknown = new float[model.MovieIndexBound];
        model.ScoreAll(model.UserIndexBound + 7, unknown);
        var zero = new float[model.MovieIndexBound];
        model.ScoreAll(0, zero);
        Assert.Multiple(() =>
        {
            for (int m = 0; m < model.MovieIndexBound; m += 5)
            {
                Assert.That(scores[m], Is.EqualTo(model.Predict(4, m)));
            }

            Assert.That(unknown, Is.EqualTo(zero));
            Assert.That(model.Predict(-1, -1), Is.EqualTo(model.Predict(0, 0)));
            Assert.That(scores.All(float.IsFinite), Is.True);
        });
    }

    [Test]
    public void Vectors_are_the_tower_outputs()
    {
        var model = TinyModels.TextCnn;
        Assert.Multiple(() =>
        {
            Assert.That(model.UserVectors!.Rows, Is.EqualTo(model.UserIndexBound));
            Assert.That(model.MovieVectors!.Rows, Is.EqualTo(model.MovieIndexBound));
            Assert.That(model.MovieVectors.Columns, Is.EqualTo(16));
            Assert.That(model.MovieVectors.Values.ToArray().All(v => v is >= -1 and <= 1), Is.True, "tanh outputs");
        });
    }

    [Test]
    public void Cold_start_user_and_movie_known_by_side_features_get_scores()
    {
        var model = TinyModels.LstmCnn;
        var dataset = TinyModels.Dataset;
        var womanScores = new float[model.MovieIndexBound];
        var manScores = new float[model.MovieIndexBound];
        model.ScoreAll(FeatureTables.NewUserRow(gender: 0, ageGroup: 2, occupation: 3), womanScores);
        model.ScoreAll(FeatureTables.NewUserRow(gender: 1, ageGroup: 5, occupation: 1), manScores);

        // A new movie spelled like a known one, with its id hidden, scores like the side features say.
        const int known = 5;
        var genres = dataset.Movies.GenresOf(known).ToArray().Select(g => dataset.Movies.GenreNames[g]).ToArray();
        var row = FeatureTables.NewMovieRow(model.Bundle, dataset.Movies.Titles[known], genres);
        var movieRow = model.Bundle.MovieFeatures.AsSpan(known * model.Bundle.MovieFeatureWidth, model.Bundle.MovieFeatureWidth).ToArray();
        var perUser = new float[model.UserIndexBound];
        model.ScoreUsers(row, perUser);
        var wrong = new long[row.Length + 1];

        Assert.Multiple(() =>
        {
            Assert.That(womanScores.All(float.IsFinite) && manScores.All(float.IsFinite), Is.True);
            Assert.That(womanScores, Is.Not.EqualTo(manScores), "side features change the scores");
            Assert.That(row[1..], Is.EqualTo(movieRow[1..]), "title and genres encode as in the dataset");
            Assert.That(row[0], Is.Zero);
            Assert.That(perUser.All(float.IsFinite), Is.True);
            Assert.That(perUser.Distinct().Count(), Is.GreaterThan(1));
            Assert.Throws<ArgumentException>(() => model.ScoreUsers(wrong, perUser));
        });
    }

    [Test]
    public void Sixteen_threads_scoring_one_model_get_what_one_thread_gets()
    {
        var model = TinyModels.LstmCnn;
        var test = TinyModels.Test;
        var expected = new float[test.Count];
        model.Predict(test.Users, test.Movies, expected);
        var expectedAll = new float[model.MovieIndexBound];
        model.ScoreAll(2, expectedAll);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, t =>
        {
            var actual = new float[test.Count];
            var all = new float[model.MovieIndexBound];
            for (int run = 0; run < 20; run++)
            {
                model.Predict(test.Users, test.Movies, actual);
                model.ScoreAll(2, all);
                if (!actual.AsSpan().SequenceEqual(expected) || !all.AsSpan().SequenceEqual(expectedAll))
                {
                    failures.Add($"thread {t} run {run}");
                }
            }
        });

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Exported_model_passes_the_reference_checker_and_scores_like_the_library()
    {
        var model = TinyModels.LstmCnn;
        string path = Path.Combine(_folder, "model.onnx");
        model.Bundle.Model.Save(path);
        ReferenceChecker.AssertValid(path);

        var test = TinyModels.Test;
        var bundle = model.Bundle;
        using var session = TestSessions.Open(path);
        var feeds = new Dictionary<string, OrtValue>();
        try
        {
            foreach (var input in bundle.Inputs)
            {
                var (table, width, ids) = input.Side == FeatureSide.User
                    ? (bundle.UserFeatures, bundle.UserFeatureWidth, test.Users.ToArray())
                    : (bundle.MovieFeatures, bundle.MovieFeatureWidth, test.Movies.ToArray());
                var values = new long[ids.Length * input.Width];
                for (int r = 0; r < ids.Length; r++)
                {
                    Array.Copy(table, (ids[r] * width) + input.Offset, values, r * input.Width, input.Width);
                }

                feeds[input.Name] = input.Width == 1 ? TestSessions.Tensor(values, ids.Length) : TestSessions.Tensor(values, ids.Length, input.Width);
            }

            var onnx = TestSessions.Run<float>(session, feeds, "rating")[0];
            var library = new float[test.Count];
            model.Predict(test.Users, test.Movies, library);
            Assert.That(onnx, Is.EqualTo(library).Within(1e-4f));
        }
        finally
        {
            TestSessions.Dispose(feeds);
        }
    }
}
