using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using MovieRec.Tests.Repository;

namespace MovieRec.Onnx.Tests;

/// <summary>
/// The C# of README.md's "Using the library" section, joined into one program as a user would paste it,
/// must compile against the packages as they are and run, so the docs cannot drift from the API.
/// </summary>
public sealed partial class ReadmeTests
{
    private const string DatasetLine = "DatasetCatalog.Load(\"ml-100k\")";

    [Test]
    public void UsingTheLibrary_Compiles()
    {
        var errors = DocPrograms.Compile(UsingTheLibrary()).Errors();
        Assert.That(errors, Is.Empty, UsingTheLibrary());
    }

    /// <summary>
    /// Runs the section's program on small synthetic data instead of ML-100K (the one line that loads it is swapped), so
    /// every model it trains trains in seconds, and checks what it computed.
    /// </summary>
    [Test]
    public void UsingTheLibrary_Runs()
    {
        string program = UsingTheLibrary();
        Assert.That(program, Does.Contain(DatasetLine), "the section loads ML-100K on one line");
        program = program.Replace(DatasetLine, "SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 4000, NumberOfUsers = 100, NumberOfMovies = 400, Seed = 7 })", StringComparison.Ordinal)
            + """

            MovieRec.Onnx.Tests.DocProgramResults.Values["rmse"] = rmse;
            MovieRec.Onnx.Tests.DocProgramResults.Values["mlnetRmse"] = mlnetRmse;
            MovieRec.Onnx.Tests.DocProgramResults.Values["hr"] = metrics["HR@10"];
            MovieRec.Onnx.Tests.DocProgramResults.Values["next"] = next.Count;
            MovieRec.Onnx.Tests.DocProgramResults.Values["textCnn"] = textCnn.ModelName;
            MovieRec.Onnx.Tests.DocProgramResults.Values["movies"] = moviePreview.RowView.Length;
            MovieRec.Onnx.Tests.DocProgramResults.Values["titleKeys"] = moviePreview.ColumnView.Any(c => c.Column.Name == "TitleKeys");
            MovieRec.Onnx.Tests.DocProgramResults.Values["users"] = userPreview.RowView.Length;
            """;

        var values = DocPrograms.Run(program);

        Assert.Multiple(() =>
        {
            Assert.That(values["rmse"], Is.InRange(0.3, 2.0));
            Assert.That(values["mlnetRmse"], Is.InRange(0.3, 2.0));
            Assert.That(values["hr"], Is.InRange(0.0, 1.0));
            Assert.That(values["next"], Is.EqualTo(5));
            Assert.That(values["textCnn"], Is.EqualTo("text-cnn"));
            Assert.That(values["movies"], Is.EqualTo(3));
            Assert.That(values["titleKeys"], Is.True);
            Assert.That(values["users"], Is.EqualTo(3));
        });
    }

    private static string UsingTheLibrary()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        int start = readme.IndexOf("\n## Using the library", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), "README.md has a \"Using the library\" section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = readme[start..(end < 0 ? readme.Length : end)];
        var blocks = CSharpBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(2), "the section's csharp blocks");

        var lines = blocks.SelectMany(b => b.Split('\n')).ToList();
        var directives = lines.Where(l => UsingDirective().IsMatch(l)).Distinct();
        var statements = lines.Where(l => !UsingDirective().IsMatch(l));
        return string.Join('\n', directives) + "\n" + string.Join('\n', statements);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^using [\w.]+;\s*$")]
    private static partial Regex UsingDirective();
}
