using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Tests.Training;

public sealed class DataColumnTests
{
    [Test]
    public void A_gathered_column_reads_each_examples_row_slice_of_the_shared_table()
    {
        // Three feature rows of width 4; five examples point at them.
        long[] table = [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23];
        int[] ids = [2, 0, 1, 1, 2];
        var data = TrainingData.Create(5).AddGathered("ids", table, 4, 0, 1, ids).AddGathered("rest", table, 4, 1, 3, ids);

        var id = data.Column("ids", "the test");
        var rest = data.Column("rest", "the test");
        using var idBatch = id.AllocateBatch(3);
        using var restBatch = rest.AllocateBatch(3);
        id.CopyRows([4, 0, 3], idBatch);
        rest.CopyRows([4, 0, 3], restBatch);

        Assert.Multiple(() =>
        {
            Assert.That(id.BatchShape(3), Is.EqualTo(new long[] { 3 }));
            Assert.That(rest.BatchShape(3), Is.EqualTo(new long[] { 3, 3 }));
            Assert.That(idBatch.GetSpan<long>().ToArray(), Is.EqualTo(new long[] { 20, 20, 10 }));
            Assert.That(restBatch.GetSpan<long>().ToArray(), Is.EqualTo(new long[] { 21, 22, 23, 21, 22, 23, 11, 12, 13 }));
            Assert.That(() => TrainingData.Create(4).AddGathered("ids", table, 4, 0, 1, ids), Throws.ArgumentException.With.Message.Contains("5 row ids"));
        });
    }

    [Test]
    public void A_computed_column_fills_the_rows_of_a_batch_when_asked()
    {
        var asked = new List<int>();
        var data = TrainingData.Create(100).AddComputed("history", 2, (row, destination) =>
        {
            asked.Add(row);
            destination[0] = row;
            destination[1] = -row;
        });
        var column = data.Column("history", "the test");
        using var batch = column.AllocateBatch(2);
        column.CopyRows([7, 42], batch);

        Assert.Multiple(() =>
        {
            Assert.That(asked, Is.EqualTo(new[] { 7, 42 }), "only the batch's rows are computed");
            Assert.That(batch.GetSpan<long>().ToArray(), Is.EqualTo(new long[] { 7, -7, 42, -42 }));
            Assert.That(() => data.AddComputed("history", 1, (_, _) => { }), Throws.ArgumentException.With.Message.Contains("already exists"));
        });
    }
}
