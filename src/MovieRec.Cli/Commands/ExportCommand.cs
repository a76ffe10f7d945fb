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
        var onnx = new Option<string>("--onnx") { Description = "ONNX file to write.", Required = true }.NotBlank("a file name for the ONNX model");
        var profile = new Option<string>("--profile")
        {
            Description = "Inputs: ids (the dataset's user and movie ids as int64 [N, 1], features looked up inside the model; ONNX Runtime and ML.NET's ApplyOnnxModel), indices (the model's dense indices and encoded features, [N] per value) or indices-mlnet (the same as [N, 1]).",
            DefaultValueFactory = _ => "ids",
        }.OneOf("ids", "indices", "indices-mlnet");
        var command = new Command("export", "Write the ONNX inference model of a bundle (see onnx/README.md for its contract).") { bundle, onnx, profile };
        command.SetAction((ParseResult result) =>
        {
            string bundlePath = result.GetValue(bundle)!;
            string path = result.GetValue(onnx)!;
            OutputPaths.CheckDistinct("--onnx", path, "--bundle", bundlePath);
            OutputPaths.CheckFile("--onnx", path);
            var loaded = ModelBundle.Load(bundlePath);
            var (chosen, what) = result.GetValue(profile)!.ToLowerInvariant() switch
            {
                "indices" => (OnnxExportProfile.Indices, "dense indices and encoded features"),
                "indices-mlnet" => (OnnxExportProfile.IndicesColumns, "dense indices and encoded features, ML.NET's shapes"),
                _ => (OnnxExportProfile.Ids, "the dataset's ids"),
            };
            var exported = loaded.ToOnnx(chosen);
            exported.Save(path);
            var table = new Table().Title(Markup.Escape($"{path}: {loaded.ModelKind}, opset {exported.Opset}, inputs: {what}")).AddColumn("kind").AddColumn("name").AddColumn("type");
            foreach (var input in exported.Inputs)
            {
                table.AddRow("input", Markup.Escape(input.Name), Markup.Escape(input.ToString()));
            }

            foreach (var input in exported.OptionalInputs)
            {
                table.AddRow("optional input", Markup.Escape(input.Name), Markup.Escape($"{input} (default {ModelBundle.NotGiven}: the user's own)"));
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
