using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Baselines;

public sealed class MatrixFactorizationTrainerTests : RatingPredictorContract
{
    private static readonly MatrixFactorizationOptions s_small = new() { ApproximationRank = 8, NumberOfIterations = 30, LearningRate = 0.02, NumberOfThreads = 2, Seed = 3 };

    protected override IRatingTrainer CreateTrainer() => BaselineCatalog.MatrixFactorization(s_small);

    [Test]
    public void Options_have_documented_defaults()
    {
        var o = new MatrixFactorizationOptions();
        Assert.Multiple(() =>
        {
            Assert.That(o.ApproximationRank, Is.EqualTo(MatrixFactorizationOptions.Defaults.ApproximationRank));
            Assert.That(o.NumberOfIterations, Is.EqualTo(MatrixFactorizationOptions.Defaults.NumberOfIterations));
            Assert.That(o.LearningRate, Is.EqualTo(MatrixFactorizationOptions.Defaults.LearningRate));
            Assert.That(o.Lambda, Is.EqualTo(MatrixFactorizationOptions.Defaults.Lambda));
            Assert.That(o.Seed, Is.EqualTo(MatrixFactorizationOptions.Defaults.Seed));
            Assert.That(o.NumberOfThreads, Is.Null);
        });
    }

    [Test]
    public void Options_are_doubles_as_in_MLNET_and_train_as_their_float_values()
    {
        // ML.NET's MatrixFactorizationTrainer.Options.LearningRate is a double; ours takes the same literal.
        var train = LatentRatings.Create();
        var fromDouble = new MatrixFactorizationTrainer(s_small with { LearningRate = 0.01, Lambda = 0.03 }).Fit(train);
        var fromFloat = new MatrixFactorizationTrainer(s_small with { LearningRate = 0.01f, Lambda = 0.03f }).Fit(train);

        for (int u = 1; u < 20; u++)
        {
            Assert.That(fromDouble.Predict(u, 5), Is.EqualTo(fromFloat.Predict(u, 5)), "the model computes in single precision either way");
        }
    }

    [Test]
    public void Short_overload_sets_rank_and_iterations()
    {
        var trainer = BaselineCatalog.MatrixFactorization(16, 5);
        Assert.That(trainer.Options, Is.EqualTo(new MatrixFactorizationOptions { ApproximationRank = 16, NumberOfIterations = 5 }));
        var model = trainer.FitModel(LatentRatings.Create(20, 10));
        Assert.That(model.Rank, Is.EqualTo(16));
        Assert.That(model.UserVectors!.Columns, Is.EqualTo(16));
        Assert.That(model.MovieVectors!.Rows, Is.EqualTo(model.MovieIndexBound));
    }

    [TestCase(0)]
    [TestCase(-2)]
    public void Zero_or_negative_threads_are_rejected(int threads)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.MatrixFactorization(s_small with { NumberOfThreads = threads }));
        Assert.That(error!.ParamName, Is.EqualTo("NumberOfThreads"));
        Assert.That(error.Message, Does.Contain(threads.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Invalid_options_name_the_option()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.MatrixFactorization(s_small with { ApproximationRank = 0 }))!.ParamName, Is.EqualTo("ApproximationRank"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.MatrixFactorization(s_small with { LearningRate = float.NaN }))!.ParamName, Is.EqualTo("LearningRate"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.MatrixFactorization(s_small with { Lambda = -1 }))!.ParamName, Is.EqualTo("Lambda"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.MatrixFactorization(s_small with { LearningRateDecay = 1.5f }))!.ParamName, Is.EqualTo("LearningRateDecay"));
    }

    [Test]
    public void Parallel_training_is_deterministic_and_seed_dependent()
    {
        var data = LatentRatings.Create();
        var opts = s_small with { NumberOfThreads = 3 };
        var a = BaselineCatalog.MatrixFactorization(opts).FitModel(data);
        var b = BaselineCatalog.MatrixFactorization(opts).FitModel(data);
        var c = BaselineCatalog.MatrixFactorization(opts with { Seed = 99 }).FitModel(data);
        Assert.That(b.UserVectors!.Values.ToArray(), Is.EqualTo(a.UserVectors!.Values.ToArray()));
        Assert.That(b.MovieVectors!.Values.ToArray(), Is.EqualTo(a.MovieVectors!.Values.ToArray()));
        Assert.That(c.UserVectors!.Values.ToArray(), Is.Not.EqualTo(a.UserVectors!.Values.ToArray()));
    }

    [Test]
    public void Fits_the_training_data_closely_with_enough_capacity()
    {
        var data = LatentRatings.Create();
        var model = BaselineCatalog.MatrixFactorization(s_small with { ApproximationRank = 16, NumberOfIterations = 80, Lambda = 0.001f, BiasLambda = 0.001f }).FitModel(data);
        double squared = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double e = model.Predict(data.Users[i], data.Movies[i]) - data.Ratings[i];
            squared += e * e;
        }

        Assert.That(Math.Sqrt(squared / data.Count), Is.LessThan(0.35));
    }

    [Test]
    public void Cold_start_falls_back_to_biases_then_mean()
    {
        var data = LatentRatings.Create();
        var model = BaselineCatalog.MatrixFactorization(s_small).FitModel(data);
        Assert.Multiple(() =>
        {
            Assert.That(model.Predict(0, 0), Is.EqualTo(Math.Clamp(model.GlobalMean, 1, 5)));
            Assert.That(model.Predict(0, 4), Is.EqualTo(Math.Clamp(model.GlobalMean + model.MovieBiases[4], 1, 5)).Within(1e-6f));
            Assert.That(model.Predict(6, 10_000), Is.EqualTo(Math.Clamp(model.GlobalMean + model.UserBiases[6], 1, 5)).Within(1e-6f));
            Assert.That(model.UserVectors!.Row(0).ToArray(), Is.All.EqualTo(0f));
        });
    }

    [Test]
    public void Divergence_is_reported_instead_of_returning_NaN()
    {
        var data = RatingsTable.Create([1, 2, 1, 2], [1, 2, 2, 1], [5f, 1f, 4f, 2f]);
        var trainer = BaselineCatalog.MatrixFactorization(s_small with { LearningRate = 1e6f, LearningRateDecay = 1f });
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data));
    }
}
