using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Baselines;

public sealed class BiasModelTests : RatingPredictorContract
{
    protected override IRatingTrainer CreateTrainer() => BaselineCatalog.Biases();

    [Test]
    public void Unregularised_biases_match_hand_computation()
    {
        // μ = 3; movie 1 is rated 4 and 2 -> b_1 = 0 at first; b_u = ±1 reproduce the ratings.
        var table = RatingsTable.Create([1, 2], [1, 1], [4f, 2f]);
        var model = (BiasModel)BaselineCatalog.Biases(new BiasOptions { UserLambda = 0, MovieLambda = 0, NumberOfIterations = 3 }).Fit(table);
        Assert.That(model.GlobalMean, Is.EqualTo(3f));
        Assert.That(model.Predict(1, 1), Is.EqualTo(4f).Within(1e-5f));
        Assert.That(model.Predict(2, 1), Is.EqualTo(2f).Within(1e-5f));
        Assert.That(model.UserBiases[1], Is.EqualTo(1f).Within(1e-5f));
    }

    [Test]
    public void Regularisation_shrinks_towards_the_mean()
    {
        // One rating of 5 on a mean of 3: b_i = (5 - 3)/(λ + 1) with λ = 1 -> 1; then b_u = (5 - 3 - 1)/(0 + 1).
        var table = RatingsTable.Create([1, 2], [1, 2], [5f, 1f]);
        var model = (BiasModel)BaselineCatalog.Biases(new BiasOptions { UserLambda = 1, MovieLambda = 1, NumberOfIterations = 1 }).Fit(table);
        Assert.That(model.MovieBiases[1], Is.EqualTo(1f).Within(1e-6f));
        Assert.That(model.UserBiases[1], Is.EqualTo(0.5f).Within(1e-6f));
    }

    [Test]
    public void Global_mean_predicts_the_mean_everywhere()
    {
        var table = RatingsTable.Create([1, 2, 3], [1, 2, 2], [5f, 1f, 3f]);
        var model = BaselineCatalog.GlobalMean().Fit(table);
        Assert.That(model.Name, Is.EqualTo("mean"));
        Assert.That(model.Predict(1, 1), Is.EqualTo(3f));
        Assert.That(model.Predict(99, 0), Is.EqualTo(3f));
    }

    [Test]
    public void Options_have_documented_defaults_and_reject_bad_values()
    {
        var o = new BiasOptions();
        Assert.That(o.NumberOfIterations, Is.EqualTo(BiasOptions.Defaults.NumberOfIterations));
        Assert.That(o.UserLambda, Is.EqualTo(BiasOptions.Defaults.UserLambda));
        Assert.That(o.MovieLambda, Is.EqualTo(BiasOptions.Defaults.MovieLambda));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.Biases(new BiasOptions { UserLambda = -1 }))!.ParamName, Is.EqualTo("UserLambda"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.Biases(0))!.ParamName, Is.EqualTo("NumberOfIterations"));
    }
}
