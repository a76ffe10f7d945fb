using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Baselines;

public sealed class PopularityModelTests : RatingPredictorContract
{
    protected override bool LearnsRatings => false;

    protected override IRatingTrainer CreateTrainer() => BaselineCatalog.Popularity();

    private static readonly RatingsTable s_table = RatingsTable.Create([1, 2, 3, 1], [1, 1, 1, 2], [2f, 3f, 4f, 5f]);

    [Test]
    public void Most_rated_scores_rating_counts()
    {
        var model = BaselineCatalog.Popularity(PopularityKind.MostRated).Fit(s_table);
        Assert.That(model.Name, Is.EqualTo("pop"));
        Assert.That(model.Predicts, Is.Not.EqualTo(PredictionKind.Rating));
        Assert.That(model.Predict(1, 1), Is.EqualTo(3f));
        Assert.That(model.Predict(7, 2), Is.EqualTo(1f));
        Assert.That(model.Predict(1, 50), Is.EqualTo(0f));
    }

    [Test]
    public void Best_rated_uses_the_bayesian_average()
    {
        // μ = 3.5; movie 2: (5 + 2·3.5)/(1 + 2) = 4; movie 1: (9 + 7)/(3 + 2) = 3.2.
        var model = BaselineCatalog.Popularity(new PopularityOptions { Kind = PopularityKind.BestRated, PriorStrength = 2 }).Fit(s_table);
        Assert.That(model.Name, Is.EqualTo("pop-rated"));
        Assert.That(model.Predict(1, 2), Is.EqualTo(4f).Within(1e-6f));
        Assert.That(model.Predict(1, 1), Is.EqualTo(3.2f).Within(1e-6f));
        Assert.That(model.Predict(0, 0), Is.EqualTo(3.5f));
    }

    [Test]
    public void Options_reject_a_negative_prior()
    {
        Assert.That(new PopularityOptions().PriorStrength, Is.EqualTo(PopularityOptions.Defaults.PriorStrength));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.Popularity(new PopularityOptions { PriorStrength = -1 }))!.ParamName, Is.EqualTo("PriorStrength"));
    }
}
