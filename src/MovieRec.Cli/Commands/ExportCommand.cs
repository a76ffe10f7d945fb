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
        var command = new Command("export", "Write the ONNX inference model of a bundle (see onnx/README.md for its contract).") { bundle, onnx };
        command.SetAction((ParseResult result) =>
        {
            string bundlePath = result.GetValue(bundle)!;
            string path = result.GetValue(onnx)!;
            OutputPaths.CheckDistinct("--onnx", path, "--bundle", bundlePath);
            OutputPaths.CheckFile("--onnx", path);
            var loaded = ModelBundle.Load(bundlePath);
            loaded.Model.Save(path);
            var table = new Table().Title(Markup.Escape($"{path}: {loaded.ModelKind}, opset {loaded.Model.Opset}")).AddColumn("kind").AddColumn("name").AddColumn("type");
            foreach (var input in loaded.Model.Inputs)
            {
                table.AddRow("input", Markup.Escape(input.Name), Markup.Escape(input.ToString()));
            }

            foreach (var output in loaded.Model.Outputs)
            {
                table.AddRow("output", Markup.Escape(output.Name), Markup.Escape(output.ToString()));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
