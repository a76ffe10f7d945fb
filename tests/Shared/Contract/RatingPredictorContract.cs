using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;

namespace MovieRec.Tests.Contract;

/// <summary>
/// Contract every trained model must honour, classical and deep alike: finite scores, cold-start
/// fallbacks, batched and all-movie scoring equal to single predictions, determinism, input
/// validation, and the same scores after a save and reload where the model has a file format.
/// </summary>
public abstract class RatingPredictorContract
{
    private RatingsTable _train = RatingsTable.Empty;
    private RatingsTable _test = RatingsTable.Empty;

    protected abstract IRatingTrainer CreateTrainer();

    /// <summary>
    /// Gets the dataset the contract's ratings index (users 1..120, movies 1..80), for models that read
    /// side information; null (default) trains through <see cref="IRatingTrainer.Fit(RatingsTable, IProgress{double}?, CancellationToken)"/>.
    /// </summary>
    protected virtual RecommendationDataset? Dataset => null;

    /// <summary>Gets the tolerance of batched against single predictions (deep models batch through ONNX Runtime).</summary>
    protected virtual float BatchTolerance => 1e-4f;

    /// <summary>Saves the model and loads it back, or returns null when the model has no file format of its own.</summary>
    protected virtual IRatingPredictor? SaveAndReload(IRatingPredictor model) => null;

    /// <summary>Trains through the one trainer abstraction, with the dataset when there is one.</summary>
    protected IRatingPredictor Fit(IRatingTrainer trainer, RatingsTable train) =>
        Dataset is { } dataset ? trainer.Fit(dataset, train) : trainer.Fit(train);

    /// <summary>Whether the model should beat the global mean's held-out RMSE.</summary>
    protected virtual bool LearnsRatings => true;

    /// <summary>Whether the model is a like/dislike classifier: its scores are like probabilities that rank held-out likes first.</summary>
    protected virtual bool PredictsLikes => false;

    [OneTimeSetUp]
    public void CreateData() => (_train, _test) = LatentRatings.Split(LatentRatings.Create());

    [Test]
    public void Predictions_are_finite_for_known_and_unknown_pairs()
    {
        var model = Fit(CreateTrainer(), _train);
        int[] users = [0, 1, 5, model.UserIndexBound, model.UserIndexBound + 100, -3];
        int[] movies = [0, 1, 7, model.MovieIndexBound, model.MovieIndexBound + 100, -1];
        foreach (int u in users)
        {
            foreach (int m in movies)
            {
                Assert.That(float.IsFinite(model.Predict(u, m)), Is.True, $"Predict({u}, {m}) = {model.Predict(u, m)}");
            }
        }
    }

    [Test]
    public void Unknown_user_is_scored_like_index_zero()
    {
        var model = Fit(CreateTrainer(), _train);
        for (int m = 0; m < model.MovieIndexBound; m += 7)
        {
            Assert.That(model.Predict(model.UserIndexBound + 3, m), Is.EqualTo(model.Predict(0, m)));
        }
    }

    [Test]
    public void Batched_prediction_and_score_all_match_single_predictions()
    {
        var model = Fit(CreateTrainer(), _train);
        var output = new float[_test.Count];
        model.Predict(_test.Users, _test.Movies, output);
        for (int i = 0; i < _test.Count; i++)
        {
            Assert.That(output[i], Is.EqualTo(model.Predict(_test.Users[i], _test.Movies[i])).Within(BatchTolerance));
        }

        var scores = new float[model.MovieIndexBound + 2];
        foreach (int u in new[] { 0, 3, 17, model.UserIndexBound + 1 })
        {
            model.ScoreAll(u, scores);
            for (int m = 1; m < model.MovieIndexBound; m++)
            {
                Assert.That(scores[m], Is.EqualTo(model.Predict(u, m)).Within(1e-3f), $"user {u}, movie {m}");
            }
        }
    }

    [Test]
    public void Training_twice_gives_the_same_model()
    {
        var a = Fit(CreateTrainer(), _train);
        var b = Fit(CreateTrainer(), _train);
        var pa = new float[_test.Count];
        var pb = new float[_test.Count];
        a.Predict(_test.Users, _test.Movies, pa);
        b.Predict(_test.Users, _test.Movies, pb);
        Assert.That(pb, Is.EqualTo(pa));
    }

    [Test]
    public void Beats_the_global_mean_on_held_out_ratings()
    {
        var model = Fit(CreateTrainer(), _train);
        if (PredictsLikes)
        {
            var p = new float[_test.Count];
            model.Predict(_test.Users, _test.Movies, p);
            bool[] likes = [.. _test.Ratings.ToArray().Select(r => r >= ExperimentOptions.Defaults.LikeThreshold)];
            Assert.Multiple(() =>
            {
                Assert.That(model.Predicts, Is.EqualTo(PredictionKind.LikeProbability), "a like classifier must say so");
                Assert.That(model.Predicts, Is.Not.EqualTo(PredictionKind.Rating));
                Assert.That(p, Has.All.InRange(0f, 1f));
                Assert.That(likes, Has.Some.True.And.Some.False, "the premise: both classes held out");
                Assert.That(ClassificationMetrics.RocAuc(p, likes), Is.GreaterThan(0.6), "held-out likes should rank above dislikes");
            });
            return;
        }

        if (!LearnsRatings)
        {
            Assert.That(model.Predicts, Is.Not.EqualTo(PredictionKind.Rating), "a ranking-only model must say so");
            return;
        }

        var mean = BaselineCatalog.GlobalMean().Fit(_train);
        Assert.That(model.Predicts, Is.EqualTo(PredictionKind.Rating));
        Assert.That(Rmse(model), Is.LessThan(Rmse(mean) - 0.05));
    }

    [Test]
    public void Empty_training_set_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Fit(CreateTrainer(), RatingsTable.Empty));
        Assert.That(error!.ParamName, Is.EqualTo("train"));
        Assert.That(error.Message, Does.Contain("empty"));
    }

    [Test]
    public void Unknown_index_in_training_is_rejected()
    {
        var table = RatingsTable.Create([1, 0], [1, 2], [4f, 3f]);
        var error = Assert.Throws<ArgumentException>(() => Fit(CreateTrainer(), table));
        Assert.That(error!.Message, Does.Contain("Row 1"));
    }

    [Test]
    public void Short_buffers_are_rejected()
    {
        var model = Fit(CreateTrainer(), _train);
        Assert.Throws<ArgumentException>(() => model.ScoreAll(1, new float[model.MovieIndexBound - 1]));
        Assert.Throws<ArgumentException>(() => model.Predict([1, 2], [1], new float[2]));
        Assert.Throws<ArgumentException>(() => model.Predict([1, 2], [1, 2], new float[1]));
    }

    [Test]
    public void Name_matches_the_trainer()
    {
        var trainer = CreateTrainer();
        Assert.That(Fit(trainer, _train).Name, Is.EqualTo(trainer.Name));
    }

    [Test]
    public void Save_and_reload_gives_the_same_scores()
    {
        var model = Fit(CreateTrainer(), _train);
        var reloaded = SaveAndReload(model);
        if (reloaded is null)
        {
            Assert.Ignore($"{model.Name} has no file format of its own (classical models reach other runtimes through ONNX export).");
        }

        var before = new float[_test.Count];
        var after = new float[_test.Count];
        model.Predict(_test.Users, _test.Movies, before);
        reloaded.Predict(_test.Users, _test.Movies, after);
        Assert.That(after, Is.EqualTo(before));
        Assert.That(reloaded.Predict(0, 1), Is.EqualTo(model.Predict(0, 1)), "an unknown user after reload");
    }

    private double Rmse(IRatingPredictor model)
    {
        var output = new float[_test.Count];
        model.Predict(_test.Users, _test.Movies, output);
        return RatingMetrics.RootMeanSquaredError(output, _test.Ratings);
    }
}
