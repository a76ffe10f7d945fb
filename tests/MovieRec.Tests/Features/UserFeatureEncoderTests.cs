using MovieRec.Data;
using MovieRec.Features;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Features;

public sealed class UserFeatureEncoderTests
{
    [Test]
    public void EncodeAll_GivesIdGenderAgeGroupOccupation()
    {
        using var folder = new TempFolder();
        var encoder = UserFeatureEncoder.Create(FeatureEncodersTestsData.SmallMovieLens1M(folder));

        var all = encoder.EncodeAll();

        Assert.That(all, Is.EqualTo(new long[] { 0, 0, 0, 0, 1, 0, 0, 10, 2, 1, 6, 16 }));
        Assert.That(encoder.OccupationCount, Is.EqualTo(21));
    }

    [Test]
    public void Encode_DatasetWithoutDemographics_GivesZeros()
    {
        using var folder = new TempFolder();
        folder.Write("movies.csv", "movieId,title,genres\n1,A (2000),Drama\n");
        folder.Write("ratings.csv", "userId,movieId,rating,timestamp\n7,1,4.0,1\n");
        var encoder = UserFeatureEncoder.Create(MovieLensCsv.Load(folder.Path));

        var row = new long[4];
        encoder.Encode(1, row);

        Assert.That(row, Is.EqualTo(new long[] { 1, 0, 0, 0 }));
    }

    [Test]
    public void Encode_RealMovieLens1M_User1AsThePaper()
    {
        string path = RealData.Folder("ml-1m", "users.dat", "movies.dat");
        var data = MovieLens1M.LoadMetadata(path);
        var encoder = UserFeatureEncoder.Create(data);

        var row = new long[4];
        encoder.Encode(data.UserIds.IndexOf(1), row);

        Assert.That(row[1..], Is.EqualTo(new long[] { 0, 0, 10 }));
    }

    [Test]
    public void Encode_RealMovieLens100K_AgesBucketedIntoSevenGroups()
    {
        string path = RealData.Folder("ml-100k", "u.user", "u.data");
        var data = MovieLens100K.Load(path);
        var encoder = UserFeatureEncoder.Create(data);

        var all = encoder.EncodeAll();
        var groups = Enumerable.Range(1, data.UserCount).Select(u => all[(u * 4) + 2]).Distinct().Order();

        Assert.That(groups, Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 5, 6 }));
        Assert.That(encoder.OccupationCount, Is.EqualTo(21));
    }
}
