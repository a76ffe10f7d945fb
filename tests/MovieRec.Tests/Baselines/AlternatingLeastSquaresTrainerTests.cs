using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Baselines;

public sealed class AlternatingLeastSquaresTrainerTests : RatingPredictorContract
{
    protected override IRatingTrainer CreateTrainer() =>
        BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { ApproximationRank = 6, NumberOfIterations = 8, NumberOfThreads = 2 });

    [Test]
    public void Options_have_documented_defaults()
    {
        var o = new AlternatingLeastSquaresOptions();
        Assert.That(o.LossFunction, Is.EqualTo(MatrixFactorizationLoss.SquareLossRegression));
        Assert.That(o.ApproximationRank, Is.Null);
        Assert.That(o.Alpha, Is.EqualTo(AlternatingLeastSquaresOptions.Defaults.Alpha));
        Assert.That(o.C, Is.EqualTo(AlternatingLeastSquaresOptions.Defaults.C));
        Assert.That(o.Lambda, Is.Null);
    }

    [Test]
    public void Short_overloads_choose_the_loss()
    {
        Assert.That(BaselineCatalog.AlternatingLeastSquares(8, 2).Name, Is.EqualTo("als"));
        var implicitTrainer = BaselineCatalog.ImplicitAlternatingLeastSquares(8, 2);
        Assert.That(implicitTrainer.Name, Is.EqualTo("ials"));
        Assert.That(implicitTrainer.Options.LossFunction, Is.EqualTo(MatrixFactorizationLoss.SquareLossOneClass));
        Assert.That(BaselineCatalog.ImplicitAlternatingLeastSquares().Options.ApproximationRank, Is.EqualTo(AlternatingLeastSquaresOptions.Defaults.OneClassApproximationRank));
    }

    [TestCase(MatrixFactorizationLoss.SquareLossRegression, AlternatingLeastSquaresOptions.Defaults.ApproximationRank)]
    [TestCase(MatrixFactorizationLoss.SquareLossOneClass, AlternatingLeastSquaresOptions.Defaults.OneClassApproximationRank)]
    public void An_unset_rank_is_the_loss_default(MatrixFactorizationLoss loss, int rank)
    {
        var data = LatentRatings.Create();
        var model = BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { LossFunction = loss, NumberOfIterations = 1 }).FitModel(data);
        Assert.That(model.Rank, Is.EqualTo(rank));
    }

    [Test]
    public void Results_do_not_depend_on_thread_count()
    {
        var data = LatentRatings.Create();
        var one = BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { ApproximationRank = 5, NumberOfIterations = 4, NumberOfThreads = 1 }).FitModel(data);
        var three = BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { ApproximationRank = 5, NumberOfIterations = 4, NumberOfThreads = 3 }).FitModel(data);
        Assert.That(three.MovieVectors!.Values.ToArray(), Is.EqualTo(one.MovieVectors!.Values.ToArray()));
    }

    [Test]
    public void Implicit_model_ranks_a_users_block_above_the_rest()
    {
        // Users 1-10 watch movies 1-10, users 11-20 watch movies 11-20; hold out one cell of each block.
        var users = new List<int>();
        var movies = new List<int>();
        for (int u = 1; u <= 20; u++)
        {
            int start = u <= 10 ? 1 : 11;
            for (int m = start; m < start + 10; m++)
            {
                if (!(u == 1 && m == 1) && !(u == 11 && m == 11))
                {
                    users.Add(u);
                    movies.Add(m);
                }
            }
        }

        var table = RatingsTable.Create(users.ToArray(), movies.ToArray(), Enumerable.Repeat(1f, users.Count).ToArray());
        var model = BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions
        {
            LossFunction = MatrixFactorizationLoss.SquareLossOneClass,
            ApproximationRank = 4,
            NumberOfIterations = 10,
            Lambda = 0.1f,
            Alpha = 5,
        }).Fit(table);
        Assert.That(model.Predicts, Is.Not.EqualTo(PredictionKind.Rating));
        Assert.That(model.Predict(1, 1), Is.GreaterThan(model.Predict(1, 15)));
        Assert.That(model.Predict(11, 11), Is.GreaterThan(model.Predict(11, 5)));
    }

    [Test]
    public void Implicit_loss_rejects_negative_ratings()
    {
        var table = RatingsTable.Create([1, 2], [1, 2], [1f, -2f]);
        var error = Assert.Throws<ArgumentException>(() => BaselineCatalog.ImplicitAlternatingLeastSquares(2, 1).Fit(table));
        Assert.That(error!.Message, Does.Contain("-2"));
    }

    [Test]
    public void Invalid_options_name_the_option()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { C = 1.5f }))!.ParamName, Is.EqualTo("C"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { Alpha = -1 }))!.ParamName, Is.EqualTo("Alpha"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.AlternatingLeastSquares(new AlternatingLeastSquaresOptions { NumberOfThreads = 0 }))!.ParamName, Is.EqualTo("NumberOfThreads"));
    }
}
