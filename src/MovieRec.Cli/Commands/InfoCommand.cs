using System.CommandLine;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Data;
using MovieRec.Onnx.Runtime;
using Spectre.Console;

namespace MovieRec.Cli.Commands;

/// <summary><c>movierec info</c>: the ONNX Runtime in use, whether CUDA could be enabled, and the datasets found.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Show the ONNX Runtime version and build, whether CUDA can be used, and which datasets are present.");
        command.SetAction((ParseResult _, CancellationToken _) => Task.FromResult(Run()));
        return command;
    }

    private static int Run()
    {
        var console = AnsiConsole.Console;
        var version = typeof(InfoCommand).Assembly.GetName().Version?.ToString(3) ?? "?";
        console.MarkupLineInterpolated($"[bold]MovieRec[/] {version} on .NET {Environment.Version} ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier})");
        console.WriteLine();

        var runtime = new Table().Border(TableBorder.Rounded).Title("ONNX Runtime").AddColumn("item").AddColumn("value");
        try
        {
            runtime.AddRow("version", Markup.Escape(OnnxRuntimeInfo.Version));
            runtime.AddRow("managed API", Markup.Escape("Microsoft.ML.OnnxRuntime.Managed " + OnnxRuntimeInfo.ManagedVersion));
            runtime.AddRow("providers", Markup.Escape(string.Join(", ", OnnxRuntimeInfo.AvailableProviders)));
            bool cuda = OnnxRuntimeInfo.TryStartCuda(0, out string? reason);
            runtime.AddRow("CUDA", cuda ? "[green]started on device 0[/]; --device auto trains there" : $"[yellow]cannot be started[/]: {Markup.Escape(reason ?? string.Empty)}; models run on the CPU");
        }
        catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or OnnxRuntimeException or TypeInitializationException or EntryPointNotFoundException)
        {
            runtime.AddRow("status", $"[red]not loaded[/]: {Markup.Escape(e.InnerException?.Message ?? e.Message)}");
        }

        console.Write(runtime);
        console.WriteLine();

        string? env = Environment.GetEnvironmentVariable(DataDefaults.DataEnvironmentVariable);
        console.MarkupLineInterpolated($"Data folder ({DataDefaults.DataEnvironmentVariable}): {(string.IsNullOrWhiteSpace(env) ? "not set" : env)}");
        console.MarkupLineInterpolated($"Download cache: {DatasetCatalog.CacheRoot}");
        var datasets = new Table().Border(TableBorder.Rounded).Title("Datasets").AddColumn("name").AddColumn("found at").AddColumn("description");
        foreach (var info in DatasetCatalog.Known)
        {
            string where = info.Format == DatasetFormat.Synthetic
                ? "[green]built in[/]"
                : DatasetCatalog.Resolve(info.Name) is { } folder
                    ? $"[green]{Markup.Escape(folder)}[/]"
                    : $"[grey]absent[/] (movierec data fetch {info.Name})";
            datasets.AddRow(Markup.Escape(info.Name), where, Markup.Escape(info.Description));
        }

        console.Write(datasets);
        return 0;
    }
}
