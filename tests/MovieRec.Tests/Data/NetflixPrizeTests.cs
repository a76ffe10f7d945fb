using System.Text;
using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

public sealed class NetflixPrizeTests
{
    private const string Titles = "1,2003,Dinosaur Planet\n2,2004,Isle of Man TT 2004 Review\n3,NULL,Character, Part 2, Señor\n";

    [Test]
    public void Load_BlocksAndCommaTitles_ParsesEverything()
    {
        using var folder = new TempFolder();
        folder.Write("movie_titles.csv", Titles, Encoding.Latin1);
        folder.Write("combined_data_1.txt", "1:\n1488844,3,2005-09-06\n822109,5,2005-05-13\n2:\n1488844,4,2005-09-07\n");
        folder.Write("combined_data_2.txt", "3:\n30878,1,1970-01-02\n");

        var data = NetflixPrize.Load(folder.Path);

        Assert.That(data.Ratings.Count, Is.EqualTo(4));
        Assert.That(data.UserCount, Is.EqualTo(3));
        Assert.That(data.Movies.Titles[3], Is.EqualTo("Character, Part 2, Señor"));
        Assert.That(data.Movies.Years[3], Is.EqualTo(0));
        Assert.That(data.Movies.Years[1], Is.EqualTo(2003));
        Assert.That(data.Ratings.Timestamps[3], Is.EqualTo(86400L));
        Assert.That(data.Ratings.Users[2], Is.EqualTo(data.Ratings.Users[0]));
        Assert.That(data.MovieIds.RawIdOf(data.Ratings.Movies[2]), Is.EqualTo(2));
    }

    [TestCase("1488844,3\n", "expected 3 fields")]
    [TestCase("1488844,3,2005-13-06\n", "date")]
    [TestCase("1488844,7,2005-09-06\n", "outside the scale")]
    [TestCase("9:\n", "movie id 9")]
    public void Load_BadLine_ThrowsWithLineNumber(string bad, string reason)
    {
        using var folder = new TempFolder();
        folder.Write("movie_titles.csv", Titles, Encoding.Latin1);
        folder.Write("combined_data_1.txt", "1:\n822109,5,2005-05-13\n" + bad);

        var ex = Assert.Throws<DataFormatException>(() => NetflixPrize.Load(folder.Path))!;

        Assert.That(ex.Message, Does.Contain("combined_data_1.txt(3)").And.Contain(reason));
    }

    [Test]
    public void Load_RatingBeforeMovieHeader_Throws()
    {
        using var folder = new TempFolder();
        folder.Write("movie_titles.csv", Titles, Encoding.Latin1);
        folder.Write("combined_data_1.txt", "822109,5,2005-05-13\n");

        var ex = Assert.Throws<DataFormatException>(() => NetflixPrize.Load(folder.Path))!;

        Assert.That(ex.LineNumber, Is.EqualTo(1));
    }

    [Test]
    public void Load_DuplicateAcrossFiles_ThrowsNamingSecondFile()
    {
        using var folder = new TempFolder();
        folder.Write("movie_titles.csv", Titles, Encoding.Latin1);
        folder.Write("combined_data_1.txt", "1:\n822109,5,2005-05-13\n7,5,2005-05-13\n");
        folder.Write("combined_data_2.txt", "2:\n5,1,2005-05-13\n1:\n822109,4,2005-05-14\n");

        var ex = Assert.Throws<DataFormatException>(() => NetflixPrize.Load(folder.Path))!;

        Assert.That(ex.Message, Does.Contain("combined_data_2.txt(4)").And.Contain("duplicate").And.Contain("line 2 of combined_data_1.txt"));
    }

    [Test]
    public void Load_SkipBadLines_DropsDuplicateAndReportsIt()
    {
        using var folder = new TempFolder();
        folder.Write("movie_titles.csv", Titles, Encoding.Latin1);
        folder.Write("combined_data_1.txt", "1:\n822109,5,2005-05-13\n2:\n822109,2,2005-05-13\n1:\n822109,4,2005-05-14\n");

        var data = NetflixPrize.Load(folder.Path, new DataLoadOptions { SkipBadLines = true });

        Assert.That(data.Ratings.Ratings.ToArray(), Is.EqualTo(new[] { 5f, 2f }));
        Assert.That(data.LoadReport.BadLineCount, Is.EqualTo(1));
        Assert.That(data.LoadReport.Examples[0].LineNumber, Is.EqualTo(6));
    }

    [Test]
    public void Load_NoDataFiles_Throws()
    {
        using var folder = new TempFolder();
        folder.Write("movie_titles.csv", Titles, Encoding.Latin1);

        Assert.Throws<FileNotFoundException>(() => NetflixPrize.Load(folder.Path));
    }
}
