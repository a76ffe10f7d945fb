using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

public sealed class MovieLensCsvTests
{
    private const string Movies =
        "movieId,title,genres\r\n1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\r\n" +
        "11,\"American President, The (1995)\",Comedy|Drama|Romance\r\n" +
        "12,\"Quote \"\"Inside\"\" (2001)\",(no genres listed)\r\n" +
        "13,Strange (2010),Drama|Weird\r\n";

    private static void WriteFolder(TempFolder folder, string ratings)
    {
        folder.Write("movies.csv", Movies);
        folder.Write("ratings.csv", "userId,movieId,rating,timestamp\r\n" + ratings);
    }

    [Test]
    public void Load_CrlfAndQuotedTitles_ParsesAllFields()
    {
        using var folder = new TempFolder();
        WriteFolder(folder, "1,1,4.0,964982703\r\n1,11,3.5,964981247\r\n7,12,0.5,964982224\r\n");

        var data = MovieLensCsv.Load(folder.Path, "tiny");

        Assert.That(data.Name, Is.EqualTo("tiny"));
        Assert.That(data.Users, Is.Null);
        Assert.That(data.Ratings.Ratings.ToArray(), Is.EqualTo(new[] { 4f, 3.5f, 0.5f }));
        Assert.That(data.Ratings.Timestamps[2], Is.EqualTo(964982224L));
        Assert.That(data.UserIds.RawIds, Is.EqualTo(new long[] { 1, 7 }));
        Assert.That(data.Movies.Titles[2], Is.EqualTo("American President, The (1995)"));
        Assert.That(data.Movies.Titles[3], Is.EqualTo("Quote \"Inside\" (2001)"));
        Assert.That(data.Movies.Years[3], Is.EqualTo(2001));
        Assert.That(data.Movies.GenresOf(3).Length, Is.Zero);
        Assert.That(data.Movies.GenreNames[data.Movies.GenresOf(4)[1]], Is.EqualTo("Weird"));
        Assert.That(data.RatingMin, Is.EqualTo(0.5f));
    }

    [TestCase("1,1,5.5,964982703\r\n", "outside the scale")]
    [TestCase("1,1,0,964982703\r\n", "outside the scale")]
    [TestCase("1,1,3.75,964982703\r\n", "rating 3.75 is not on the scale 0.5, 1, ..., 5 (steps of 0.5)")]
    [TestCase("1,1,4.0,253402300800\r\n", "timestamp 253402300800 is not a date")]
    [TestCase("1,99,4.0,964982703\r\n", "movie id 99")]
    [TestCase("1,1,4.0\r\n", "expected 4 fields")]
    [TestCase("1,1,4.x,964982703\r\n", "rating is not a number")]
    [TestCase("1,1,4.0,964982703,9\r\n", "expected 4 fields")]
    public void Load_BadRatingLine_Throws(string bad, string reason)
    {
        using var folder = new TempFolder();
        WriteFolder(folder, "1,11,3.5,964981247\r\n" + bad);

        var ex = Assert.Throws<DataFormatException>(() => MovieLensCsv.Load(folder.Path))!;

        Assert.That(ex.LineNumber, Is.EqualTo(3));
        Assert.That(ex.Message, Does.Contain("ratings.csv(3)").And.Contain(reason));
        Assert.That(ex.LineText, Does.Not.Contain("\r"));
    }

    [Test]
    public void Load_WrongHeader_Throws()
    {
        using var folder = new TempFolder();
        folder.Write("movies.csv", Movies);
        folder.Write("ratings.csv", "user,movie,rating,time\n1,1,4.0,1\n");

        var ex = Assert.Throws<DataFormatException>(() => MovieLensCsv.Load(folder.Path))!;

        Assert.That(ex.Message, Does.Contain("header"));
    }

    [Test]
    public void Load_UnclosedQuoteInMovies_Throws()
    {
        using var folder = new TempFolder();
        folder.Write("movies.csv", "movieId,title,genres\n1,\"Toy Story (1995),Comedy\n");
        folder.Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,1\n");

        var ex = Assert.Throws<DataFormatException>(() => MovieLensCsv.Load(folder.Path))!;

        Assert.That(ex.Message, Does.Contain("movies.csv(2)").And.Contain("not closed"));
    }

    [Test]
    public void LoadTagsAndLinks_ParseQuotedTagsAndEmptyTmdb()
    {
        using var folder = new TempFolder();
        folder.Write("tags.csv", "userId,movieId,tag,timestamp\r\n2,60756,funny,1445714994\r\n2,60756,\"Highly quotable, really\",1445714996\r\n");
        folder.Write("links.csv", "movieId,imdbId,tmdbId\r\n1,0114709,862\r\n791,0113610,\r\n");

        var tags = MovieLensCsv.LoadTags(folder.Path);
        var links = MovieLensCsv.LoadLinks(folder.Path);

        Assert.That(tags[1], Is.EqualTo(new MovieTag(2, 60756, "Highly quotable, really", 1445714996)));
        Assert.That(links[0], Is.EqualTo(new MovieLink(1, "0114709", 862)));
        Assert.That(links[1].TmdbId, Is.Null);
    }

    [Test]
    public void Load_RealLatestSmall_HasPublishedCounts()
    {
        string path = RealData.Folder("ml-latest-small", "ratings.csv", "movies.csv");

        var data = MovieLensCsv.Load(path);

        Assert.That(data.Name, Is.EqualTo("ml-latest-small"));
        Assert.That(data.Ratings.Count, Is.EqualTo(100_836));
        Assert.That(data.UserCount, Is.EqualTo(610));
        Assert.That(data.MovieCount, Is.EqualTo(9742));
        Assert.That(data.Ratings.Movies.ToArray().Distinct().Count(), Is.EqualTo(9724));
        Assert.That(data.Movies.Titles.Any(t => t.EndsWith('\r')), Is.False);
        Assert.That(data.Movies.Titles.Count(t => t.Contains(',')), Is.GreaterThan(0));
        Assert.That(data.Tags, Has.Count.EqualTo(3683));
    }

    [Test]
    public void Load_ReadsTagsWhereTheFolderHasThem_AndNamesABadTagLine()
    {
        using var folder = new TempFolder();
        WriteFolder(folder, "1,1,4.0,964982703\r\n");
        Assert.That(MovieLensCsv.Load(folder.Path).Tags, Is.Empty);

        folder.Write("tags.csv", "userId,movieId,tag,timestamp\r\n1,1,pixar,1445714994\r\n");
        Assert.That(MovieLensCsv.Load(folder.Path).Tags, Is.EqualTo(new[] { new MovieTag(1, 1, "pixar", 1445714994) }));

        folder.Write("tags.csv", "userId,movieId,tag,timestamp\r\n1,1,pixar,1445714994\r\nx,1,pixar,1\r\n");
        var ex = Assert.Throws<DataFormatException>(() => MovieLensCsv.Load(folder.Path))!;
        Assert.That(ex.Message, Does.Contain("tags.csv(3)").And.Contain("not a non-negative integer"));
    }

    [Test]
    public void LoadTagsAndLinks_RealLatestSmall_HaveAllRows()
    {
        string path = RealData.Folder("ml-latest-small", "tags.csv", "links.csv");

        Assert.That(MovieLensCsv.LoadTags(path), Has.Count.EqualTo(3683));
        Assert.That(MovieLensCsv.LoadLinks(path), Has.Count.EqualTo(9742));
    }
}
