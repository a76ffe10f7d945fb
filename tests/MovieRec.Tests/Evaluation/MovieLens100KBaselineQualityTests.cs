using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Splits;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Evaluation;

/// <summary>Real-data check of the tuned matrix factorisation defaults (needs MOVIEREC_DATA with ml-100k).</summary>
public sealed class MovieLens100KBaselineQualityTests
{
    [Test]
    public void Matrix_factorization_reaches_the_reference_error_on_fold_u1()
    {
        string folder = RealData.Folder("ml-100k", "u.data", "u.item", "u.user", "u1.base", "u1.test");
        var dataset = MovieLens100K.Load(folder);
        var fold = PredefinedSplit.MovieLens100K(dataset, folder, "u1");
        var model = BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { NumberOfThreads = 2 }).Fit(fold.Train);
        var predicted = new float[fold.Test.Count];
        model.Predict(fold.Test.Users, fold.Test.Movies, predicted);
        double rmse = RatingMetrics.RootMeanSquaredError(predicted, fold.Test.Ratings);
        TestContext.Out.WriteLine($"MF RMSE on u1: {rmse:F4}");
        Assert.That(rmse, Is.LessThanOrEqualTo(0.93));
    }
}
