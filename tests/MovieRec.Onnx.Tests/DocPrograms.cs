using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MovieRec.Onnx.Tests;

/// <summary>Compiles C# taken from the docs as a new console app would: the implicit usings, the test host's assemblies as references.</summary>
internal static class DocPrograms
{
    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;";

    public static CSharpCompilation Compile(string program)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        return CSharpCompilation.Create(
            "DocProgram" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(ImplicitUsings, options), CSharpSyntaxTree.ParseText(program, options)],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Compiles <paramref name="program"/>, runs it in this process and returns what it put in <see cref="DocProgramResults.Values"/>.</summary>
    public static IReadOnlyDictionary<string, object?> Run(string program)
    {
        var compilation = Compile(program);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + Environment.NewLine + program);
        }

        lock (DocProgramResults.Values)
        {
            DocProgramResults.Values.Clear();
            var entry = System.Reflection.Assembly.Load(image.ToArray()).EntryPoint!;
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
            return new Dictionary<string, object?>(DocProgramResults.Values);
        }
    }

    public static IEnumerable<string> Errors(this Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
}

/// <summary>Where a program from the docs, run by <see cref="DocPrograms.Run"/>, leaves the values a test checks.</summary>
public static class DocProgramResults
{
    /// <summary>Gets the values by name.</summary>
    public static Dictionary<string, object?> Values { get; } = [];
}
