using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Evaluation;
using MovieRec.Splits;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Baselines;

public sealed class BlendTrainerTests : RatingPredictorContract
{
    protected override IRatingTrainer CreateTrainer() =>
        BaselineCatalog.Blend("blend", BaselineCatalog.Biases(), BaselineCatalog.MatrixFactorization(), BaselineCatalog.ItemKnn());

    [Test]
    public void Ridge_without_penalty_recovers_an_exact_linear_combination()
    {
        var random = new Random(1);
        var a = new float[200];
        var b = new float[200];
        var y = new float[200];
        for (int i = 0; i < y.Length; i++)
        {
            a[i] = (float)random.NextDouble() * 4;
            b[i] = (float)random.NextDouble() * 4;
            y[i] = 0.5f + (2 * a[i]) - b[i];
        }

        double[] w = BlendTrainer.SolveRidge([a, b], y, penalty: 0);
        Assert.That(w, Is.EqualTo(new[] { 0.5, 2, -1 }).Within(1e-4));
    }

    [Test]
    public void Logistic_stacking_recovers_the_coefficients_that_drew_the_labels()
    {
        var random = new Random(2);
        int n = 40_000;
        var a = new float[n];
        var b = new float[n];
        var y = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (float)((random.NextDouble() * 4) - 2);
            b[i] = (float)((random.NextDouble() * 4) - 2);
            double p = 1 / (1 + Math.Exp(-(0.3 + (1.5 * a[i]) - (0.8 * b[i]))));
            y[i] = random.NextDouble() < p ? 1f : 0f;
        }

        double[] w = BlendTrainer.SolveLogistic([a, b], y, penalty: 0);
        double[] shrunk = BlendTrainer.SolveLogistic([a, b], y, penalty: 1);

        Assert.Multiple(() =>
        {
            Assert.That(w, Is.EqualTo(new[] { 0.3, 1.5, -0.8 }).Within(0.06));
            Assert.That(Math.Abs(shrunk[1]) + Math.Abs(shrunk[2]), Is.LessThan(0.5 * (Math.Abs(w[1]) + Math.Abs(w[2]))), "the penalty shrinks the weights");
        });
    }

    [Test]
    public void A_blend_of_mean_bias_and_mf_predicts_no_worse_than_its_best_member_and_within_the_rating_range()
    {
        var ratings = LatentRatings.Create(users: 120, movies: 80, seed: 5);
        var split = RandomSplit.Create(ratings, 0.2, seed: 1);
        var members = new[] { BaselineCatalog.GlobalMean(), BaselineCatalog.Biases(), BaselineCatalog.MatrixFactorization() };
        using var blend = (BlendModel)BaselineCatalog.Blend("blend", members).Fit(split.Train);
        var test = split.Test;
        double Rmse(IRatingPredictor model)
        {
            var predicted = new float[test.Count];
            model.Predict(test.Users, test.Movies, predicted);
            return RatingMetrics.RootMeanSquaredError(predicted, test.Ratings);
        }

        double best = members.Min(m => Rmse(m.Fit(split.Train)));
        var one = new float[test.Count];
        for (int i = 0; i < test.Count; i++)
        {
            one[i] = blend.Predict(test.Users[i], test.Movies[i]);
        }

        var batch = new float[test.Count];
        blend.Predict(test.Users, test.Movies, batch);
        var at = new float[test.Count];
        blend.PredictAt(test.Users, test.Movies, test.Timestamps, at);
        var all = new float[blend.MovieIndexBound];
        blend.ScoreAll(test.Users[0], all);
        float min = split.Train.Ratings.ToArray().Min(), max = split.Train.Ratings.ToArray().Max();

        Assert.Multiple(() =>
        {
            Assert.That(Rmse(blend), Is.LessThanOrEqualTo(best + 0.01), "the blend against its best member");
            Assert.That(blend.Weights, Has.Count.EqualTo(3));
            Assert.That(batch, Is.EqualTo(one).Within(1e-4f));
            Assert.That(at, Is.EqualTo(batch));
            Assert.That(all[test.Movies[0]], Is.EqualTo(one[0]).Within(1e-4f));
            Assert.That(all, Has.All.InRange(min, max));
        });
    }

    [Test]
    public void The_same_seed_gives_the_same_weights_and_bad_options_are_named()
    {
        var ratings = LatentRatings.Create(users: 60, movies: 40, seed: 7);
        var trainer = BaselineCatalog.Blend("blend", BaselineCatalog.Biases(), BaselineCatalog.MatrixFactorization());
        using var first = (BlendModel)trainer.Fit(ratings);
        using var second = (BlendModel)trainer.Fit(ratings);

        Assert.Multiple(() =>
        {
            Assert.That(second.Weights, Is.EqualTo(first.Weights));
            Assert.That(second.Intercept, Is.EqualTo(first.Intercept));
            Assert.That(() => BaselineCatalog.Blend("blend"), Throws.ArgumentException.With.Message.Contains("BlendOptions.Members"));
            Assert.That(() => BaselineCatalog.Blend(new BlendOptions { Members = [BaselineCatalog.Biases()], ValidationFraction = 1 }),
                        Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("BlendOptions.ValidationFraction = 1"));
        });
    }

    [Test]
    public void A_blend_with_a_classifier_is_a_classifier_and_reads_rating_members_as_features()
    {
        var ratings = LatentRatings.Create(users: 60, movies: 40, seed: 9);
        double share = ratings.Ratings.ToArray().Count(r => r >= 3.5f) / (double)ratings.Count;
        using var likes = (BlendModel)BaselineCatalog.Blend("likes", BaselineCatalog.MajorityClass(), BaselineCatalog.MajorityClass(3f)).Fit(ratings);
        using var mixed = (BlendModel)BaselineCatalog.Blend("mixed", BaselineCatalog.MajorityClass(), BaselineCatalog.Biases()).Fit(ratings);
        var scores = new float[likes.MovieIndexBound];
        likes.ScoreAll(1, scores);
        var mixedScores = new float[mixed.MovieIndexBound];
        mixed.ScoreAll(1, mixedScores);
        int[] users = [.. ratings.Users];
        int[] movies = [.. ratings.Movies];
        var probabilities = new float[users.Length];
        mixed.Predict(users, movies, probabilities);
        var labels = ratings.Ratings.ToArray().Select(r => r >= 3.5f).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(likes.Predicts, Is.EqualTo(PredictionKind.LikeProbability));
            Assert.That(likes.Predicts, Is.Not.EqualTo(PredictionKind.Rating));
            Assert.That(scores, Has.All.InRange(0f, 1f));
            Assert.That(likes.Predict(1, 1), Is.EqualTo(share).Within(0.1), "about the share of likes");
            Assert.That(mixed.Predicts, Is.EqualTo(PredictionKind.LikeProbability));
            Assert.That(mixedScores, Has.All.InRange(0f, 1f));
            Assert.That(mixed.Weights[1], Is.GreaterThan(0), "a higher predicted rating means a likelier like");
            Assert.That(ClassificationMetrics.RocAuc(probabilities, labels), Is.GreaterThan(0.6), "the rating member's signal reaches the probability");
        });
    }
}
