using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Data;
using MovieRec.MLNet;
using MovieRec.Onnx.Models;

namespace MovieRec.Onnx.Tests.Export;

/// <summary>
/// The default export of every model that trains into a bundle takes the dataset's own ids: ONNX Runtime fed the raw
/// ids and ML.NET fed plain TextLoader columns both score as the library does, ids the model lacks included.
/// </summary>
[TestFixture("synthetic")]
[TestFixture("ml-latest-small")]
public sealed class RawIdExportTests(string datasetName)
{
    private const float Tolerance = 1e-4f;
    private RecommendationDataset _dataset = null!;
    private RatingsTable _train = null!;
    private string _folder = null!;

    public static IEnumerable<string> ModelNames => new MLContext().MovieRec().BundleModelNames;

    [OneTimeSetUp]
    public void LoadData()
    {
        if (datasetName == "synthetic")
        {
            _dataset = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 3000, NumberOfUsers = 90, NumberOfMovies = 70, Seed = 4 });
            _train = _dataset.Ratings;
        }
        else
        {
            string? root = Environment.GetEnvironmentVariable("MOVIEREC_DATA");
            string folder = root is null ? string.Empty : Path.Combine(root, datasetName);
            if (!File.Exists(Path.Combine(folder, "ratings.csv")))
            {
                Assert.Ignore($"MOVIEREC_DATA does not hold {datasetName}/ratings.csv; real-data export test skipped.");
            }

            // A random 3,000 of its ratings keep training short; the ids are the dataset's own (not 1..N).
            _dataset = DatasetCatalog.Load(datasetName, folder);
            var random = new Random(4);
            int[] rows = [.. Enumerable.Range(0, _dataset.Ratings.Count).OrderBy(_ => random.Next()).Take(3000).Order()];
            _train = _dataset.Ratings.Subset(rows);
        }

        _folder = Directory.CreateTempSubdirectory("movierec-raw-ids-").FullName;
    }

    [OneTimeTearDown]
    public void RemoveFolder()
    {
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestCaseSource(nameof(ModelNames))]
    public void Onnx_Runtime_and_MLNet_fed_raw_ids_score_as_the_library(string modelName)
    {
        var trainer = new MLContext().MovieRec().CreateBundleTrainer(modelName, new DeepTrainingSettings { Training = t => t with { Epochs = 1, NumberOfThreads = 1, Seed = 2 } });
        using var model = trainer.Fit(_dataset, _train);
        string path = Path.Combine(_folder, modelName + ".onnx");
        model.Bundle.ToOnnx().Save(path);

        // Known users and movies, users of the dataset absent from training, and ids the dataset does not have.
        var random = new Random(9);
        long[] userIds = [.. Enumerable.Range(0, 60).Select(_ => _dataset.UserIds.RawIdOf(random.Next(1, _dataset.UserIds.IndexCount))), 0, -7, 10_000_000];
        long[] movieIds = [.. Enumerable.Range(0, userIds.Length - 3).Select(_ => _dataset.MovieIds.RawIdOf(random.Next(1, _dataset.MovieIds.IndexCount))), 5, 10_000_001, 0];
        float[] expected = new float[userIds.Length];
        model.Predict([.. userIds.Select(_dataset.UserIds.IndexOf)], [.. movieIds.Select(_dataset.MovieIds.IndexOf)], expected);

        string output = model.Bundle.ScoreOutput;
        float[] runtime = RunOnnxRuntime(path, output, userIds, movieIds);
        float[] mlnet = RunMLNet(path, output, userIds, movieIds);

        Assert.Multiple(() =>
        {
            Assert.That(runtime, Is.EqualTo(expected).Within(Tolerance), "ONNX Runtime fed raw ids");
            Assert.That(mlnet, Is.EqualTo(expected).Within(Tolerance), "ML.NET fed TextLoader columns");
            Assert.That(expected, Has.All.Matches<float>(float.IsFinite));
        });
    }

    [Test]
    public void A_new_users_demographics_are_optional_inputs_that_score_as_the_library_scores_a_new_user()
    {
        if (_dataset.Users is null)
        {
            Assert.Ignore($"Dataset '{_dataset.Name}' has no demographics.");
        }

        var trainer = new MLContext().MovieRec().CreateBundleTrainer("lstm-cnn", new DeepTrainingSettings { Training = t => t with { Epochs = 1, NumberOfThreads = 1, Seed = 2 } });
        using var model = trainer.Fit(_dataset, _train);
        string path = Path.Combine(_folder, "lstm-demographics.onnx");
        var exported = model.Bundle.ToOnnx();
        exported.Save(path);
        long[] row = FeatureTables.NewUserRow(model.Bundle, "F", 30, 3);
        var scores = new float[model.MovieIndexBound];
        model.ScoreAll(row, scores);
        long[] movies = [.. Enumerable.Range(1, 5).Select(m => _dataset.MovieIds.RawIdOf(m))];
        float[] known = new float[movies.Length];
        int knownUser = 1;
        model.Predict([.. Enumerable.Repeat(knownUser, movies.Length)], [.. Enumerable.Range(1, movies.Length)], known);

        using var session = new InferenceSession(path);
        float[] newUser = Run(session, "rating", [.. Enumerable.Repeat(-1L, movies.Length)], movies, new Dictionary<string, long> { ["gender"] = row[1], ["age_group"] = row[2], ["occupation"] = row[3] });
        float[] notGiven = Run(session, "rating", [.. Enumerable.Repeat(_dataset.UserIds.RawIdOf(knownUser), movies.Length)], movies, []);
        string csv = Path.Combine(_folder, "new-user.csv");
        File.WriteAllLines(csv, ["user_id,movie_id,gender,age_group,occupation", .. movies.Select(m => string.Create(CultureInfo.InvariantCulture, $"-1,{m},{row[1]},{row[2]},{row[3]}"))]);
        var ml = new MLContext();
        string[] columns = [ModelBundle.UserIdInput, ModelBundle.MovieIdInput, "gender", "age_group", "occupation"];
        var data = ml.Data.LoadFromTextFile(csv, [.. columns.Select((c, i) => new TextLoader.Column(c, DataKind.Int64, i))], separatorChar: ',', hasHeader: true);
        using var mlModel = ml.Transforms.ApplyOnnxModel(["rating"], columns, path, gpuDeviceId: null, fallbackToCpu: false).Fit(data);
        float[] mlnet = [.. mlModel.Transform(data).GetColumn<float[]>("rating").Select(v => v.Single())];

        Assert.Multiple(() =>
        {
            Assert.That(exported.OptionalInputs.Select(i => i.Name), Is.EquivalentTo(new[] { "gender", "age_group", "occupation" }));
            Assert.That(exported.Inputs.Select(i => i.Name), Is.EqualTo(new[] { ModelBundle.UserIdInput, ModelBundle.MovieIdInput }));
            Assert.That(newUser, Is.EqualTo(Enumerable.Range(1, movies.Length).Select(m => scores[m])).Within(Tolerance), "an unknown id with demographics scores as a new user");
            Assert.That(mlnet, Is.EqualTo(newUser).Within(Tolerance), "ML.NET feeds the optional inputs from columns too");
            Assert.That(notGiven, Is.EqualTo(known).Within(Tolerance), "without them a known user reads their own row");
        });
    }

    private static float[] RunOnnxRuntime(string path, string output, long[] users, long[] movies)
    {
        using var session = new InferenceSession(path);
        return Run(session, output, users, movies, []);
    }

    private static float[] Run(InferenceSession session, string output, long[] users, long[] movies, Dictionary<string, long> given)
    {
        // Every input takes [N, 1]: one value per row, as ML.NET feeds a column.
        long[] shape = [users.Length, 1];
        var names = new List<string> { ModelBundle.UserIdInput, ModelBundle.MovieIdInput };
        var values = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(users, shape), OrtValue.CreateTensorValueFromMemory(movies, shape) };
        foreach (var (name, value) in given)
        {
            names.Add(name);
            values.Add(OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(value, users.Length).ToArray(), shape));
        }

        try
        {
            using var options = new RunOptions();
            using var results = session.Run(options, names, values, [output]);
            return results[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    private float[] RunMLNet(string path, string output, long[] users, long[] movies)
    {
        string csv = Path.Combine(_folder, "pairs.csv");
        File.WriteAllLines(csv, ["user_id,movie_id", .. users.Select((u, i) => string.Create(CultureInfo.InvariantCulture, $"{u},{movies[i]}"))]);
        var ml = new MLContext();
        var data = ml.Data.LoadFromTextFile(csv, [new TextLoader.Column("user_id", DataKind.Int64, 0), new TextLoader.Column("movie_id", DataKind.Int64, 1)], separatorChar: ',', hasHeader: true);
        var model = ml.Transforms.ApplyOnnxModel([output], [ModelBundle.UserIdInput, ModelBundle.MovieIdInput], path, gpuDeviceId: null, fallbackToCpu: false).Fit(data);
        try
        {
            return [.. model.Transform(data).GetColumn<float[]>(output).Select(v => v.Single())];
        }
        finally
        {
            model.Dispose();
        }
    }
}
