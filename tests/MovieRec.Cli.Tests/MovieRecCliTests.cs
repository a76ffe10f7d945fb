namespace MovieRec.Cli.Tests;

[TestFixture]
public sealed class MovieRecCliTests
{
    [Test]
    public async Task Help_ListsTheCommands()
    {
        var (code, output) = await CliRunner.RunAsync("--help");

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("info").And.Contain("data").And.Contain("evaluate"));
    }

    [Test]
    public async Task Version_PrintsTheAssemblyVersion()
    {
        var (code, output) = await CliRunner.RunAsync("--version");

        Assert.That(code, Is.Zero);
        Assert.That(output.Trim(), Does.StartWith(typeof(MovieRecCli).Assembly.GetName().Version!.ToString(3)));
    }

    [Test]
    public async Task Info_ReportsTheRuntimeCudaAndDatasets()
    {
        var (code, output) = await CliRunner.RunAsync("info");

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("1.32.0"), "ONNX Runtime version");
        Assert.That(output, Does.Contain("Microsoft.ML.OnnxRuntime.Managed 1.32.0"));
        Assert.That(output, Does.Contain("CUDA").And.Contain("cannot be started"));
        Assert.That(output, Does.Contain("ml-100k").And.Contain("synthetic"));
    }

    [Test]
    public async Task UnknownCommand_FailsWithUsageError()
    {
        var (code, output) = await CliRunner.RunAsync("no-such-command");

        Assert.That(code, Is.Not.Zero);
        Assert.That(output, Does.Contain("no-such-command").Or.Contain("Unrecognized"));
    }
}
