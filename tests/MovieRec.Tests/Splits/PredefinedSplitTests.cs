using MovieRec.Data;
using MovieRec.Splits;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Splits;

public sealed class PredefinedSplitTests
{
    [Test]
    public void MovieLens100K_SmallFold_UsesDatasetIds()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder);
        folder.Write("u1.base", "1\t1\t5\t881250949\n2\t1\t3\t891717742\n1\t2\t4\t878887116\n");
        folder.Write("u1.test", "3\t3\t1\t880606923\n2\t2\t2\t886397596\n");
        var data = MovieLens100K.Load(folder.Path);

        var split = PredefinedSplit.MovieLens100K(data, folder.Path, "u1");

        Assert.That(split.Train.Count, Is.EqualTo(3));
        Assert.That(TestRatings.Keys(split.Test), Is.EqualTo(new[] { (3, 3), (2, 2) }));
    }

    [Test]
    public void MovieLens100K_UnknownFold_Throws()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder);
        var data = MovieLens100K.Load(folder.Path);

        Assert.Throws<ArgumentException>(() => PredefinedSplit.MovieLens100K(data, folder.Path, "u9"));
    }

    [Test]
    public void MovieLens100K_RealFolds_AreThePublishedSizesAndCoverUData()
    {
        string path = RealData.Folder("ml-100k", "u.data", "u1.base");
        var data = MovieLens100K.Load(path);
        var all = TestRatings.Keys(data.Ratings).Order().ToList();

        foreach (string fold in MovieLens100K.FoldNames)
        {
            var split = PredefinedSplit.MovieLens100K(data, path, fold);
            int expectedTest = fold.StartsWith("ua") || fold.StartsWith("ub") ? 9430 : 20000;
            Assert.That(split.Test.Count, Is.EqualTo(expectedTest), fold);
            Assert.That(TestRatings.Keys(split.Train).Concat(TestRatings.Keys(split.Test)).Order(), Is.EqualTo(all), fold);
        }
    }
}
