using MovieRec.Data;

namespace MovieRec.Cli.Tests.Commands;

/// <summary>What a person sees: one plain sentence per error, plain text when asked, <c>--data</c> read the same way by every command.</summary>
[TestFixture]
public sealed class ConsoleAndErrorsTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-console-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Train_reads_a_dataset_folder_as_evaluate_does()
    {
        string data = Path.Combine(_folder, "ml-1m-format");
        DatasetWriter.WriteMovieLens1M(SyntheticDataset.Generate(3000, seed: 4), data);
        string bundle = Path.Combine(_folder, "model.zip");

        var (code, output) = CliRunner.Run("train", "--model", "text-cnn", "--data", data, "--epochs", "1", "--threads", "1", "--output", bundle);

        Assert.That(code, Is.Zero, output);
        Assert.That(File.Exists(bundle), Is.True);
    }

    [Test]
    public void An_option_that_does_not_apply_is_an_error_not_ignored()
    {
        var (path, pathOutput) = CliRunner.Run("train", "--model", "text-cnn", "--data", "synthetic", "--path", _folder, "--output", Path.Combine(_folder, "m.zip"));
        var (ratings, ratingsOutput) = CliRunner.Run("train", "--model", "text-cnn", "--data", _folder, "--ratings", "5000", "--output", Path.Combine(_folder, "m.zip"));

        Assert.Multiple(() =>
        {
            Assert.That(path, Is.EqualTo(2), pathOutput);
            Assert.That(pathOutput, Does.Contain("--path").And.Contain("does not apply to --data synthetic"));
            Assert.That(ratings, Is.EqualTo(2), ratingsOutput);
            Assert.That(ratingsOutput, Does.Contain("--ratings 5000 sets the size of --data synthetic only"));
        });
    }

    [Test]
    public void Out_of_range_option_errors_are_one_sentence_without_dotnet_suffixes()
    {
        var (code, output) = CliRunner.Run("train", "--model", "lstm-cnn", "--data", "synthetic", "--ratings", "3000", "--epochs", "0", "--output", Path.Combine(_folder, "m.zip"));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("error: --epochs 0 is out of range; expected 1 or more."));
            Assert.That(output, Does.Not.Contain("Actual value was").And.Not.Contain("(Parameter"));
        });
    }

    [Test]
    public void Exit_codes_say_usage_or_failure_the_same_way_in_every_command()
    {
        var (unknownOption, unknownOptionOutput) = CliRunner.Run("train", "--bogus");
        var (badChoice, badChoiceOutput) = CliRunner.Run("evaluate", "--protocol", "nope");
        var (unknownModel, unknownModelOutput) = CliRunner.Run("evaluate", "--data", "synthetic", "--models", "nope");
        var (missingFile, missingFileOutput) = CliRunner.Run("recommend", "--bundle", Path.Combine(_folder, "absent.zip"), "--user", "1");
        var (notANumber, notANumberOutput) = CliRunner.Run("train", "--lr", "abc", "--epochs", "1.5");

        Assert.Multiple(() =>
        {
            Assert.That(unknownOption, Is.EqualTo(MovieRecCli.Usage), unknownOptionOutput);
            Assert.That(unknownOptionOutput, Does.Contain("--bogus").And.Contain("See 'movierec train --help'."));
            Assert.That(badChoice, Is.EqualTo(MovieRecCli.Usage), badChoiceOutput);
            Assert.That(unknownModel, Is.EqualTo(MovieRecCli.Usage), unknownModelOutput);
            Assert.That(missingFile, Is.EqualTo(MovieRecCli.Failure), missingFileOutput);
            Assert.That(missingFileOutput, Does.Contain("absent.zip"));
            Assert.That(notANumber, Is.EqualTo(MovieRecCli.Usage), notANumberOutput);
            Assert.That(notANumberOutput, Does.Contain("'abc' for option '--lr' as a number").And.Contain("'1.5' for option '--epochs' as a whole number"));
            Assert.That(notANumberOutput, Does.Not.Contain("System."), "no .NET type names");
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void No_color_or_redirected_output_is_plain_text(bool noColor)
    {
        var (code, stdout, stderr) = CliRunner.RunInNewProcess(new Dictionary<string, string?> { ["NO_COLOR"] = noColor ? "1" : null }, "data", "info", "synthetic");

        Assert.That(code, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Contain("synthetic"), "the command printed its table");
        Assert.That(stdout + stderr, Does.Not.Contain("\u001b"), "no escape code reaches a pipe");
    }
}
