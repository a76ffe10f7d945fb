using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Features;
using MovieRec.MLNet;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.SeqCnn;
using MovieRec.Onnx.Training;
using MovieRec.Recommendation;
using MovieRec.Tests.Models;

namespace MovieRec.Onnx.Tests.Models;

public sealed class SeqCnnTrainerTests
{
    private static readonly Lazy<BundleModel> s_model = new(() => SeqCnnTrainer.Create(Small()).Fit(TinyModels.Dataset, TinyModels.Train));

    private static SeqCnnOptions Small() => new()
    {
        HistoryLength = 6,
        GenreLength = 3,
        PlotLength = 4,
        EmbeddingSize = 4,
        Filters = [4, 8],
        Training = new DeepTrainingOptions { Epochs = 2, BatchSize = 128, LearningRate = 3e-3, Seed = 3 },
    };

    [Test]
    public void Settings_out_of_range_are_refused_naming_the_setting()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SeqCnnTrainer.Create(new SeqCnnOptions { HistoryLength = 6 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("SeqCnnOptions.HistoryLength = 6 is out of range; expected 7 or more"));
            Assert.That(() => SeqCnnTrainer.Create(new SeqCnnOptions { Filters = [] }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("SeqCnnOptions.Filters = [] is out of range"));
            Assert.That(() => SeqCnnTrainer.Create(new SeqCnnOptions { DropoutRate = 1 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("SeqCnnOptions.DropoutRate = 1 is out of range"));
            Assert.That(() => SeqCnnTrainer.Create(new SeqCnnOptions { InitializeFromMatrixFactorization = true }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("SeqCnnOptions.InitializeFromMatrixFactorization = True is out of range; expected false unless UseBiases is true and ApproximationRank is 1 or more"));
            Assert.That(() => SeqCnnTrainer.Create(new SeqCnnOptions { FreezeMatrixFactorization = true }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("SeqCnnOptions.FreezeMatrixFactorization = True is out of range"));
            Assert.That(SeqCnnTrainer.Create(SeqCnnOptions.Tuned()).Name, Is.EqualTo("seq-cnn-tuned"));
        });
    }

    [Test]
    public void A_trained_model_reads_users_as_recent_histories_and_predicts_finite_ratings()
    {
        var model = s_model.Value;
        var test = TinyModels.Test;
        var p = new float[test.Count];
        model.PredictAt(test.Users, test.Movies, test.Timestamps, p);

        Assert.Multiple(() =>
        {
            Assert.That(model.Bundle.HistoryLength, Is.EqualTo(6));
            Assert.That(model.Bundle.UserFeatureWidth, Is.EqualTo(13));
            Assert.That(model.Bundle.Inputs.Select(i => i.Name), Is.EqualTo(new[] { "history", "history_ratings", "genres", "plot" }));
            Assert.That(model.History, Is.Not.Null);
            Assert.That(p, Has.All.Matches<float>(float.IsFinite));
            Assert.That(RatingMetrics.RootMeanSquaredError(p, test.Ratings), Is.LessThan(1.5), "the rating scale is learned");
            Assert.That(model.MovieVectors!.Columns, Is.EqualTo(8), "the pooled movie features are its vectors");
        });
    }

    [Test]
    public void A_held_out_rating_is_predicted_from_earlier_training_ratings_only()
    {
        var model = s_model.Value;
        var train = TinyModels.Train;
        var test = TinyModels.Test;
        // A held-out rating whose user has training ratings both before and after it.
        int row = Enumerable.Range(0, test.Count).First(i =>
            Enumerable.Range(0, train.Count).Count(j => train.Users[j] == test.Users[i] && train.Timestamps[j] < test.Timestamps[i]) >= 2
            && Enumerable.Range(0, train.Count).Any(j => train.Users[j] == test.Users[i] && train.Timestamps[j] > test.Timestamps[i]));
        int user = test.Users[row], movie = test.Movies[row];
        long time = test.Timestamps[row];
        int later = Enumerable.Range(0, train.Count).First(j => train.Users[j] == user && train.Timestamps[j] > time);
        int earlier = Enumerable.Range(0, train.Count).Where(j => train.Users[j] == user && train.Timestamps[j] < time).MaxBy(j => train.Timestamps[j]);

        float Predict(RatingsTable history)
        {
            var output = new float[1];
            model.PredictAt([user], [movie], [time], RatingHistory.Create(history), output);
            return output[0];
        }

        RatingsTable WithRating(int changed, float value)
        {
            var ratings = train.Ratings.ToArray();
            ratings[changed] = value;
            return RatingsTable.Create(train.Users.ToArray(), train.Movies.ToArray(), ratings, train.Timestamps.ToArray());
        }

        float original = Predict(train);
        var own = new float[1];
        model.PredictAt([user], [movie], [time], own);
        Assert.Multiple(() =>
        {
            Assert.That(own[0], Is.EqualTo(original), "the model's own history is its training ratings");
            Assert.That(Predict(WithRating(later, train.Ratings[later] >= 3 ? 0.5f : 5f)), Is.EqualTo(original), "a later rating changed");
            Assert.That(Predict(train.Where(j => j != later)), Is.EqualTo(original), "a later rating removed");
            Assert.That(Predict(WithRating(earlier, train.Ratings[earlier] >= 3 ? 0.5f : 5f)), Is.Not.EqualTo(original), "an earlier rating is read");
        });
    }

    [Test]
    public void The_same_seed_gives_the_same_model_and_a_saved_bundle_scores_the_same()
    {
        using var again = SeqCnnTrainer.Create(Small()).Fit(TinyModels.Dataset, TinyModels.Train);
        using var stream = new MemoryStream();
        s_model.Value.Save(stream);
        stream.Position = 0;
        using var loaded = BundleModel.Load(stream);
        int[] users = [1, 2, 3, 4];
        int[] movies = [5, 6, 7, 8];
        var a = new float[4];
        var b = new float[4];
        var c = new float[4];
        s_model.Value.Predict(users, movies, a);
        again.Predict(users, movies, b);
        loaded.Predict(users, movies, c);

        Assert.Multiple(() =>
        {
            Assert.That(b, Is.EqualTo(a));
            Assert.That(c, Is.EqualTo(a));
            Assert.That(loaded.History, Is.Null, "a bundle keeps each user's latest history, not the training ratings");
        });
    }

    [Test]
    public void Frozen_matrix_factorisation_terms_start_the_network_at_mf_and_the_model_recommends()
    {
        var options = Small() with { UseBiases = true, ApproximationRank = 4, InitializeFromMatrixFactorization = true, FreezeMatrixFactorization = true, Training = Small().Training with { Epochs = 1 } };
        using var model = SeqCnnTrainer.Create(options).Fit(TinyModels.Dataset, TinyModels.Train);
        var mf = BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = 4, Seed = 3 }).Fit(TinyModels.Train);
        var recommender = Recommender.Create(model, TinyModels.Train);
        int user = TinyModels.Train.Users[0];

        Assert.Multiple(() =>
        {
            Assert.That(model.Bundle.Inputs.Select(i => i.Name), Does.Contain("user_id").And.Contain("movie_id"));
            Assert.That(Math.Abs(model.Predict(user, TinyModels.Train.Movies[0]) - mf.Predict(user, TinyModels.Train.Movies[0])), Is.LessThan(1.5), "the MF terms carry the prediction");
            Assert.That(recommender.Favourites(user), Is.Not.Empty);
            Assert.That(recommender.ForLikedMovies([TinyModels.Train.Movies[0], TinyModels.Train.Movies[1]]), Is.Not.Empty);
            Assert.That(recommender.SimilarMovies(TinyModels.Train.Movies[0]), Is.Not.Empty);
        });
    }

    [Test]
    public void Catalog_names_build_the_paper_and_tuned_settings()
    {
        var catalog = new Microsoft.ML.MLContext(seed: 1).MovieRec();
        var paper = (SeqCnnTrainer)catalog.CreateBundleTrainer("seq-cnn");
        var tuned = (SeqCnnTrainer)catalog.CreateBundleTrainer("seq-cnn", new DeepTrainingSettings { Tuned = true });
        Assert.Multiple(() =>
        {
            Assert.That(paper.Options, Is.EqualTo(new SeqCnnOptions()));
            Assert.That(paper.Training.Optimizer, Is.EqualTo(OptimizerKind.Sgd));
            Assert.That(paper.Training.BatchSize, Is.EqualTo(32));
            Assert.That(tuned.Options.FreezeMatrixFactorization, Is.True);
            Assert.That(paper.ReadsDescriptions, Is.True);
            Assert.That(catalog.CreateTrainer("seq-cnn-tuned").Name, Is.EqualTo("seq-cnn-tuned"));
        });
    }
}
