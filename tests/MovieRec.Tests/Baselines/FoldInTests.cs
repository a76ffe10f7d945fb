using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;

namespace MovieRec.Tests.Baselines;

/// <summary>Users solved against a trained model's fixed movie factors, without retraining.</summary>
public sealed class FoldInTests
{
    private static readonly Lazy<RecommendationDataset> s_data = new(() =>
        SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 6000, NumberOfUsers = 150, NumberOfMovies = 120, Seed = 5 }));

    [Test]
    public void An_als_user_folded_in_from_their_training_ratings_scores_as_trained()
    {
        var ratings = s_data.Value.Ratings;
        var model = (MatrixFactorizationModel)BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { ApproximationRank = 8, NumberOfIterations = 30, Seed = 1 }).Fit(ratings);
        int user = ratings.Users[0];
        int[] rows = [.. Enumerable.Range(0, ratings.Count).Where(r => ratings.Users[r] == user)];

        var folded = model.FoldIn([.. rows.Select(r => ratings.Movies[r])], [.. rows.Select(r => ratings.Ratings[r])]);

        double gap = Enumerable.Range(1, model.MovieIndexBound - 1).Average(m => Math.Abs(model.Predict(folded, m) - model.Predict(user, m)));
        Assert.Multiple(() =>
        {
            Assert.That(gap, Is.LessThan(0.02), "the last sweep solved this user the same way, against nearly the same movies");
            Assert.That(folded.Ratings, Is.EqualTo(rows.Length));
        });
    }

    [Test]
    public void A_user_without_ratings_is_the_unknown_user_and_all_scores_agree_with_one_score()
    {
        var model = (MatrixFactorizationModel)BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = 6, NumberOfIterations = 10, Seed = 1 }).Fit(s_data.Value.Ratings);
        var nobody = model.FoldIn([], []);
        var someone = model.FoldIn([1, 2, 3, 9999], [5f, 1f, 4f, 3f]);
        var all = new float[model.MovieIndexBound];
        model.ScoreAll(someone, all);

        Assert.Multiple(() =>
        {
            Assert.That(Enumerable.Range(1, 20).Select(m => model.Predict(nobody, m)), Is.EqualTo(Enumerable.Range(1, 20).Select(m => model.Predict(0, m))).Within(1e-6));
            Assert.That(someone.Ratings, Is.EqualTo(3), "a movie the model does not know is left out");
            Assert.That(Enumerable.Range(1, model.MovieIndexBound - 1).Select(m => all[m]), Is.EqualTo(Enumerable.Range(1, model.MovieIndexBound - 1).Select(m => model.Predict(someone, m))).Within(1e-5));
            Assert.That(() => model.FoldIn([1], [float.NaN]), Throws.ArgumentException.With.Message.Contains("finite"));
            Assert.That(() => model.FoldIn([1, 2], [3f]), Throws.ArgumentException.With.Message.Contains("one rating per movie"));
        });
    }

    [Test]
    public void The_fold_in_protocol_reports_fold_in_beside_a_retrain()
    {
        var data = s_data.Value;
        var trainers = new IRatingTrainer[]
        {
            BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = 8, NumberOfIterations = 20, Seed = 1 }),
            BaselineCatalog.ImplicitAlternatingLeastSquares(8, 10),
            BaselineCatalog.Biases(),
        };

        var report = FoldInExperiment.Run(data.Ratings, null, trainers, data.Name, seeds: 2);

        var mf = report.Models[0].Metrics;
        var ials = report.Models[1].Metrics;
        var bias = report.Models[2].Metrics;
        Assert.Multiple(() =>
        {
            Assert.That(report.Protocol, Is.EqualTo(EvaluationProtocol.FoldIn));
            Assert.That(mf["fold-in / retrain"].Mean, Is.InRange(0.9, 1.1), "folding a user in is about as good as retraining with them");
            Assert.That(mf["RMSE fold-in"].Count, Is.EqualTo(2));
            Assert.That(ials["HR@10 fold-in"].Mean, Is.InRange(0.0, 1.0));
            Assert.That(ials.ContainsKey("RMSE retrain"), Is.False, "a ranking model is measured by ranking");
            Assert.That(bias.ContainsKey("RMSE fold-in"), Is.False, "a model without fold-in reports the retrain only");
            Assert.That(bias["RMSE retrain"].Mean, Is.GreaterThan(0));
        });
    }
}
