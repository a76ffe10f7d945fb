using Microsoft.ML.OnnxRuntime;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Onnx.Export;

namespace MovieRec.Onnx.Tests.Export;

[TestFixture]
public sealed class BaselineOnnxExporterTests
{
    private static readonly Lazy<RatingsTable> s_train = new(() => SyntheticDataset.Generate(4_000, seed: 11).Ratings);

    private static IEnumerable<TestCaseData> Exportable()
    {
        yield return new TestCaseData("mean");
        yield return new TestCaseData("bias");
        yield return new TestCaseData("mf");
        yield return new TestCaseData("als");
        yield return new TestCaseData("ials");
        yield return new TestCaseData("pop");
        yield return new TestCaseData("pop-rated");
    }

    [TestCaseSource(nameof(Exportable))]
    public void ExportedModel_ScoresAsTheLibrary_IncludingUnknownIds(string name)
    {
        var train = s_train.Value;
        var model = BaselineCatalog.FromName(name).Fit(train);
        int users = train.UserIndexBound;
        int movies = train.MovieIndexBound;

        // Every known pair of a few users, plus unknown ids: 0, negative and beyond the trained range.
        var pairs = new List<(long User, long Movie)>();
        for (int u = 1; u <= 5; u++)
        {
            for (int m = 0; m < movies; m++)
            {
                pairs.Add((u, m));
            }
        }

        pairs.AddRange([(0, 1), (users + 10, 2), (-3, 3), (1, movies + 5), (2, -1), (0, 0)]);
        float[] expected = pairs.Select(p => model.Predict(Unknown(p.User), Unknown(p.Movie))).ToArray();

        using var session = TestSessions.Open(BaselineOnnxExporter.Export(model).ToBytes());
        long[] userIds = pairs.Select(p => p.User).ToArray();
        long[] movieIds = pairs.Select(p => p.Movie).ToArray();
        using var userTensor = TestSessions.Tensor(userIds, userIds.Length);
        using var movieTensor = TestSessions.Tensor(movieIds, movieIds.Length);
        float[] actual = TestSessions.Run<float>(session, new Dictionary<string, OrtValue> { ["user"] = userTensor, ["movie"] = movieTensor })[0];

        Assert.That(actual, Is.EqualTo(expected).Within(1e-5f));
    }

    [Test]
    public void ExportedModel_PassesTheReferenceChecker()
    {
        var model = BaselineCatalog.MatrixFactorization().Fit(s_train.Value);
        string path = Path.Combine(Path.GetTempPath(), $"movierec-mf-{Guid.NewGuid():N}.onnx");
        try
        {
            BaselineOnnxExporter.Save(model, path);

            ReferenceChecker.AssertValid(path);
            Assert.That(MovieRec.Onnx.Format.OnnxModel.Load(path).Metadata[BaselineOnnxExporter.ModelKindKey], Is.EqualTo("mf"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("ibcf")]
    [TestCase("iknn")]
    public void NeighbourhoodModels_AreNotExportable_AndSaySo(string name)
    {
        var model = BaselineCatalog.FromName(name).Fit(s_train.Value);

        Assert.That(BaselineOnnxExporter.CanExport(model), Is.False);
        var error = Assert.Throws<NotSupportedException>(() => BaselineOnnxExporter.Export(model));
        Assert.That(error!.Message, Does.Contain(name));
    }

    // Negative ids are unknown in the graph; the library takes int indices, where they are unknown too.
    private static int Unknown(long id) => id < 0 ? 0 : (int)id;

    [TestCase("mf")]
    [TestCase("als")]
    [TestCase("ials")]
    public void The_factors_read_back_from_an_export_score_and_fold_in_as_the_model(string name)
    {
        var data = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 3000, NumberOfUsers = 100, NumberOfMovies = 90, Seed = 3 });
        var model = (MatrixFactorizationModel)BaselineCatalog.FromName(name).Fit(data.Ratings);

        var imported = BaselineOnnxExporter.ImportFactors(BaselineOnnxExporter.Export(model))!;
        int[] movies = [1, 5, 9, 12];
        float[] ratings = [4f, 2f, 5f, 3f];
        var original = model.FoldIn(movies, ratings);
        var again = imported.FoldIn(movies, ratings);

        Assert.Multiple(() =>
        {
            Assert.That(imported.Name, Is.EqualTo(name));
            Assert.That(imported.FoldInSettings, Is.EqualTo(model.FoldInSettings));
            for (int u = 0; u < 10; u++)
            {
                Assert.That(Enumerable.Range(0, 20).Select(m => imported.Predict(u, m)), Is.EqualTo(Enumerable.Range(0, 20).Select(m => model.Predict(u, m))), $"user {u}");
            }

            Assert.That(again.Vector.ToArray(), Is.EqualTo(original.Vector.ToArray()));
            Assert.That(again.Bias, Is.EqualTo(original.Bias));
            Assert.That(BaselineOnnxExporter.ImportFactors(BaselineOnnxExporter.Export(BaselineCatalog.Biases().Fit(data.Ratings))), Is.Null, "a model without factors has none to read back");
        });
    }
}
