using MovieRec.Baselines;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Abstractions;

public sealed class FactorMatrixTests
{
    [Test]
    public void Rows_are_views_of_the_row_major_values()
    {
        var table = LatentRatings.Create(10, 6);
        var model = BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = 3, NumberOfIterations = 2, NumberOfThreads = 1 }).FitModel(table);
        var movies = model.MovieVectors!;
        Assert.That(movies.Values.Length, Is.EqualTo(movies.Rows * movies.Columns));
        Assert.That(movies.Row(2).ToArray(), Is.EqualTo(movies.Values.Slice(6, 3).ToArray()));
        Assert.Throws<ArgumentOutOfRangeException>(() => movies.Row(movies.Rows));
        Assert.Throws<ArgumentOutOfRangeException>(() => movies.Row(-1));
    }
}
