using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

public sealed class DatasetWriterTests
{
    [Test]
    public void WriteMovieLens1M_RoundTripsThroughTheLoader()
    {
        var data = SyntheticDataset.Generate(20_000, seed: 1);
        using var folder = new TempFolder();

        DatasetWriter.WriteMovieLens1M(data, folder.Path);
        var back = MovieLens1M.Load(folder.Path);

        AssertSameRatings(data, back);
        Assert.That(back.Users!.Gender.ToArray(), Is.EqualTo(data.Users!.Gender.ToArray()));
        Assert.That(back.Users.AgeGroup.ToArray(), Is.EqualTo(data.Users.AgeGroup.ToArray()));
        Assert.That(back.Users.Occupation.ToArray(), Is.EqualTo(data.Users.Occupation.ToArray()));
        Assert.That(back.Movies.Titles, Is.EqualTo(data.Movies.Titles));
        Assert.That(back.Movies.Years.ToArray(), Is.EqualTo(data.Movies.Years.ToArray()));
        Assert.That(File.ReadAllLines(folder.File("ratings.dat"))[0], Does.Match(@"^\d+::\d+::[1-5]::\d+$"));
    }

    [Test]
    public void WriteMovieLensCsv_RoundTripsThroughTheLoader()
    {
        var data = SyntheticDataset.Generate(10_000, seed: 2);
        using var folder = new TempFolder();

        DatasetWriter.WriteMovieLensCsv(data, folder.Path);
        var back = MovieLensCsv.Load(folder.Path);

        AssertSameRatings(data, back);
        Assert.That(back.Movies.Titles, Is.EqualTo(data.Movies.Titles));
        Assert.That(File.ReadAllText(folder.File("ratings.csv")), Does.StartWith("userId,movieId,rating,timestamp\r\n").And.Contain(".0,"));
    }

    [Test]
    public void WriteMovieLensCsv_QuotesTitlesWithCommasAndHalfStars()
    {
        using var src = new TempFolder();
        src.Write("movies.csv", "movieId,title,genres\n5,\"Bad, Good \"\"Ugly\"\" (1966)\",Western\n");
        src.Write("ratings.csv", "userId,movieId,rating,timestamp\n3,5,3.5,10\n");
        var data = MovieLensCsv.Load(src.Path);
        using var folder = new TempFolder();

        DatasetWriter.WriteMovieLensCsv(data, folder.Path, crlf: false);

        Assert.That(File.ReadAllText(folder.File("movies.csv")), Does.Contain("5,\"Bad, Good \"\"Ugly\"\" (1966)\",Western\n"));
        Assert.That(File.ReadAllText(folder.File("ratings.csv")), Does.EndWith("3,5,3.5,10\n"));
    }

    private static void AssertSameRatings(RecommendationDataset expected, RecommendationDataset actual)
    {
        Assert.That(actual.Ratings.Count, Is.EqualTo(expected.Ratings.Count));
        Assert.That(actual.Ratings.Ratings.ToArray(), Is.EqualTo(expected.Ratings.Ratings.ToArray()));
        Assert.That(actual.Ratings.Timestamps.ToArray(), Is.EqualTo(expected.Ratings.Timestamps.ToArray()));
        var expectedUsers = expected.Ratings.Users.ToArray().Select(u => expected.UserIds.RawIdOf(u));
        var actualUsers = actual.Ratings.Users.ToArray().Select(u => actual.UserIds.RawIdOf(u));
        Assert.That(actualUsers, Is.EqualTo(expectedUsers));
        var expectedMovies = expected.Ratings.Movies.ToArray().Select(m => expected.MovieIds.RawIdOf(m));
        var actualMovies = actual.Ratings.Movies.ToArray().Select(m => actual.MovieIds.RawIdOf(m));
        Assert.That(actualMovies, Is.EqualTo(expectedMovies));
    }
}
