using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.ML;
using MovieRec.Cli.Commands;
using MovieRec.MLNet;
using Spectre.Console;

namespace MovieRec.Cli;

/// <summary>The <c>movierec</c> command line: the root command and its subcommands.</summary>
internal static partial class MovieRecCli
{
    /// <summary>Gets the model catalog every command resolves model names through.</summary>
    public static MovieRecCatalog Models { get; } = new MLContext(seed: 0).MovieRec();

    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "movierec: movie recommendation with classical baselines and deep models trained through ONNX Runtime.");
        foreach (var command in Subcommands())
        {
            root.Subcommands.Add(command);
        }

        // The default --version reports the entry assembly, which is a test host when the CLI runs in-process.
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new PrintVersionAction();
            }
        }

        return root;
    }

    /// <summary>Exit code of a command that succeeded.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a failure while running: a file missing or malformed, training that failed, CUDA that did not start.</summary>
    public const int Failure = 1;

    /// <summary>Exit code of bad usage: an unknown command or option, or an option value that is invalid or does not apply.</summary>
    public const int Usage = 2;

    /// <summary>Exit code of a run cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>Parses <paramref name="args"/> and runs the chosen command.</summary>
    /// <returns>The process exit code: <see cref="Success"/>, <see cref="Failure"/>, <see cref="Usage"/> or <see cref="Cancelled"/>.</returns>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parse = CreateRootCommand().Parse(args);
        if (parse.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            // An unknown word where a command is due makes the parser report a missing command too: the unknown word says it.
            var errors = parse.Errors.Count > 1 ? parse.Errors.Where(e => e.Message != "Required command was not provided.") : parse.Errors;
            foreach (var error in errors)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {PlainTypeNames(error.Message)}");
            }

            var names = new List<string>();
            for (var result = parse.CommandResult; result.Parent is CommandResult parent; result = parent)
            {
                names.Insert(0, result.Command.Name);
            }

            string command = string.Join(' ', ["movierec", .. names]);
            AnsiConsole.MarkupLineInterpolated($"See '{command} --help'.");
            return Usage;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = Console.Out,
                Error = Console.Error,
            };
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
            return Cancelled;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or FormatException
            or InvalidOperationException or UnauthorizedAccessException or NotSupportedException or KeyNotFoundException
            or Microsoft.ML.OnnxRuntime.OnnxRuntimeException
            || e.GetType().Namespace?.StartsWith("MovieRec", StringComparison.Ordinal) == true)
        {
            // Expected failures (bad input, missing files, native errors) get one clear line, not a stack trace.
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {UserMessage(e)}");
            if (Environment.GetEnvironmentVariable("MOVIEREC_DEBUG") == "1")
            {
                AnsiConsole.WriteException(e);
            }

            // An argument error comes from the command line (an option value, a name, a path it gave).
            return e is ArgumentException ? Usage : Failure;
        }
    }

    /// <summary>
    /// Writes plain text, without colours, bold or any other escape code, when <c>NO_COLOR</c> is set
    /// (https://no-color.org) or the output is redirected to a file or a pipe.
    /// </summary>
    public static void UsePlainOutputWhenAsked()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) || Console.IsOutputRedirected)
        {
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(Console.Out),
            });
        }
    }

    /// <summary>The parser's "as expected type 'System.Nullable`1[System.Double]'" in words a person reads: "as a number".</summary>
    internal static string PlainTypeNames(string message) => ExpectedType().Replace(message, m => m.Groups[1].Value switch
    {
        "Int32" or "Int64" => "as a whole number",
        "Double" or "Single" => "as a number",
        "Boolean" => "as true or false",
        _ => "as a valid value",
    });

    [GeneratedRegex(@"as expected type '(?:System\.Nullable`1\[)?System\.(\w+)\]?'")]
    private static partial Regex ExpectedType();

    /// <summary>
    /// The message of an expected failure as one sentence for a person: without .NET's " (Parameter 'name')"
    /// suffix, which names a C# parameter rather than an option, and without the "Actual value was …" line
    /// that <see cref="ArgumentOutOfRangeException"/> adds (the library's messages already give the value).
    /// </summary>
    internal static string UserMessage(Exception e)
    {
        string message = e.Message;
        if (e is ArgumentOutOfRangeException { ActualValue: not null })
        {
            int line = message.IndexOf("\nActual value was ", StringComparison.Ordinal);
            message = line >= 0 ? message[..line] : message;
        }

        // A message may quote a file's contents (a malformed line): print it without the control characters.
        return Commands.Printable.Plain(e is ArgumentException { ParamName: { } name } ? message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : message);
    }

    /// <summary>The library's informational version, for example <c>0.1.0+commit</c>.</summary>
    public static string Version =>
        typeof(MovieRecCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(MovieRecCli).Assembly.GetName().Version?.ToString(3)
        ?? "unknown";

    private static IEnumerable<Command> Subcommands()
    {
        yield return InfoCommand.Create();
        yield return DataCommand.Create();
        yield return EvaluateCommand.Create();
        yield return TuneCommand.Create();
        yield return TrainCommand.Create();
        yield return QuickstartCommand.Create();
        yield return RecommendCommand.Create();
        yield return SimilarCommand.Create();
        yield return AlsoLikedCommand.Create();
        yield return ExportCommand.Create();
    }

    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return 0;
        }
    }
}
