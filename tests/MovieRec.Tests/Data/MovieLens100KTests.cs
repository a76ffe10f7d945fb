using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

public sealed class MovieLens100KTests
{
    [Test]
    public void Load_SmallFolder_ReadsAllTables()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder);

        var data = MovieLens100K.Load(folder.Path);

        Assert.That(data.Ratings.Count, Is.EqualTo(5));
        Assert.That(data.UserCount, Is.EqualTo(3));
        Assert.That(data.MovieCount, Is.EqualTo(3));
        Assert.That(data.Movies.Titles[2], Is.EqualTo("Misérables, Les (1995)"));
        Assert.That(data.Movies.Years[1], Is.EqualTo(1995));
        Assert.That(data.Movies.Years[3], Is.EqualTo(0));
        Assert.That(data.Movies.GenresOf(1).ToArray(), Is.EqualTo(new[] { 2 }));
        Assert.That(data.Movies.GenreNames[2], Is.EqualTo("Comedy"));
        Assert.That(data.Users!.Gender[2], Is.EqualTo(0));
        Assert.That(data.Users.AgeGroup[1], Is.EqualTo(1));
        Assert.That(data.Users.AgeGroup[2], Is.EqualTo(5));
        Assert.That(data.Users.AgeGroup[3], Is.EqualTo(0));
        Assert.That(data.Users.OccupationNames[data.Users.Occupation[2]], Is.EqualTo("writer"));
        Assert.That(data.Ratings.Ratings[3], Is.EqualTo(1f));
        Assert.That(data.Ratings.Timestamps[0], Is.EqualTo(881250949L));
        Assert.That(data.LoadReport.IsClean, Is.True);
    }

    [TestCase("1\t1\t5\n", "expected 4 fields")]
    [TestCase("1\t1\tfive\t881250949\n", "rating is not a number")]
    [TestCase("1\tx\t5\t881250949\n", "movie id")]
    [TestCase("1\t1\t6\t881250949\n", "outside the scale")]
    [TestCase("1\t1\t0\t881250949\n", "outside the scale")]
    [TestCase("1\t1\t3.5\t881250949\n", "rating 3.5 is not on the scale 1, 2, ..., 5")]
    [TestCase("1\t1\t4\t999999999999999999\n", "timestamp 999999999999999999 is not a date")]
    [TestCase("9\t1\t5\t881250949\n", "user id 9 is not a known user")]
    [TestCase("\n", "empty line")]
    public void Load_BadRatingLine_ThrowsNamingFileLineAndText(string badLine, string reason)
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder, ratings: "1\t1\t5\t881250949\n2\t2\t4\t881250949\n" + badLine + "3\t3\t1\t880606923\n");

        var ex = Assert.Throws<DataFormatException>(() => MovieLens100K.Load(folder.Path))!;

        Assert.That(ex.FilePath, Does.EndWith("u.data"));
        Assert.That(ex.LineNumber, Is.EqualTo(3));
        Assert.That(ex.LineText, Is.EqualTo(badLine.TrimEnd('\n')));
        Assert.That(ex.Message, Does.Contain(reason).And.Contain("u.data(3)"));
    }

    [Test]
    public void Load_DuplicatePairAcrossUsers_ThrowsWithBothLines()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder, ratings: "1\t1\t5\t1\n2\t1\t3\t2\n1\t2\t4\t3\n1\t1\t2\t4\n");

        var ex = Assert.Throws<DataFormatException>(() => MovieLens100K.Load(folder.Path))!;

        Assert.That(ex.LineNumber, Is.EqualTo(4));
        Assert.That(ex.Message, Does.Contain("duplicate").And.Contain("line 1"));
    }

    [Test]
    public void Load_DuplicatePairAdjacent_Throws()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder, ratings: "1\t1\t5\t1\n1\t1\t3\t2\n");

        var ex = Assert.Throws<DataFormatException>(() => MovieLens100K.Load(folder.Path))!;

        Assert.That(ex.LineNumber, Is.EqualTo(2));
        Assert.That(ex.Message, Does.Contain("duplicate"));
    }

    [Test]
    public void Load_SkipBadLines_CountsAndReportsThem()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder, ratings: "1\t1\t5\t1\nbad\n2\t1\t9\t2\n1\t2\t4\t3\n1\t1\t2\t4\n2\t2\t2\t5\n");

        var data = MovieLens100K.Load(folder.Path, new DataLoadOptions { SkipBadLines = true, MaxBadLineExamples = 2 });

        Assert.That(data.Ratings.Count, Is.EqualTo(3));
        Assert.That(data.LoadReport.BadLineCount, Is.EqualTo(3));
        Assert.That(data.LoadReport.Examples, Has.Count.EqualTo(2));
        Assert.That(data.LoadReport.Examples[0].LineNumber, Is.EqualTo(2));
        Assert.That(data.LoadReport.Examples[1].LineNumber, Is.EqualTo(3));
        Assert.That(data.Ratings.Ratings.ToArray(), Is.EqualTo(new[] { 5f, 4f, 2f }));
    }

    [Test]
    public void Load_BadUserLine_ThrowsNamingUUser()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder, users: "1|24|M|student|85711\n2|53|X|writer|94043\n3|17|M|none|32067\n");

        var ex = Assert.Throws<DataFormatException>(() => MovieLens100K.Load(folder.Path))!;

        Assert.That(ex.FilePath, Does.EndWith("u.user"));
        Assert.That(ex.LineNumber, Is.EqualTo(2));
        Assert.That(ex.Message, Does.Contain("gender"));
    }

    [Test]
    public void Load_EmptyRatingsFile_Throws()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder, ratings: string.Empty);

        var ex = Assert.Throws<DataFormatException>(() => MovieLens100K.Load(folder.Path))!;

        Assert.That(ex.Message, Does.Contain("u.data").And.Contain("empty"));
    }

    [Test]
    public void Load_MissingFile_ThrowsNamingIt()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder);
        File.Delete(folder.File("u.user"));

        var ex = Assert.Throws<FileNotFoundException>(() => MovieLens100K.Load(folder.Path))!;

        Assert.That(ex.Message, Does.Contain("u.user"));
    }

    [Test]
    public void Load_MissingFolder_Throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => MovieLens100K.Load(Path.Combine(Path.GetTempPath(), "no-such-movierec-folder")));
    }

    [Test]
    public void Load_RealData_HasPublishedCounts()
    {
        string folder = RealData.Folder("ml-100k", "u.data", "u.item", "u.user");

        var data = MovieLens100K.Load(folder);

        Assert.That(data.Ratings.Count, Is.EqualTo(100_000));
        Assert.That(data.UserCount, Is.EqualTo(943));
        Assert.That(data.MovieCount, Is.EqualTo(1682));
        Assert.That(data.Users!.Count, Is.EqualTo(944));
        Assert.That(data.Movies.GenreNames, Has.Count.EqualTo(19));
        var histogram = new int[6];
        foreach (float r in data.Ratings.Ratings)
        {
            histogram[(int)r]++;
        }

        Assert.That(histogram[1..], Is.EqualTo(new[] { 6110, 11370, 27145, 34174, 21201 }));
    }

    [Test]
    public void Load_RealData_DecodesLatin1Titles()
    {
        string folder = RealData.Folder("ml-100k", "u.data", "u.item", "u.user");

        var data = MovieLens100K.Load(folder);

        Assert.That(data.Movies.Titles, Does.Contain("Misérables, Les (1995)"));
        Assert.That(data.Movies.Titles[1], Is.EqualTo("Toy Story (1995)"));
        var toyStory = data.Movies.GenresOf(data.MovieIds.IndexOf(1)).ToArray().Select(g => data.Movies.GenreNames[g]);
        Assert.That(toyStory, Is.EqualTo(new[] { "Animation", "Children's", "Comedy" }));
    }
}
