using System.Text;
using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

public sealed class MovieLens1MTests
{
    private const string Users = "1::F::1::10::48067\n2::M::56::16::70072\n3::M::25::15::55117\n";
    private const string Movies = "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Jumanji (1995)::Adventure|Children's|Fantasy\n3::Cité des enfants perdus, La (1995)::Adventure|Sci-Fi\n";

    private static void WriteFolder(TempFolder folder, string ratings, string? users = null, string? movies = null)
    {
        folder.Write("users.dat", users ?? Users, Encoding.Latin1);
        folder.Write("movies.dat", movies ?? Movies, Encoding.Latin1);
        folder.Write("ratings.dat", ratings, Encoding.Latin1);
    }

    [Test]
    public void Load_GeneratedFiles_ReadsPaperCodes()
    {
        using var folder = new TempFolder();
        WriteFolder(folder, "1::1::5::978300760\n1::3::3::978302109\n2::2::4::978301968\n3::1::2::978300275\n");

        var data = MovieLens1M.Load(folder.Path);

        Assert.That(data.Ratings.Count, Is.EqualTo(4));
        Assert.That(data.Users!.Gender[1], Is.EqualTo(0));
        Assert.That(data.Users.AgeGroup[1], Is.EqualTo(0));
        Assert.That(data.Users.Occupation[1], Is.EqualTo(10));
        Assert.That(data.Users.AgeGroup[2], Is.EqualTo(6));
        Assert.That(data.Users.Gender[2], Is.EqualTo(1));
        Assert.That(data.Movies.Titles[3], Is.EqualTo("Cité des enfants perdus, La (1995)"));
        Assert.That(data.Movies.GenresOf(1).ToArray().Select(g => data.Movies.GenreNames[g]), Is.EqualTo(new[] { "Animation", "Children's", "Comedy" }));
        int[] toyStory = data.Movies.GenresOf(1).ToArray();
        Assert.That(new[] { data.Movies.GenreKey(1, 0), data.Movies.GenreKey(1, 2), data.Movies.GenreKey(1, 3) }, Is.EqualTo(new[] { toyStory[0] + 1, toyStory[2] + 1, 0 }), "genre keys are 1-based, 0 past the last genre");
        Assert.That(data.Ratings.Timestamps[1], Is.EqualTo(978302109L));
    }

    [TestCase("1::1::5\n", "expected 4 fields")]
    [TestCase("1::1::5::97830x\n", "timestamp")]
    [TestCase("1::9::5::978300760\n", "movie id 9")]
    [TestCase("1:1::5::978300760\n", "expected 4 fields")]
    public void Load_BadRatingLine_Throws(string bad, string reason)
    {
        using var folder = new TempFolder();
        WriteFolder(folder, "1::1::5::978300760\n" + bad);

        var ex = Assert.Throws<DataFormatException>(() => MovieLens1M.Load(folder.Path))!;

        Assert.That(ex.Message, Does.Contain("ratings.dat(2)").And.Contain(reason).And.Contain(bad.TrimEnd()));
    }

    [Test]
    public void Load_TruncatedLastLine_Throws()
    {
        using var folder = new TempFolder();
        WriteFolder(folder, "1::1::5::978300760\n1::3::");

        var ex = Assert.Throws<DataFormatException>(() => MovieLens1M.Load(folder.Path))!;

        Assert.That(ex.LineNumber, Is.EqualTo(2));
    }

    [Test]
    public void Load_BadAgeCode_ThrowsNamingUsersDat()
    {
        using var folder = new TempFolder();
        WriteFolder(folder, "1::1::5::978300760\n", users: "1::F::1::10::48067\n2::M::30::16::70072\n");

        var ex = Assert.Throws<DataFormatException>(() => MovieLens1M.Load(folder.Path))!;

        Assert.That(ex.Message, Does.Contain("users.dat(2)").And.Contain("age"));
    }

    [Test]
    public void Load_UnknownGenre_Throws()
    {
        using var folder = new TempFolder();
        WriteFolder(folder, "1::1::5::978300760\n", movies: "1::Toy Story (1995)::Animation|Cartoon\n");

        var ex = Assert.Throws<DataFormatException>(() => MovieLens1M.Load(folder.Path))!;

        Assert.That(ex.Message, Does.Contain("movies.dat(1)").And.Contain("Cartoon"));
    }

    [Test]
    public void Load_MissingRatings_ThrowsNamingFile()
    {
        using var folder = new TempFolder();
        WriteFolder(folder, "1::1::5::978300760\n");
        File.Delete(folder.File("ratings.dat"));

        var ex = Assert.Throws<FileNotFoundException>(() => MovieLens1M.Load(folder.Path))!;

        Assert.That(ex.FileName, Does.EndWith("ratings.dat"));
    }

    [Test]
    public void LoadMetadata_RealData_HasPublishedCountsAndPaperExamples()
    {
        string path = RealData.Folder("ml-1m", "users.dat", "movies.dat");

        var data = MovieLens1M.LoadMetadata(path);

        Assert.That(data.UserCount, Is.EqualTo(6040));
        Assert.That(data.MovieCount, Is.EqualTo(3883));
        Assert.That(data.Ratings.Count, Is.Zero);
        int user1 = data.UserIds.IndexOf(1);
        Assert.That((data.Users!.Gender[user1], data.Users.AgeGroup[user1], data.Users.Occupation[user1]), Is.EqualTo(((byte)0, (byte)0, 10)));
        int toyStory = data.MovieIds.IndexOf(1);
        Assert.That(data.Movies.Titles[toyStory], Is.EqualTo("Toy Story (1995)"));
        Assert.That(data.Movies.GenresOf(toyStory).ToArray().Select(g => data.Movies.GenreNames[g]), Is.EqualTo(new[] { "Animation", "Children's", "Comedy" }));
        var male = data.Users.Gender.ToArray().Skip(1).Count(g => g == 1);
        Assert.That(male, Is.EqualTo(4331));
    }

    [Test]
    public void LoadMetadata_RealData_DecodesLatin1()
    {
        string path = RealData.Folder("ml-1m", "users.dat", "movies.dat");

        var data = MovieLens1M.LoadMetadata(path);

        var accented = data.Movies.Titles.Where(t => t.Any(c => c > 127)).ToList();
        Assert.That(accented, Has.Count.EqualTo(50));
        Assert.That(accented, Has.Some.Contain("é"));
        Assert.That(data.Movies.Titles.Any(t => t.Contains('\uFFFD')), Is.False);
    }

    [Test]
    public void Load_RealMetadataWithGeneratedRatings_MapsThroughFileIds()
    {
        string path = RealData.Folder("ml-1m", "users.dat", "movies.dat");
        using var folder = new TempFolder();
        File.Copy(Path.Combine(path, "users.dat"), folder.File("users.dat"));
        File.Copy(Path.Combine(path, "movies.dat"), folder.File("movies.dat"));
        folder.Write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n6040::3952::4::997454367\n");

        var data = MovieLens1M.Load(folder.Path);

        Assert.That(data.Ratings.Count, Is.EqualTo(3));
        Assert.That(data.MovieIds.RawIdOf(data.Ratings.Movies[2]), Is.EqualTo(3952));
        Assert.That(data.UserIds.RawIdOf(data.Ratings.Users[2]), Is.EqualTo(6040));
    }

    [Test]
    public void Load_RealRatingsFile_HasPublishedCount()
    {
        string path = RealData.Folder("ml-1m", "users.dat", "movies.dat", "ratings.dat");

        var data = MovieLens1M.Load(path);

        Assert.That(data.Ratings.Count, Is.EqualTo(MovieLens1M.PublishedRatingCount));
        Assert.That(data.Ratings.Users.ToArray().Distinct().Count(), Is.EqualTo(6040));
    }
}
