using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MovieRec.Tests.Docs;

/// <summary>Compiles C# taken from the docs as a new console app would: the implicit usings, the test host's assemblies as references.</summary>
internal static class DocPrograms
{
    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;";

    private static readonly Lock s_console = new();

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

    /// <summary>Compiles <paramref name="program"/>, runs it in <paramref name="folder"/> in this process and returns what it printed.</summary>
    public static string Run(string program, string folder)
    {
        var compilation = Compile(program);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + Environment.NewLine + program);
        }

        var entry = Assembly.Load(image.ToArray()).EntryPoint!;
        lock (s_console)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            var previousOut = Console.Out;
            string previousFolder = Environment.CurrentDirectory;
            try
            {
                Console.SetOut(writer);
                Environment.CurrentDirectory = folder;
                entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
            }
            finally
            {
                Environment.CurrentDirectory = previousFolder;
                Console.SetOut(previousOut);
            }

            return writer.ToString();
        }
    }
}
