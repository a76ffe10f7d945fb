using System.Diagnostics;

namespace MovieRec.Onnx.Tests;

/// <summary>
/// Runs the reference ONNX checker (the Python <c>onnx</c> package, Debian's python3-onnx) on a file.
/// Tests that use it are ignored, with the reason, when the package is not installed.
/// </summary>
internal static class ReferenceChecker
{
    private static readonly Lazy<string?> s_python = new(FindPython);

    public static void AssertValid(string path)
    {
        string python = s_python.Value ?? throw new IgnoreException(
            "The reference checker needs Python with the 'onnx' package (Debian: apt-get install python3-onnx).");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sys, onnx; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print('ok')");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"onnx.checker rejected {path}:\n{error}");
        Assert.That(output.Trim(), Is.EqualTo("ok"));
    }

    private static string? FindPython()
    {
        foreach (string candidate in new[] { "/usr/bin/python3", "python3", "python" })
        {
            try
            {
                var start = new ProcessStartInfo(candidate, "-c \"import onnx\"")
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                };
                using var process = Process.Start(start);
                if (process is null)
                {
                    continue;
                }

                process.WaitForExit();
                if (process.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name; try the next.
            }
        }

        return null;
    }
}
