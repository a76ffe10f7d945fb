using System.CommandLine;
using MovieRec.Onnx.Models;
using Spectre.Console;

namespace MovieRec.Cli.Commands;

/// <summary><c>movierec export</c>: writes a bundle's ONNX inference model and prints its input/output contract.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var bundle = BundleOptions.Bundle();
        var onnx = new Option<string>("--onnx") { Description = "ONNX file to write.", Required = true };
        var profile = new Option<string>("--profile")
        {
            Description = "Input shapes: onnx (one value per row as [N], for ONNX Runtime and other runtimes) or mlnet (one value per row as [N, 1], as ML.NET's ApplyOnnxModel feeds a scalar column).",
            DefaultValueFactory = _ => "onnx",
        }.OneOf("onnx", "mlnet");
        var command = new Command("export", "Write the ONNX inference model of a bundle (see onnx/README.md for its contract).") { bundle, onnx, profile };
        command.SetAction((ParseResult result) =>
        {
            string bundlePath = result.GetValue(bundle)!;
            string path = result.GetValue(onnx)!;
            OutputPaths.CheckDistinct("--onnx", path, "--bundle", bundlePath);
            OutputPaths.CheckFile("--onnx", path);
            var loaded = ModelBundle.Load(bundlePath);
            bool mlnet = string.Equals(result.GetValue(profile), "mlnet", StringComparison.OrdinalIgnoreCase);
            var exported = mlnet ? loaded.Model.WithColumnInputs() : loaded.Model;
            exported.Save(path);
            var table = new Table().Title(Markup.Escape($"{path}: {loaded.ModelKind}, opset {exported.Opset}{(mlnet ? ", ML.NET input shapes" : string.Empty)}")).AddColumn("kind").AddColumn("name").AddColumn("type");
            foreach (var input in exported.Inputs)
            {
                table.AddRow("input", Markup.Escape(input.Name), Markup.Escape(input.ToString()));
            }

            foreach (var output in exported.Outputs)
            {
                table.AddRow("output", Markup.Escape(output.Name), Markup.Escape(output.ToString()));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
