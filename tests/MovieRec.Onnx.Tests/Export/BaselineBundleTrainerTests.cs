using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Onnx.Export;
using MovieRec.Splits;

namespace MovieRec.Onnx.Tests.Export;

public sealed class BaselineBundleTrainerTests
{
    private static readonly Lazy<RecommendationDataset> s_dataset = new(() =>
        SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 4000, NumberOfUsers = 150, NumberOfMovies = 120, Seed = 5 }));

    [TestCase("mf")]
    [TestCase("bias")]
    [TestCase("mean")]
    [TestCase("als")]
    [TestCase("ials")]
    [TestCase("pop")]
    [TestCase("pop-rated")]
    public void The_bundle_scores_exactly_as_the_classical_model(string name)
    {
        var data = s_dataset.Value;
        var split = RandomSplit.Create(data.Ratings, 0.2, 1);
        IRatingTrainer classical = name switch
        {
            "mf" => BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { Seed = 4 }),
            "als" => BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { Seed = 4 }),
            "ials" => BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { Seed = 4, LossFunction = MatrixFactorizationLoss.SquareLossOneClass }),
            _ => BaselineCatalog.FromName(name),
        };
        var expected = classical.Fit(split.Train);
        using var bundled = BaselineBundleTrainer.Create(name, seed: 4).Fit(data, split.Train);
        // Known pairs, then unknown users and movies (0, negative, beyond the trained range).
        int[] users = [.. split.Test.Users.ToArray(), 0, -3, data.UserIds.IndexCount + 5, 1];
        int[] movies = [.. split.Test.Movies.ToArray(), 1, 2, 3, data.MovieIds.IndexCount + 9];
        var want = new float[users.Length];
        var got = new float[users.Length];
        expected.Predict(users, movies, want);
        bundled.Predict(users, movies, got);
        var wantAll = new float[expected.MovieIndexBound];
        var gotAll = new float[bundled.MovieIndexBound];
        expected.ScoreAll(7, wantAll);
        bundled.ScoreAll(7, gotAll);

        Assert.Multiple(() =>
        {
            Assert.That(got, Is.EqualTo(want).Within(1e-5), "pairs");
            Assert.That(gotAll.Take(wantAll.Length), Is.EqualTo(wantAll).Within(1e-5), "every movie for one user");
            Assert.That(bundled.Name, Is.EqualTo(name));
            Assert.That(bundled.Predicts, Is.EqualTo(expected.Predicts));
            Assert.That(BaselineBundleTrainer.Create(name).Predicts, Is.EqualTo(expected.Predicts));
        });
    }

    [Test]
    public void A_matrix_factorisation_bundle_has_the_factor_rows_as_vectors()
    {
        var data = s_dataset.Value;
        var mf = (MatrixFactorizationModel)BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { Seed = 2 }).Fit(data.Ratings);
        using var bundled = BaselineBundleTrainer.Create("mf", seed: 2).Fit(data, data.Ratings);

        Assert.That(bundled.MovieVectors, Is.Not.Null);
        for (int m = 1; m < 20; m++)
        {
            Assert.That(bundled.MovieVectors!.Row(m).ToArray(), Is.EqualTo(mf.MovieVectors!.Row(m).ToArray()), $"movie {m}");
        }
    }

    [TestCase("ubcf", "has no ONNX form")]
    [TestCase("iknn", "has no ONNX form")]
    [TestCase("nonsense", "Unknown model 'nonsense'")]
    public void Models_without_an_onnx_form_are_refused_saying_why(string name, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => BaselineBundleTrainer.Create(name));
        Assert.That(e!.Message, Does.Contain(message).And.Contain("mean, bias, mf, als, ials, pop, pop-rated"));
    }
}
