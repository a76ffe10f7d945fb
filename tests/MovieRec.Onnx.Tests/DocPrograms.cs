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

    public static IEnumerable<string> Errors(this Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
}
