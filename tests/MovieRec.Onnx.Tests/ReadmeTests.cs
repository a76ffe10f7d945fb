using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using MovieRec.Tests.Repository;

namespace MovieRec.Onnx.Tests;

/// <summary>
/// The C# of README.md's "Using the library" section, joined into one program as a user would paste it,
/// must compile against the packages as they are, so the docs cannot drift from the API.
/// </summary>
public sealed partial class ReadmeTests
{
    [Test]
    public void UsingTheLibrary_Compiles()
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
        string program = string.Join('\n', directives) + "\n" + string.Join('\n', statements);

        var errors = DocPrograms.Compile(program).Errors();
        Assert.That(errors, Is.Empty, program);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^using [\w.]+;\s*$")]
    private static partial Regex UsingDirective();
}
