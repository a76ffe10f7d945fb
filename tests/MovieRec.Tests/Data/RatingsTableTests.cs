using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

public sealed class RatingsTableTests
{
    [Test]
    public void CreateWithoutTimestamps_Uses12BytesAndReadsZeros()
    {
        var table = RatingsTable.CreateWithoutTimestamps([1, 2], [3, 4], [5f, 1f]);

        Assert.That(table.HasTimestamps, Is.False);
        Assert.That(table.ColumnBytes, Is.EqualTo(24));
        Assert.That(table.Subset([1]).HasTimestamps, Is.False);
        Assert.That(table.Timestamps.ToArray(), Is.EqualTo(new long[] { 0, 0 }));
    }

    [Test]
    public void Create_WithTimestamps_Uses20Bytes()
    {
        var table = RatingsTable.Create([1, 2], [3, 4], [5f, 1f], [7, 8]);

        Assert.That(table.HasTimestamps, Is.True);
        Assert.That(table.ColumnBytes, Is.EqualTo(40));
        Assert.That(table.Subset([1, 1]).Timestamps.ToArray(), Is.EqualTo(new long[] { 8, 8 }));
    }

    [Test]
    public void CreateWithoutTimestamps_UnequalColumns_Throws()
    {
        Assert.Throws<ArgumentException>(() => RatingsTable.CreateWithoutTimestamps([1, 2], [3], [5f, 1f]));
        Assert.Throws<ArgumentException>(() => RatingsTable.CreateWithoutTimestamps([1], [3], [float.NaN]));
    }

    [Test]
    public void Where_KeepsMatchingRowsInOrder()
    {
        var table = RatingsTable.Create([1, 2, 3], [4, 5, 6], [1f, 2f, 3f], [7, 8, 9]);

        var kept = table.Where(i => i != 1);

        Assert.That(kept.Users.ToArray(), Is.EqualTo(new[] { 1, 3 }));
        Assert.That(kept.Timestamps.ToArray(), Is.EqualTo(new long[] { 7, 9 }));
    }

    [Test]
    public void LoaderOption_IncludeTimestampsFalse_DropsTheColumn()
    {
        using var folder = new TempFolder();
        SmallMovieLens100K.Write(folder);

        var data = MovieLens100K.Load(folder.Path, new DataLoadOptions { IncludeTimestamps = false });

        Assert.That(data.Ratings.HasTimestamps, Is.False);
        Assert.That(data.Ratings.Count, Is.EqualTo(5));
    }

    [Test]
    public void DataLoadOptions_DefaultsAndOverride()
    {
        var options = new DataLoadOptions();

        Assert.That(options.SkipBadLines, Is.EqualTo(DataDefaults.SkipBadLines));
        Assert.That(options.MaxBadLineExamples, Is.EqualTo(DataDefaults.MaxBadLineExamples));
        Assert.That(options.IncludeTimestamps, Is.True);
        Assert.That((options with { SkipBadLines = true }).SkipBadLines, Is.True);
    }
}
