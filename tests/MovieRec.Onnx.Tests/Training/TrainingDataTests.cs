using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Tests.Training;

[TestFixture]
public sealed class TrainingDataTests
{
    [Test]
    public void Columns_WithTheRightLength_AreAdded()
    {
        var data = TrainingData.Create(3).Add("ids", new long[] { 1, 2, 3 }).Add("words", new long[12], 4).Add("rating", new float[] { 1, 2, 3 });

        Assert.Multiple(() =>
        {
            Assert.That(data.RowCount, Is.EqualTo(3));
            Assert.That(data.ColumnNames, Is.EquivalentTo(new[] { "ids", "words", "rating" }));
        });
    }

    [Test]
    public void Column_WithTheWrongLength_NamesCountsAndShape()
    {
        var data = TrainingData.Create(3);

        var error = Assert.Throws<ArgumentException>(() => data.Add("words", new long[10], 4));

        Assert.That(error!.Message, Does.Contain("'words'").And.Contain("10").And.Contain("12").And.Contain("[4]"));
    }

    [Test]
    public void DuplicateColumns_AreRejected()
    {
        var data = TrainingData.Create(1).Add("x", new float[] { 1 });

        Assert.Throws<ArgumentException>(() => data.Add("x", new double[] { 1 }));
    }

    [Test]
    public void CopyRows_GathersRowsInOrder()
    {
        var data = TrainingData.Create(3).Add("w", new long[] { 10, 11, 20, 21, 30, 31 }, 2);
        var column = data.Column("w", "the test");
        using var batch = column.AllocateBatch(2);

        column.CopyRows([2, 0], batch);

        Assert.That(batch.GetSpan<long>().ToArray(), Is.EqualTo(new long[] { 30, 31, 10, 11 }));
    }

    [Test]
    public void MissingColumn_IsNamedWithTheAvailableOnes()
    {
        var data = TrainingData.Create(1).Add("x", new float[] { 1 });

        var error = Assert.Throws<ArgumentException>(() => data.Column("user", "input 'user'"));

        Assert.That(error!.Message, Does.Contain("'user'").And.Contain("x"));
    }
}
