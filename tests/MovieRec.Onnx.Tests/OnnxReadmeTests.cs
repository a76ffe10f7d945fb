using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using MovieRec.Onnx.Export;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Tests.Models;
using MovieRec.Tests.Repository;

namespace MovieRec.Onnx.Tests;

/// <summary>
/// The ML.NET programs of onnx/README.md, compiled and run as they are written, against models exported with the
/// ML.NET profile: what they print must be the library's own scores.
/// </summary>
[NonParallelizable]
public sealed partial class OnnxReadmeTests
{
    private string _folder = null!;
    private DeepRatingModel _mf = null!;

    [OneTimeSetUp]
    public void ExportModels()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-onnx-readme-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var text = TinyModels.TextCnn;
        text.Save(Path.Combine(_folder, "model.zip"));
        text.Bundle.Model.WithColumnInputs().Save(Path.Combine(_folder, "model.onnx"));
        _mf = BaselineBundleTrainer.Create("mf", seed: 2).Fit(TinyModels.Dataset, TinyModels.Train);
        _mf.Bundle.Model.WithColumnInputs().Save(Path.Combine(_folder, "mf.onnx"));
    }

    [OneTimeTearDown]
    public void Remove()
    {
        _mf.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void The_deep_model_program_prints_the_library_rating()
    {
        Assert.That(TinyModels.TextCnn.Bundle.MovieFeatureWidth, Is.EqualTo(34), "the program copies the default schema's 1 + 18 + 15 columns");

        string output = Run(Block("model.onnx"));

        float expected = TinyModels.TextCnn.Predict(1, 2);
        Assert.That(Numbers(output, "rating"), Has.Count.EqualTo(1).And.All.EqualTo(expected).Within(1e-5), output);
    }

    [Test]
    public void The_classical_model_program_prints_the_library_scores()
    {
        string output = Run(Block("mf.onnx"));

        Assert.That(Numbers(output, "score"), Is.EqualTo(new[] { _mf.Predict(1, 2), _mf.Predict(3, 4) }).Within(1e-5), output);
    }

    [Test]
    public void The_profile_changes_the_input_shapes_only()
    {
        var plain = TinyModels.TextCnn.Bundle.Model;
        var profiled = plain.WithColumnInputs();

        Assert.Multiple(() =>
        {
            Assert.That(profiled.Inputs.Single(i => i.Name == "user_id").Shape.Select(d => d.ToString()), Is.EqualTo(new[] { "N", "1" }));
            Assert.That(profiled.Inputs.Single(i => i.Name == "genres").Shape, Is.EqualTo(plain.Inputs.Single(i => i.Name == "genres").Shape));
            Assert.That(profiled.Outputs.Select(o => o.ToString()), Is.EqualTo(plain.Outputs.Select(o => o.ToString())));
            Assert.That(profiled.Metadata[OnnxModel.ProfileKey], Is.EqualTo("mlnet"));
        });
    }

    private static string Block(string modelFile)
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "onnx", "README.md"));
        var blocks = CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value).Where(b => b.Contains($"modelFile: \"{modelFile}\"", StringComparison.Ordinal)).ToList();
        Assert.That(blocks, Has.Count.EqualTo(1), $"onnx/README.md has one ML.NET program reading {modelFile}");
        return blocks[0];
    }

    /// <summary>Compiles a program as a new console app would (implicit usings), runs it in the models' folder and returns what it printed.</summary>
    private string Run(string program)
    {
        var compilation = DocPrograms.Compile(program);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.That(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty, program);

        var entry = Assembly.Load(image.ToArray()).EntryPoint!;
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var previousOut = Console.Out;
        string previousFolder = Environment.CurrentDirectory;
        try
        {
            Console.SetOut(writer);
            Environment.CurrentDirectory = _folder;
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        }
        finally
        {
            Environment.CurrentDirectory = previousFolder;
            Console.SetOut(previousOut);
        }

        return writer.ToString();
    }

    private static List<float> Numbers(string output, string label) =>
        [.. Regex.Matches(output, label + @" (\S+)").Select(m => float.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
