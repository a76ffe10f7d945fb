using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MovieRec.Data;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// How every model family grows with the data: synthetic datasets of 1M, 5M and 25M ratings written as a CSV release,
/// then, per model and size, one <see cref="ScaleRunReport"/> process (load, train, evaluate, top 10 for every user,
/// bundle; its own peak resident memory). A run over the time budget is stopped (one expected to pass it, its time
/// grown in proportion to the data, is not started), and that model's larger sizes are
/// skipped. Prints a table of the seconds of each step and the peak memory, a table of training time at 1, 2, … all
/// threads, and writes a log-log plot of training time against ratings (SVG).
/// </summary>
/// <remarks>
/// Arguments (all optional): <c>--sizes 1000000,5000000,25000000</c>, <c>--models
/// bias,mf,als,ials,iknn,neumf,text-cnn,seq-cnn,content-tfidf</c>, <c>--budget 900</c> (seconds per run),
/// <c>--folder DIR</c> (where the synthetic releases are written; default the temp folder), <c>--threads-models
/// mf,als,ials,neumf</c> and <c>--threads-size 1000000</c> (the threads table; <c>--threads-models none</c> skips it),
/// <c>--plot FILE.svg</c> (default benchmarks/scale.svg under the working folder), <c>--epochs 1</c>, <c>--top-sample
/// seq-cnn:300</c> (models whose top 10 for every user is timed on that many users and scaled up).
/// </remarks>
public static class ScaleReport
{
    public static int Run(string[] args)
    {
        var sizes = Arg(args, "--sizes", "1000000,5000000,25000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var models = Arg(args, "--models", "bias,mf,als,ials,iknn,neumf,text-cnn,seq-cnn,content-tfidf").Split(',');
        double budget = double.Parse(Arg(args, "--budget", "900"), CultureInfo.InvariantCulture);
        string root = Arg(args, "--folder", Path.Combine(Path.GetTempPath(), "movierec-scale"));
        string epochs = Arg(args, "--epochs", "1");
        var threadModels = Arg(args, "--threads-models", "mf,als,ials,neumf").Split(',').Where(m => m != "none").ToArray();
        int threadsSize = int.Parse(Arg(args, "--threads-size", "1000000"), CultureInfo.InvariantCulture);
        string plot = Arg(args, "--plot", Path.Combine("benchmarks", "scale.svg"));
        // Models whose top 10 for every user takes a forward pass per (user, movie) pair: timed on a sample of users.
        var sampled = Arg(args, "--top-sample", "seq-cnn:300").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(':')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Console.WriteLine($"{Environment.ProcessorCount} logical CPUs; {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:F1} GiB memory; budget {budget:F0} s per run; deep models {epochs} epoch(s) per stage");

        var rows = new List<JsonElement>();
        var over = new HashSet<string>(StringComparer.Ordinal);
        var last = new Dictionary<string, (int Size, double Seconds)>(StringComparer.Ordinal);
        foreach (int size in sizes)
        {
            string folder = Synthetic(root, size);
            foreach (string model in models)
            {
                if (over.Contains(model))
                {
                    Console.WriteLine($"{model} at {size:N0}: skipped (over the budget at a smaller size)");
                    continue;
                }

                // A run whose time, grown in proportion to the data from the last size, would pass the budget is not started.
                if (last.TryGetValue(model, out var previous) && previous.Seconds * size / previous.Size > budget)
                {
                    over.Add(model);
                    Console.WriteLine($"{model} at {size:N0}: skipped (about {previous.Seconds * size / previous.Size:F0} s expected from {previous.Size:N0} ratings, over the {budget:F0} s budget)");
                    continue;
                }

                string[] sample = sampled.TryGetValue(model, out string? users) ? ["--users", users] : [];
                var row = Child(["--model", model, "--data", folder, "--epochs", epochs, .. sample], budget);
                if (row is { } r)
                {
                    rows.Add(r);
                    last[model] = (size, r.GetProperty("seconds").GetDouble());
                    Console.WriteLine($"{model} at {size:N0}: {r}");
                }
                else
                {
                    over.Add(model);
                    Console.WriteLine($"{model} at {size:N0}: over the {budget:F0} s budget or failed; larger sizes skipped");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| model | ratings | users | movies | load s | train s | epochs | s per epoch | samples/s | evaluate s | top 10, all users s | bundle s | peak RSS MiB | test metric |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in rows.OrderBy(r => Array.IndexOf(models, r.GetProperty("model").GetString())).ThenBy(r => r.GetProperty("ratings").GetInt32()))
        {
            Console.WriteLine($"| {r.GetProperty("model").GetString()} | {r.GetProperty("ratings").GetInt32():N0} | {r.GetProperty("users").GetInt32():N0} | {r.GetProperty("movies").GetInt32():N0} | {F(r, "load_s")} | {F(r, "train_s")} | {(r.GetProperty("epochs").GetInt32() is > 0 and var e ? e.ToString(CultureInfo.InvariantCulture) : "—")} | {F(r, "epoch_s", "G3")} | {F(r, "samples_per_s", "N0")} | {F(r, "evaluate_s")} | {Top(r)} | {F(r, "bundle_s")} | {F(r, "peak_rss_mb", "F0")} | {(r.TryGetProperty("metric", out var m) ? m.GetString() : "—")} |");
        }

        ScalePlot.Write(plot, rows, models);
        Console.WriteLine($"Wrote {plot}");

        if (threadModels.Length > 0)
        {
            string folder = Synthetic(root, threadsSize);
            var counts = new[] { 1, 2, Environment.ProcessorCount }.Distinct().Where(c => c <= Environment.ProcessorCount).ToArray();
            Console.WriteLine();
            Console.WriteLine($"Training seconds at {threadsSize:N0} ratings by thread count (the classical trainers' threads; ONNX Runtime's intra-op threads for NeuMF):");
            Console.WriteLine("| model | " + string.Join(" | ", counts.Select(c => $"{c} thread(s)")) + " | speed-up |");
            Console.WriteLine("|---|" + string.Concat(counts.Select(_ => "---:|")) + "---:|");
            foreach (string model in threadModels)
            {
                var seconds = counts.Select(c => Child(["--model", model, "--data", folder, "--epochs", epochs, "--plain", "--threads", c.ToString(CultureInfo.InvariantCulture), "--users", "1"], budget) is { } r ? r.GetProperty("train_s").GetDouble() : double.NaN).ToArray();
                Console.WriteLine($"| {model} | {string.Join(" | ", seconds.Select(s => s.ToString("F1", CultureInfo.InvariantCulture)))} | {(seconds[0] / seconds[^1]).ToString("F2", CultureInfo.InvariantCulture)}× |");
            }
        }

        return 0;
    }

    /// <summary>The top-10 seconds, with "≈" and the sample where they were timed on some users and scaled up.</summary>
    private static string Top(JsonElement row) =>
        row.GetProperty("top10_users").GetInt32() < row.GetProperty("users").GetInt32()
            ? $"≈ {F(row, "top10_s")} ({row.GetProperty("top10_users").GetInt32():N0} users timed)"
            : F(row, "top10_s");

    private static string F(JsonElement row, string key, string format = "F1") =>
        row.TryGetProperty(key, out var v) ? v.GetDouble().ToString(format, CultureInfo.InvariantCulture) : "—";

    /// <summary>The folder of a synthetic release of <paramref name="size"/> ratings, written once.</summary>
    private static string Synthetic(string root, int size)
    {
        string folder = Path.Combine(root, $"synthetic-{size}");
        if (!File.Exists(Path.Combine(folder, "ratings.csv")))
        {
            var clock = Stopwatch.StartNew();
            var dataset = SyntheticDataset.Generate(size);
            DatasetWriter.WriteMovieLensCsv(dataset, folder, crlf: false);
            Console.WriteLine($"Wrote {folder}: {dataset.Ratings.Count:N0} ratings, {dataset.UserCount:N0} users, {dataset.MovieCount:N0} movies in {clock.Elapsed.TotalSeconds:F1} s");
        }

        return folder;
    }

    /// <summary>Runs one <see cref="ScaleRunReport"/> process; its result, or null when it failed or ran over the budget.</summary>
    private static JsonElement? Child(string[] arguments, double budgetSeconds)
    {
        string host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (string a in (string[])["report", "ScaleRun", .. arguments])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        string? line = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } data && data.StartsWith("SCALE ", StringComparison.Ordinal))
            {
                line = data["SCALE ".Length..];
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } data)
            {
                Console.Error.WriteLine("  " + data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromSeconds(budgetSeconds)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return null;
        }

        process.WaitForExit();
        return process.ExitCode == 0 && line is not null ? JsonDocument.Parse(line).RootElement.Clone() : null;
    }
}
