using System.Globalization;
using System.Text.RegularExpressions;
using MovieRec.Baselines;
using MovieRec.Onnx.Export;
using MovieRec.Onnx.Models;
using MovieRec.Tests.Docs;
using MovieRec.Tests.Models;
using MovieRec.Tests.Repository;

namespace MovieRec.Onnx.Tests;

/// <summary>
/// Every C# block of README.md, onnx/README.md and each package's PACKAGE.md, compiled as it is written into a new
/// console app (its own usings, the SDK's implicit ones) and run, on small synthetic data in place of ML-100K, in a
/// folder holding the files the blocks name. What each prints is checked: ranges for measurements, the library's own
/// scores for the ONNX programs.
/// </summary>
[NonParallelizable]
public sealed partial class DocsTests
{
    private const string DatasetLine = "DatasetCatalog.Load(\"ml-100k\")";
    private const string Synthetic = "SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 4000, NumberOfUsers = 100, NumberOfMovies = 400, Seed = 7 })";

    private string _folder = null!;
    private BundleModel _mf = null!;

    public static IEnumerable<TestCaseData> Blocks()
    {
        string root = RepositoryRoot.Path;
        var files = new[] { "README.md", Path.Combine("onnx", "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "src"), "PACKAGE.md", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal));
        foreach (string file in files)
        {
            var blocks = CSharpBlock().Matches(File.ReadAllText(Path.Combine(root, file))).Select(m => m.Groups[1].Value).ToList();
            for (int i = 0; i < blocks.Count; i++)
            {
                yield return new TestCaseData(file.Replace('\\', '/'), i).SetArgDisplayNames(file.Replace('\\', '/'), $"block {i + 1}");
            }
        }
    }

    [OneTimeSetUp]
    public void WriteTheFilesTheBlocksRead()
    {
        _folder = Directory.CreateTempSubdirectory("movierec-docs-").FullName;
        var data = TinyModels.Dataset;
        TinyModels.TextCnn.Bundle.ToOnnx().Save(Path.Combine(_folder, "model.onnx"));
        _mf = BaselineBundleTrainer.Create("mf", seed: 2).Fit(data, TinyModels.Train);
        _mf.Bundle.ToOnnx().Save(Path.Combine(_folder, "mf.onnx"));
        File.WriteAllLines(Path.Combine(_folder, "pairs.csv"), ["userId,movieId", "1,2", "3,4", "999999,2"]);
        var r = data.Ratings;
        File.WriteAllLines(Path.Combine(_folder, "ratings.csv"), ["userId,movieId,rating,timestamp", .. Enumerable.Range(0, r.Count).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{data.UserIds.RawIdOf(r.Users[i])},{data.MovieIds.RawIdOf(r.Movies[i])},{r.Ratings[i]},{r.Timestamps[i]}"))]);
    }

    [OneTimeTearDown]
    public void Remove()
    {
        _mf?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [TestCaseSource(nameof(Blocks))]
    public void A_block_compiles_and_runs_as_pasted_into_a_new_console_app(string file, int index)
    {
        string block = CSharpBlock().Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, file)))[index].Groups[1].Value;
        Assert.That(DocPrograms.Compile(block).Errors(), Is.Empty, block);

        string output = DocPrograms.Run(block.Replace(DatasetLine, Synthetic, StringComparison.Ordinal), _folder);

        var checks = Expectations().Where(e => e.Pattern.IsMatch(output)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Not.Contain("NaN"), block);
            Assert.That(checks, Is.Not.Empty, $"{file} block {index + 1} printed what no check of this test reads:\n{output}");
            foreach (var (pattern, check) in checks)
            {
                foreach (Match match in pattern.Matches(output))
                {
                    check(match);
                }
            }
        });
    }

    private IEnumerable<(Regex Pattern, Action<Match> Check)> Expectations()
    {
        var data = TinyModels.Dataset;
        var text = TinyModels.TextCnn;
        yield return (new Regex(@"mf: test RMSE (\S+)"), m => Assert.That(Number(m, 1), Is.InRange(0.3, 2.0), m.Value));
        yield return (new Regex(@"neumf: HR@10 (\S+), NDCG@10 (\S+)"), m => Assert.That(new[] { Number(m, 1), Number(m, 2) }, Has.All.InRange(0.0, 1.0), m.Value));
        yield return (new Regex(@"(\S+) \(([^)]*)\): Recall@20 (\S+), NDCG@20 (\S+)"), m =>
        {
            Assert.That(new[] { Number(m, 3), Number(m, 4) }, Has.All.InRange(0.0, 1.0), m.Value);
            if (m.Groups[1].Value == "ease")
            {
                Assert.That(BaselineSearchSpaces.For("ease").Select(c => c.Label), Does.Contain(m.Groups[2].Value), "the chosen settings are a candidate of the grid");
            }
        });
        yield return (new Regex(@"after liking [^:]+: (.*)"), m => Assert.That(m.Groups[1].Value.Split("; "), Has.Length.EqualTo(5), m.Value));
        yield return (new Regex(@"ML\.NET: mf test RMSE (\S+), (\d+) factors; text-cnn ready to fit"), m => Assert.That(Number(m, 1), Is.InRange(0.3, 2.0), m.Value));
        yield return (new Regex(@"3 movies and 3 users encoded; movie columns .*TitleKeys"), _ => { });
        yield return (new Regex(@"user (-?\d+), movie (\d+): rating (\S+)"), m =>
            Assert.That(Number(m, 3), Is.EqualTo(text.Predict(data.UserIds.IndexOf(Id(m, 1)), data.MovieIds.IndexOf(Id(m, 2)))).Within(1e-5), m.Value));
        yield return (new Regex(@"new user, movie 2: rating (\S+)"), m =>
        {
            var scores = new float[text.MovieIndexBound];
            text.ScoreAll(FeatureTables.NewUserRow(gender: 0, ageGroup: 2, occupation: 4), scores);
            Assert.That(Number(m, 1), Is.EqualTo(scores[data.MovieIds.IndexOf(2)]).Within(1e-5), m.Value);
        });
        yield return (new Regex(@"user (\d+), movie (\d+): score (\S+)"), m =>
            Assert.That(Number(m, 3), Is.EqualTo(_mf.Predict(data.UserIds.IndexOf(Id(m, 1)), data.MovieIds.IndexOf(Id(m, 2)))).Within(1e-5), m.Value));
    }

    private static double Number(Match match, int group) => double.Parse(match.Groups[group].Value.TrimEnd(','), CultureInfo.InvariantCulture);

    private static long Id(Match match, int group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
