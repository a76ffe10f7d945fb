using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Baselines;

public sealed class BaselineCatalogTests
{
    [Test]
    public void Every_registered_name_creates_a_trainer_of_that_name()
    {
        foreach (string name in BaselineCatalog.ModelNames)
        {
            Assert.That(BaselineCatalog.FromName(name).Name, Is.EqualTo(name));
        }
    }

    [Test]
    public void Majority_class_predicts_the_training_share_of_likes_for_every_pair()
    {
        var train = LatentRatings.Create(users: 40, movies: 30, seed: 3);
        double share = train.Ratings.ToArray().Count(r => r >= 3.5f) / (double)train.Count;
        var model = BaselineCatalog.MajorityClass().Fit(train);
        var scores = new float[model.MovieIndexBound];
        model.ScoreAll(0, scores);
        Assert.Multiple(() =>
        {
            Assert.That(model.Name, Is.EqualTo("majority"));
            Assert.That(model.Predicts, Is.EqualTo(PredictionKind.LikeProbability));
            Assert.That(model.Predicts, Is.Not.EqualTo(PredictionKind.Rating));
            Assert.That(model.Predict(3, 4), Is.EqualTo(share).Within(1e-6));
            Assert.That(scores, Has.All.EqualTo(model.Predict(0, 0)));
            Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.MajorityClass(float.NaN));
        });
    }

    [Test]
    public void Unknown_names_are_rejected_with_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => BaselineCatalog.FromName("svd++"));
        Assert.That(error!.Message, Does.Contain("svd++").And.Contain("ials"));
    }

    [TestCase("mf")]
    [TestCase("als")]
    [TestCase("ials")]
    public void Seeded_trainers_hand_out_reseeded_copies_per_repetition(string name)
    {
        var trainer = (IReseedableTrainer)BaselineCatalog.FromName(name);
        var train = LatentRatings.Create(users: 40, movies: 30, seed: 3);

        Assert.That(trainer.ForRepetition(0), Is.SameAs(trainer));
        var second = trainer.ForRepetition(1);
        Assert.That(second.Name, Is.EqualTo(name));
        var first = trainer.Fit(train);
        var again = trainer.Fit(train);
        var other = second.Fit(train);
        Assert.Multiple(() =>
        {
            Assert.That(again.Predict(1, 1), Is.EqualTo(first.Predict(1, 1)), "same seed, same model");
            Assert.That(other.Predict(1, 1), Is.Not.EqualTo(first.Predict(1, 1)), "the next repetition trains with another seed");
        });
    }
}
