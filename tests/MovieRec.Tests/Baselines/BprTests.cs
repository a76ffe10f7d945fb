using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Tests.Contract;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Baselines;

public sealed class BprTests : RatingPredictorContract
{
    protected override bool LearnsRatings => false;

    protected override IRatingTrainer CreateTrainer() => BaselineCatalog.Bpr(new BprOptions { NumberOfIterations = 20, ApproximationRank = 8 });

    [Test]
    public void Options_have_documented_defaults_and_the_name_is_registered()
    {
        var o = new BprOptions();
        Assert.Multiple(() =>
        {
            Assert.That(o.ApproximationRank, Is.EqualTo(BprOptions.Defaults.ApproximationRank));
            Assert.That(o.NumberOfIterations, Is.EqualTo(BprOptions.Defaults.NumberOfIterations));
            Assert.That(o.Lambda, Is.EqualTo(BprOptions.Defaults.Lambda));
            Assert.That(BaselineCatalog.FromName("bpr").Name, Is.EqualTo("bpr"));
            Assert.That(BaselineCatalog.ModelNames, Does.Contain("bpr"));
            Assert.That(() => BaselineCatalog.Bpr(new BprOptions { LearningRate = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("LearningRate"));
            Assert.That(() => BaselineCatalog.Bpr(new BprOptions { ApproximationRank = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Training_puts_each_users_movies_above_the_others_and_the_seed_decides_the_model()
    {
        var ratings = TestRatings.Random(users: 50, movies: 60, count: 900, seed: 8);
        var trainer = BaselineCatalog.Bpr(new BprOptions { NumberOfIterations = 60, ApproximationRank = 16 });
        var model = trainer.Fit(ratings);
        var other = ((IReseedableTrainer)trainer).WithSeed(7).Fit(ratings);
        var rated = TestRatings.Keys(ratings).ToHashSet();
        int above = 0, users = 0;
        var scores = new float[model.MovieIndexBound];
        for (int u = 1; u <= 50; u++)
        {
            model.ScoreAll(u, scores);
            var mine = Enumerable.Range(1, 60).Where(m => rated.Contains((u, m))).Select(m => scores[m]).ToArray();
            var rest = Enumerable.Range(1, 60).Where(m => !rated.Contains((u, m))).Select(m => scores[m]).ToArray();
            if (mine.Length > 0 && rest.Length > 0)
            {
                users++;
                above += mine.Average() > rest.Average() ? 1 : 0;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(above, Is.GreaterThanOrEqualTo(0.95 * users), "training interactions score above the rest for nearly every user");
            Assert.That(model.Predicts, Is.Not.EqualTo(PredictionKind.Rating));
            Assert.That(other.Predict(3, 4), Is.Not.EqualTo(model.Predict(3, 4)), "another seed, another model");
        });
    }
}
