using System.Diagnostics;
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

    /// <summary>Runs the built tool in a child process, its output redirected as a script or a pipe would read it.</summary>
    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code, standard output and standard error.</returns>
    public static (int ExitCode, string Output, string Error) RunInNewProcess(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MovieRec.Cli.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(60_000), Is.True, "the child process did not finish within a minute");
        return (process.ExitCode, stdout, stderr.Result);
    }
}
