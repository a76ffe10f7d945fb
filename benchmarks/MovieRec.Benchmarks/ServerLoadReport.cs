using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// MovieRec.AspNetCore under load on 127.0.0.1 (nothing else is contacted): the server starts on a fresh database of
/// ML-100K (SQLite, or PostgreSQL from <c>MOVIEREC_POSTGRES</c>), trains MF, then clients loop for a fixed time, 80 % reads
/// (a user's top 10, the movies similar to one) and 20 % rating writes. A second table times what fold-in costs a user:
/// a rating written, then that user's top 10 read, one client alone. Every response must succeed.
/// </summary>
/// <remarks>
/// Arguments (all optional): <c>--clients 100</c>, <c>--seconds 60</c>, <c>--database sqlite|postgres</c>,
/// <c>--data ml-100k</c> (through MOVIEREC_DATA; synthetic when absent), <c>--pairs 500</c> (write-then-read pairs).
/// The clients share the machine's cores with the server. The rate limiter is off, as a load balancer's test would have it.
/// </remarks>
public static class ServerLoadReport
{
    public static int Run(string[] args)
    {
        int clients = int.Parse(Arg(args, "--clients", "100"), CultureInfo.InvariantCulture);
        int seconds = int.Parse(Arg(args, "--seconds", "60"), CultureInfo.InvariantCulture);
        int pairs = int.Parse(Arg(args, "--pairs", "500"), CultureInfo.InvariantCulture);
        string database = Arg(args, "--database", "sqlite");
        string data = Arg(args, "--data", "ml-100k");
        if (clients < 1 || seconds < 1 || pairs < 1 || database is not ("sqlite" or "postgres"))
        {
            Console.Error.WriteLine("--clients, --seconds and --pairs must be at least 1; --database is sqlite or postgres.");
            return 2;
        }

        return RunAsync(clients, seconds, pairs, database, data).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int clients, int seconds, int pairs, string database, string data)
    {
        await using var server = await LoadServer.StartAsync(database, data);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Server ready in {server.StartTime.TotalSeconds:F1} s (import and MF training) on {database}; {Environment.ProcessorCount} cores shared by server and clients"));
        var address = server.Address;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients + 4 };
        using var http = new HttpClient(handler) { BaseAddress = address };
        var model = await http.GetFromJsonAsync<ModelView>(new Uri("/models", UriKind.Relative));
        int users = (int)model!.Users;

        // Warm-up, then the mixed load.
        await Mixed(http, users, TimeSpan.FromSeconds(2), [], [], new Random(0));
        var reads = Enumerable.Range(0, clients).Select(_ => new List<double>()).ToArray();
        var writes = Enumerable.Range(0, clients).Select(_ => new List<double>()).ToArray();
        var errors = new int[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () => errors[c] = await Mixed(http, users, TimeSpan.FromSeconds(seconds), reads[c], writes[c], new Random(c + 1)))));
        double elapsed = clock.Elapsed.TotalSeconds;

        double[] allReads = [.. reads.SelectMany(l => l).Order()];
        double[] allWrites = [.. writes.SelectMany(l => l).Order()];
        double[] all = [.. allReads.Concat(allWrites).Order()];
        int errorCount = errors.Sum();
        Console.WriteLine();
        Console.WriteLine($"{clients} clients for {seconds} s, 80 % reads and 20 % writes, {database}, {model.Ratings:N0} ratings");
        Console.WriteLine();
        Console.WriteLine("| requests | kind | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | errors |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        Row("all", all, elapsed, errorCount);
        Row("reads", allReads, elapsed, -1);
        Row("writes", allWrites, elapsed, -1);

        // What a write costs its user's next recommendation: write, then read that user's top 10, one client alone.
        var pairLatencies = new List<double>();
        var random = new Random(7);
        int pairErrors = 0;
        for (int i = 0; i < pairs; i++)
        {
            int user = random.Next(1, users + 1);
            long start = Stopwatch.GetTimestamp();
            using var put = await http.PutAsJsonAsync(new Uri($"/users/{user}/ratings/{random.Next(1, 1683)}", UriKind.Relative), new { rating = random.Next(1, 6) });
            using var get = await http.GetAsync(new Uri($"/users/{user}/recommendations?count=10", UriKind.Relative));
            pairLatencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            pairErrors += put.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotFound && get.IsSuccessStatusCode ? 0 : 1;
        }

        double[] sortedPairs = [.. pairLatencies.Order()];
        Console.WriteLine();
        Console.WriteLine($"A rating written, then that user's top 10 (the user folded in from their ratings), {pairs} times, one client:");
        Console.WriteLine();
        Console.WriteLine("| pairs | p50 (ms) | p95 (ms) | p99 (ms) | errors |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {pairs} | {Percentile(sortedPairs, 0.50):F2} | {Percentile(sortedPairs, 0.95):F2} | {Percentile(sortedPairs, 0.99):F2} | {pairErrors} |"));
        return errorCount == 0 && pairErrors == 0 ? 0 : 1;
    }

    private static void Row(string kind, double[] sorted, double elapsed, int errors) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {sorted.Length:N0} | {kind} | {sorted.Length / elapsed:F0} | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.95):F1} | {Percentile(sorted, 0.99):F1} | {(sorted.Length > 0 ? sorted[^1] : 0):F1} | {(errors < 0 ? string.Empty : errors.ToString(CultureInfo.InvariantCulture))} |"));

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>One client's loop: 80 % reads (a user's top 10 or a movie's similar ones), 20 % rating writes; returns its errors.</summary>
    private static async Task<int> Mixed(HttpClient http, int users, TimeSpan duration, List<double> reads, List<double> writes, Random random)
    {
        var deadline = Stopwatch.StartNew();
        int failed = 0;
        while (deadline.Elapsed < duration)
        {
            int user = random.Next(1, users + 1);
            long start = Stopwatch.GetTimestamp();
            HttpResponseMessage response;
            bool write = random.NextDouble() < 0.2;
            if (write)
            {
                response = await http.PutAsJsonAsync(new Uri($"/users/{user}/ratings/{random.Next(1, 1683)}", UriKind.Relative), new { rating = random.Next(1, 6) });
            }
            else
            {
                response = random.NextDouble() < 0.75
                    ? await http.GetAsync(new Uri($"/users/{user}/recommendations?count=10", UriKind.Relative))
                    : await http.GetAsync(new Uri($"/movies/{random.Next(1, 1683)}/similar?count=10", UriKind.Relative));
            }

            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            (write ? writes : reads).Add(ms);

            // A movie id the synthetic fallback lacks is a 404 by design, not an error.
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
            {
                failed++;
            }

            response.Dispose();
        }

        return failed;
    }

    private sealed record ModelView(long Version, long Ratings, long Users);
}
