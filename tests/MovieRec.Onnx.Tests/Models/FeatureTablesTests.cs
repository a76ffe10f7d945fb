using MovieRec.Data;
using MovieRec.Onnx.Models;
using MovieRec.Tests.Models;

namespace MovieRec.Onnx.Tests.Models;

[TestFixture]
public sealed class FeatureTablesTests
{
    [Test]
    public void Rows_and_training_columns_follow_the_bindings()
    {
        var dataset = TinyModels.Dataset;
        var tables = FeatureTables.Create(dataset, genreLength: 4, titleLength: 6);
        var ratings = RatingsTable.CreateWithoutTimestamps([3, 7], [5, 2], [4f, 2f]);
        var data = tables.ToTrainingData(ratings, [FeatureTables.UserId, tables.Title], "target");

        Assert.Multiple(() =>
        {
            Assert.That(tables.MovieWidth, Is.EqualTo(11));
            Assert.That(tables.UserCount, Is.EqualTo(dataset.UserIds.IndexCount));
            Assert.That(tables.MovieCount, Is.EqualTo(dataset.MovieIds.IndexCount));
            Assert.That(tables.Schema, Is.EqualTo(FeatureTables.SchemaFor(4, 6)));
            Assert.That(tables.Title.Offset, Is.EqualTo(5));
            Assert.That(tables.Title.Width, Is.EqualTo(6));
            Assert.That(tables.MovieRows[5 * 11], Is.EqualTo(5), "movie row starts with its id");
            Assert.That(data.RowCount, Is.EqualTo(2));
            Assert.That(data.ColumnNames, Is.EquivalentTo(new[] { "user_id", "title", "target" }));
        });
    }

    [Test]
    public void New_user_rows_are_checked()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FeatureTables.NewUserRow(1, 3, 4), Is.EqualTo(new long[] { 0, 1, 3, 4 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => FeatureTables.NewUserRow(2, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => FeatureTables.NewUserRow(0, 7, 0));
        });
    }

    [Test]
    public void New_user_rows_of_a_bundle_take_the_gender_letter_in_either_case()
    {
        var bundle = TinyModels.LstmCnn.Bundle;

        Assert.Multiple(() =>
        {
            Assert.That(FeatureTables.NewUserRow(bundle, "f", 30, 0), Is.EqualTo(FeatureTables.NewUserRow(bundle, 0, 30, 0)));
            Assert.That(FeatureTables.NewUserRow(bundle, "M", 30, 0), Is.EqualTo(FeatureTables.NewUserRow(bundle, 1, 30, 0)));
            Assert.That(() => FeatureTables.NewUserRow(bundle, "x", 30, 0), Throws.ArgumentException.With.Property("ParamName").EqualTo("gender").And.Message.Contains("expected F or M"));
        });
    }
}
