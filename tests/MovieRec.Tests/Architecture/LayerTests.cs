using System.Text.RegularExpressions;
using MovieRec.Tests.Repository;

namespace MovieRec.Tests.Architecture;

/// <summary>
/// Keeps the layer order of DEVGUIDE.md: a source file may use (by <c>using</c> directive or a qualified
/// name) its own layer and the layers listed before it, never one after it; folders match namespaces;
/// and no shipped assembly opens its internals to another shipped one.
/// </summary>
public sealed partial class LayerTests
{
    /// <summary>The layers in dependency order, as namespace prefixes (a namespace belongs to the last prefix it starts with).</summary>
    private static readonly string[] s_layers =
    [
        "MovieRec.Data",
        "MovieRec.Features",
        "MovieRec.Splits",
        "MovieRec.Abstractions",
        "MovieRec.Evaluation",
        "MovieRec.Baselines",
        "MovieRec.Recommendation",
        "MovieRec.Content",
        "MovieRec.Onnx.Protos",
        "MovieRec.Onnx.Format",
        "MovieRec.Onnx.Runtime",
        "MovieRec.Onnx.Training",
        "MovieRec.Onnx.Models",
        "MovieRec.Onnx.Content",
        "MovieRec.Onnx.Export",
        "MovieRec.MLNet",
        "MovieRec.AspNetCore",
        "MovieRec.Cli",
        "MovieRec.Server",
    ];

    private static readonly string s_root = RepositoryRoot.Path;

    [Test]
    public void EverySourceFile_UsesOnlyItsOwnAndEarlierLayers()
    {
        var violations = new List<string>();
        foreach (var (file, text) in SourceFiles())
        {
            string ns = NamespaceOf(text) ?? "(none)";
            int own = LayerOf(ns);
            Assert.That(own, Is.GreaterThanOrEqualTo(0), $"{Path.GetRelativePath(s_root, file)}: namespace {ns} is in no layer of the list");
            foreach (Match m in UsedNamespace().Matches(StripComments(text)))
            {
                int used = LayerOf(m.Groups[1].Value);
                if (used > own)
                {
                    violations.Add($"{Path.GetRelativePath(s_root, file)}: {ns} uses {m.Groups[1].Value}, a later layer");
                }
            }
        }

        Assert.That(violations, Is.Empty);
    }

    [Test]
    public void Folders_MatchNamespaces()
    {
        var mismatches = new List<string>();
        foreach (var (file, text) in SourceFiles())
        {
            // src/MovieRec.Onnx/Models/Ncf/NcfTrainer.cs → MovieRec.Onnx.Models.Ncf; src/MovieRec/Data/X.cs → MovieRec.Data.
            var parts = Path.GetRelativePath(Path.Combine(s_root, "src"), Path.GetDirectoryName(file)!).Split(Path.DirectorySeparatorChar);
            string expected = string.Join('.', parts);
            string? ns = NamespaceOf(text);
            if (ns != expected)
            {
                mismatches.Add($"{Path.GetRelativePath(s_root, file)}: namespace {ns}, folder says {expected}");
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void ShippedProjects_OpenTheirInternalsToTestsAndBenchmarksOnly()
    {
        var opened = Directory.EnumerateFiles(Path.Combine(s_root, "src"), "*.csproj", SearchOption.AllDirectories)
            .SelectMany(p => InternalsVisibleTo().Matches(File.ReadAllText(p)).Select(m => $"{Path.GetFileName(p)} → {m.Groups[1].Value}"))
            .ToList();

        Assert.That(opened, Is.Not.Empty, "the premise: the test projects see internals");
        Assert.That(opened.Where(o => !o.EndsWith(".Tests", StringComparison.Ordinal) && !o.EndsWith(".Benchmarks", StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>The source files that declare a namespace (a top-level Program.cs has none and declares no type).</summary>
    private static IEnumerable<(string File, string Text)> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(s_root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(f)))
            .Where(f => NamespaceOf(f.Item2) is not null || Path.GetFileName(f.Item1) != "Program.cs");

    private static int LayerOf(string ns)
    {
        int found = -1;
        for (int i = 0; i < s_layers.Length; i++)
        {
            if (ns == s_layers[i] || ns.StartsWith(s_layers[i] + ".", StringComparison.Ordinal))
            {
                found = i;
            }
        }

        return found;
    }

    private static string? NamespaceOf(string text) => FileNamespace().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    private static string StripComments(string text) => LineComment().Replace(text, string.Empty);

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"(?<![\w.])(MovieRec(?:\.[A-Z]\w*)+)")]
    private static partial Regex UsedNamespace();

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"InternalsVisibleTo Include=""([^""]+)""")]
    private static partial Regex InternalsVisibleTo();
}
