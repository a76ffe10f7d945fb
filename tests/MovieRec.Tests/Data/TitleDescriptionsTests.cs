using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

public sealed class TitleDescriptionsTests
{
    private const string Catalogue =
        "show_id,type,title,director,cast,country,date_added,release_year,rating,duration,listed_in,description\n" +
        "s1,Movie,Toy Story,John,\"Tom, Tim\",US,\"May 1, 2020\",1995,G,81 min,Kids,\"Toys come alive,\nand argue.\"\n" +
        "s2,TV Show,Toy Story,,,,,1995,,1 Season,Kids,A show.\n" +
        "s3,Movie,The American President,,,,,1995,,,Drama,A widowed president dates.\n" +
        "s4,Movie,Les Misérables,,,,,1996,,,Drama,Jean Valjean.\n";

    [Test]
    public void Load_MultiLineQuotedFields_AreOneRecord()
    {
        using var folder = new TempFolder();
        string path = folder.Write("titles.csv", Catalogue);

        var entries = TitleDescriptions.Load(path);

        Assert.That(entries, Has.Count.EqualTo(4));
        Assert.That(entries[0].Description, Is.EqualTo("Toys come alive,\nand argue."));
        Assert.That(entries[0].ReleaseYear, Is.EqualTo(1995));
        Assert.That(entries[3].Title, Is.EqualTo("Les Misérables"));
    }

    [Test]
    public void Join_MatchesNormalisedTitleAndYear_PrefersMovies()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder, items:
            "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|1\n" +
            "2|Misérables, Les (1995)|01-Jan-1995||http://x|0|1|0\n" +
            "3|American President, The (1995)|01-Jan-1995||http://x|0|1|0\n");
        var data = MovieLens100K.Load(folder.Path);
        string path = folder.Write("titles.csv", Catalogue);

        var joined = TitleDescriptions.Join(data, TitleDescriptions.Load(path));

        Assert.That(joined.Movies.Descriptions[1], Is.EqualTo("Toys come alive,\nand argue."));
        Assert.That(joined.Movies.Descriptions[2], Is.EqualTo("Jean Valjean."));
        Assert.That(joined.Movies.Descriptions[3], Is.EqualTo("A widowed president dates."));
        Assert.That(joined.Movies.DescriptionCount, Is.EqualTo(3));
        Assert.That(data.Movies.DescriptionCount, Is.Zero);
    }

    [Test]
    public void Load_MissingColumn_Throws()
    {
        using var folder = new TempFolder();
        string path = folder.Write("titles.csv", "title,year\nX,1999\n");

        var ex = Assert.Throws<DataFormatException>(() => TitleDescriptions.Load(path))!;

        Assert.That(ex.Message, Does.Contain("release_year"));
    }

    [Test]
    public void Load_RealNetflixTitles_Has8807RecordsAndJoinsMovieLens()
    {
        string root = RealData.Folder("netflix-titles", "netflix_titles.csv");
        string ml = RealData.Folder("ml-latest-small", "ratings.csv");

        var entries = TitleDescriptions.Load(Path.Combine(root, "netflix_titles.csv"));
        var joined = TitleDescriptions.Join(MovieLensCsv.Load(ml), entries);

        Assert.That(entries, Has.Count.EqualTo(8807));
        Assert.That(entries.Count(e => e.Type == "Movie"), Is.EqualTo(6131));
        Assert.That(entries.All(e => e.Description.Length > 0), Is.True);
        Assert.That(joined.Movies.DescriptionCount, Is.GreaterThan(100));
    }
}
