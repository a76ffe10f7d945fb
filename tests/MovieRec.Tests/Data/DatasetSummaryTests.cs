using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

public sealed class DatasetSummaryTests
{
    [Test]
    public void Create_SmallDataset_CountsEverything()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder);
        var data = MovieLens100K.Load(folder.Path);

        var summary = DatasetSummary.Create(data);

        Assert.That(summary.RatingCount, Is.EqualTo(5));
        Assert.That((summary.UserCount, summary.MovieCount, summary.RatingUserCount, summary.RatedMovieCount), Is.EqualTo((3, 3, 3, 3)));
        Assert.That(summary.Sparsity, Is.EqualTo(1 - (5.0 / 9)).Within(1e-12));
        Assert.That(summary.MeanRating, Is.EqualTo(3.0).Within(1e-12));
        Assert.That(summary.RatingDistribution.Select(p => (p.Key, p.Value)), Is.EqualTo(new[] { (1f, 1L), (2f, 1L), (3f, 1L), (4f, 1L), (5f, 1L) }));
        Assert.That(summary.GenreMovieCounts.Select(p => p.Value), Is.EqualTo(new[] { 1, 1, 1 }));
        Assert.That(summary.GenreRatingCounts.Single(p => p.Key == "Comedy").Value, Is.EqualTo(2));
        Assert.That(summary.DecadeMovieCounts.Single(), Is.EqualTo(KeyValuePair.Create(1990, 2)));
        Assert.That(summary.UnknownYearCount, Is.EqualTo(1));
        Assert.That((summary.MinRatingsPerUser, summary.MaxRatingsPerUser), Is.EqualTo((1, 2)));
        Assert.That(summary.FirstTimestamp, Is.EqualTo(878887116L));
        Assert.That(summary.HasDemographics, Is.True);
    }

    [Test]
    public void Create_RealMovieLens100K_MatchesReadme()
    {
        string path = RealData.Folder("ml-100k", "u.data");

        var summary = DatasetSummary.Create(MovieLens100K.Load(path));

        Assert.That(summary.Sparsity, Is.EqualTo(1 - (100_000.0 / (943 * 1682))).Within(1e-12));
        Assert.That(summary.RatingDistribution.Select(p => p.Value), Is.EqualTo(new long[] { 6110, 11370, 27145, 34174, 21201 }));
        Assert.That(summary.MinRatingsPerUser, Is.EqualTo(20));
    }
}
