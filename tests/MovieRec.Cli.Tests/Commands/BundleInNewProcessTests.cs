namespace MovieRec.Cli.Tests.Commands;

/// <summary>A bundle saved by one process gives the same recommendations when a new process loads it.</summary>
[TestFixture]
public sealed class BundleInNewProcessTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Recommend_and_similar_print_the_same_tables_in_a_new_process()
    {
        string bundle = Path.Combine(_folder, "model.zip");
        var (trainCode, trainOutput) = CliRunner.Run("train", "--model", "text-cnn", "--data", "synthetic", "--ratings", "3000", "--epochs", "1", "--threads", "1", "--output", bundle);
        Assert.That(trainCode, Is.Zero, trainOutput);

        foreach (string[] command in new[]
        {
            new[] { "recommend", "--bundle", bundle, "--user", "3", "-k", "15" },
            new[] { "similar", "--bundle", bundle, "--movie", "2", "-k", "15" },
        })
        {
            var (code, inProcess) = CliRunner.Run(command);
            Assert.That(code, Is.Zero, inProcess);

            string child = RunInNewProcess(command);

            var rows = Normalise(inProcess);
            Assert.That(rows.Count(r => r.Contains('.', StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(15), "one scored row per recommendation");
            Assert.That(Normalise(child), Is.EqualTo(rows), string.Join(' ', command));
        }
    }

    private static string RunInNewProcess(string[] args)
    {
        var (code, stdout, stderr) = CliRunner.RunInNewProcess(new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" }, args);
        Assert.That(code, Is.Zero, stdout + stderr);
        return stdout;
    }

    // Table borders and widths depend on the terminal; the rows' cells do not.
    private static string[] Normalise(string output) =>
        output.Split('\n')
            .Select(line => string.Join(' ', line.Split(['│', '|', '┃'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .Where(line => line.Length > 0 && line.Any(char.IsLetterOrDigit))
            .ToArray();
}
