using Spectre.Console;

namespace MovieRec.Cli.Tests;

/// <summary>Runs the movierec command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);

    public static (int ExitCode, string Output) Run(params string[] args) => RunAsync(args).GetAwaiter().GetResult();

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        // Console and AnsiConsole are process-wide, so runs are serialised.
        await s_gate.WaitAsync();
        var writer = new StringWriter();
        var previousOut = Console.Out;
        var previousError = Console.Error;
        var previousConsole = AnsiConsole.Console;
        try
        {
            Console.SetOut(writer);
            Console.SetError(writer);
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(writer),
            });
            AnsiConsole.Console.Profile.Width = 200;
            int code = await MovieRecCli.RunAsync(args);
            return (code, writer.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
            AnsiConsole.Console = previousConsole;
            s_gate.Release();
        }
    }
}
