using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MovieRec.Data;
using MovieRec.Tests.Repository;

namespace MovieRec.Server.Tests;

/// <summary>What the server tests share: a small dataset on disk, temporary folders, and the server as a real process.</summary>
internal static partial class ServerFixture
{
    private static readonly Lazy<string> s_dataset = new(WriteDataset);

    /// <summary>Gets a folder holding a small MovieLens-format dataset (3,000 synthetic ratings), written once per run.</summary>
    public static string DatasetFolder => s_dataset.Value;

    /// <summary>A new empty temporary folder.</summary>
    public static string NewFolder(string name) => Directory.CreateTempSubdirectory($"movierec-server-{name}-").FullName;

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Starts <c>MovieRec.Server</c> as a process of its own on a free loopback port and waits until it is ready.</summary>
    public static async Task<ServerProcess> StartProcessAsync(params string[] arguments)
    {
        string dll = ServerDll;
        Assert.That(File.Exists(dll), Is.True, $"{dll} is built with the solution");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (Listening().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(120)));
        if (first != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The server did not start:\n{output}");
        }

        return new ServerProcess(process, await listening.Task, output);
    }

    /// <summary>Gets the server's program as the solution built it.</summary>
    public static string ServerDll => Path.Combine(RepositoryRoot.Path, "src", "MovieRec.Server", "bin", Configuration, "net10.0", "MovieRec.Server.dll");

    private static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    private static string WriteDataset()
    {
        string folder = NewFolder("data");
        var data = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 3000, NumberOfUsers = 120, NumberOfMovies = 150, Seed = 8 });
        DatasetWriter.WriteMovieLensCsv(data, folder);
        return folder;
    }

    [GeneratedRegex(@"MovieRec server: listening on (http://[^\s,]+)")]
    private static partial Regex Listening();
}

/// <summary>A server process: its address, its output, and a kill that leaves no process behind.</summary>
internal sealed class ServerProcess(Process process, Uri address, System.Text.StringBuilder output) : IDisposable
{
    public Uri Address { get; } = address;

    public Process Process { get; } = process;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Kills the process at once (SIGKILL on Linux), as a crash would.</summary>
    public void Kill()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }
}

/// <summary>JSON bodies of the tests.</summary>
internal static class Bodies
{
    public static JsonContent Rating(float rating) => JsonContent.Create(new { rating });
}
