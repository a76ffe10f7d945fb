using Spectre.Console;

namespace MovieRec.Cli.Tests;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal static class CliRunner
{
    private static readonly Lock s_lock = new();

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        lock (s_lock)
        {
            var writer = new StringWriter();
            var previous = AnsiConsole.Console;
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            AnsiConsole.Console.Profile.Width = 200;
            try
            {
                int code = MovieRecCli.RunAsync(args).GetAwaiter().GetResult();
                return (code, writer.ToString());
            }
            finally
            {
                AnsiConsole.Console = previous;
            }
        }
    }
}
