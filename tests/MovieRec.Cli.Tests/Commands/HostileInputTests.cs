using System.Text;
using MovieRec.Data;
using MovieRec.Tests.Hostile;

namespace MovieRec.Cli.Tests.Commands;

/// <summary>
/// Input made to break the tool: titles carrying terminal escape sequences, counts far past the catalogue, empty
/// option values, outputs that are pipes, inputs that are devices. Each ends in a correct result or one sentence with
/// exit code 1 or 2, and nothing from the data reaches the terminal as a control sequence.
/// </summary>
[TestFixture]
public sealed class HostileInputTests
{
    private const string Escapes = "\u001b[2J\u001b]0;PWNED\u0007";
    private string _folder = null!;
    private string _bundle = null!;

    [OneTimeSetUp]
    public void TrainOnAHostileTitle()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-hostile-" + Guid.NewGuid().ToString("N"));
        string data = Path.Combine(_folder, "data");
        DatasetWriter.WriteMovieLensCsv(SyntheticDataset.Generate(3000, seed: 6), data);
        string movies = Path.Combine(data, "movies.csv");
        var lines = File.ReadAllLines(movies, Encoding.UTF8);
        int comma = lines[1].IndexOf(',', StringComparison.Ordinal);
        lines[1] = lines[1][..(comma + 1)] + "\"Clear" + Escapes + "Title (1999)\"" + lines[1][lines[1].IndexOf(',', comma + 1)..];
        File.WriteAllLines(movies, lines, new UTF8Encoding(false));
        _bundle = Path.Combine(_folder, "mf.zip");
        var (code, output) = CliRunner.Run("train", "--model", "mf", "--data", data, "--output", _bundle);
        Assert.That(code, Is.Zero, output);
    }

    [OneTimeTearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Titles_from_data_reach_the_terminal_without_their_control_characters()
    {
        var (recommend, recommendOutput) = CliRunner.Run("recommend", "--bundle", _bundle, "--user", "1", "--include-seen", "-k", "2147483647");
        var (alsoLiked, alsoLikedOutput) = CliRunner.Run("also-liked", "--bundle", _bundle, "--movie", "1", "-k", "2147483647", "--pool", "2147483647", "--users", "2147483647");
        var (similar, similarOutput) = CliRunner.Run("similar", "--bundle", _bundle, "--movie", "2", "-k", "2147483647");

        Assert.Multiple(() =>
        {
            Assert.That((recommend, alsoLiked, similar), Is.EqualTo((0, 0, 0)), recommendOutput + alsoLikedOutput + similarOutput);
            foreach (string output in new[] { recommendOutput, alsoLikedOutput, similarOutput })
            {
                Assert.That(output, Does.Not.Contain("\u001b").And.Not.Contain("\u0007"));
            }

            Assert.That(recommendOutput + similarOutput, Does.Contain("PWNED"), "the title is shown, its escapes replaced");
        });
    }

    [Test]
    public void An_empty_output_name_is_an_error_not_a_silent_success()
    {
        var (code, output) = CliRunner.Run("train", "--model", "mf", "--output", "");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Does.StartWith("error: --output is empty; expected a file name for the model bundle."));
    }

    [Test]
    public void Outputs_that_are_pipes_are_refused_and_left_alone()
    {
        if (!SpecialFiles.Supported)
        {
            Assert.Ignore("Pipes are made with mkfifo (Linux and macOS).");
        }

        string pipe = Path.Combine(_folder, "out.pipe");
        SpecialFiles.MakePipe(pipe);

        var (train, trainOutput) = CliRunner.Run("train", "--model", "mf", "--output", pipe);
        var (export, exportOutput) = CliRunner.Run("export", "--bundle", _bundle, "--onnx", pipe);

        Assert.Multiple(() =>
        {
            Assert.That((train, export), Is.EqualTo((2, 2)));
            Assert.That(trainOutput, Does.Contain($"--output '{pipe}' is a pipe, not a regular file; refusing to replace it."));
            Assert.That(exportOutput, Does.Contain($"--onnx '{pipe}' is a pipe, not a regular file; refusing to replace it."));
            Assert.That(new FileInfo(pipe).Length, Is.Zero, "nothing was written in the pipe's place");
        });
    }

    [Test]
    public void Descriptions_from_a_device_are_refused_at_once()
    {
        if (!SpecialFiles.Supported)
        {
            Assert.Ignore("/dev/zero exists on Linux and macOS.");
        }

        var (code, output) = CliRunner.Run("train", "--model", "seq-cnn", "--ratings", "2000", "--epochs", "1", "--descriptions", "/dev/zero", "--output", Path.Combine(_folder, "s.zip"));

        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("error: --descriptions '/dev/zero' is a device, not a regular file"));
    }
}
