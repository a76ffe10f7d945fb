using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// The visitor's page under load: the server with its visitor API starts on 127.0.0.1 (nothing else is contacted) on a
/// fresh database of ML-100K (SQLite, or PostgreSQL from <c>MOVIEREC_POSTGRES</c>), then visitors, each with its own
/// cookie, loop for a fixed time doing what the page does on a click: like (or, one time in five, dislike) one of their
/// ten suggestions, then read their state and their next ten suggestions together. After 40 ratings a visitor starts
/// over. Every response must succeed and no suggestion may be a movie the visitor rated; the table gives the latency
/// of a click (the write and the two reads), the clicks a second and the errors, and how the suggestions were made.
/// </summary>
/// <remarks>
/// Arguments (all optional): <c>--visitors 50</c>, <c>--seconds 30</c>, <c>--database sqlite|postgres</c>,
/// <c>--data ml-100k</c>, <c>--encoder auto</c>. The visitors share the machine's cores with the server.
/// </remarks>
public static class WebLoadReport
{
    private const int StartOverAfter = 40;

    public static int Run(string[] args)
    {
        int visitors = int.Parse(Arg(args, "--visitors", "50"), CultureInfo.InvariantCulture);
        int seconds = int.Parse(Arg(args, "--seconds", "30"), CultureInfo.InvariantCulture);
        string database = Arg(args, "--database", "sqlite");
        string data = Arg(args, "--data", "ml-100k");
        string encoder = Arg(args, "--encoder", "auto");
        if (visitors < 1 || seconds < 1 || database is not ("sqlite" or "postgres"))
        {
            Console.Error.WriteLine("--visitors and --seconds must be at least 1; --database is sqlite or postgres.");
            return 2;
        }

        return RunAsync(visitors, seconds, database, data, encoder).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int visitors, int seconds, string database, string data, string encoder)
    {
        await using var server = await LoadServer.StartAsync(database, data, options =>
        {
            options.Encoder = encoder;
            options.Visitors = true;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Server ready in {server.StartTime.TotalSeconds:F1} s on {database} ({data}, encoder {encoder}); {Environment.ProcessorCount} cores shared by server and visitors"));
        var address = server.Address;

        // One visitor first, so that start-up work (the first fold-in, JIT) is not counted.
        var sources = new ConcurrentDictionary<string, int>();
        await Visitor(address, TimeSpan.FromSeconds(2), [], new int[1], new ConcurrentDictionary<string, int>(), 0);
        var latencies = Enumerable.Range(0, visitors).Select(_ => new List<double>()).ToArray();
        var errors = new int[visitors];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, visitors).Select(v => Task.Run(() => Visitor(address, TimeSpan.FromSeconds(seconds), latencies[v], errors.AsMemory(v, 1), sources, v + 1))));
        double elapsed = clock.Elapsed.TotalSeconds;

        double[] all = [.. latencies.SelectMany(l => l).Order()];
        int errorCount = errors.Sum();
        Console.WriteLine($"{visitors} visitors for {seconds} s on 127.0.0.1; a click is a like (or dislike), then the visitor's state and next ten suggestions");
        Console.WriteLine();
        Console.WriteLine("| database | visitors | clicks | clicks/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {database} | {visitors} | {all.Length:N0} | {all.Length / elapsed:F0} | {Percentile(all, 0.50):F1} | {Percentile(all, 0.95):F1} | {Percentile(all, 0.99):F1} | {(all.Length > 0 ? all[^1] : 0):F1} | {errorCount} |"));
        Console.WriteLine();
        Console.WriteLine("Suggestions by source: " + string.Join(", ", sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:N0}"))));
        return errorCount == 0 && all.Length > 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task Visitor(Uri address, TimeSpan duration, List<double> latencies, Memory<int> errors, ConcurrentDictionary<string, int> sources, int seed)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = address };
        var random = new Random(seed);
        var state = new Uri("/visitor", UriKind.Relative);
        var next = new Uri("/visitor/suggestions?count=10", UriKind.Relative);
        var rated = new HashSet<long>();
        var deadline = Stopwatch.StartNew();
        long[] shown = Ids(await Read(await client.GetAsync(next), errors), sources);
        while (deadline.Elapsed < duration)
        {
            if (shown.Length == 0 || rated.Count >= StartOverAfter)
            {
                using var reset = await client.DeleteAsync(new Uri("/visitor/ratings", UriKind.Relative));
                errors.Span[0] += reset.IsSuccessStatusCode ? 0 : 1;
                rated.Clear();
                shown = Ids(await Read(await client.GetAsync(next), errors), sources);
                continue;
            }

            long movie = shown[random.Next(shown.Length)];
            long start = Stopwatch.GetTimestamp();
            using var write = await client.PutAsJsonAsync(new Uri($"/visitor/ratings/{movie}", UriKind.Relative), new { opinion = random.Next(5) == 0 ? "dislike" : "like" });
            var reads = await Task.WhenAll(client.GetAsync(state), client.GetAsync(next));
            var list = await Read(reads[1], errors);
            await Read(reads[0], errors);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            errors.Span[0] += write.IsSuccessStatusCode ? 0 : 1;
            rated.Add(movie);
            shown = Ids(list, sources);
            if (shown.Any(rated.Contains))
            {
                errors.Span[0]++;
            }
        }
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, Memory<int> errors)
    {
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                errors.Span[0]++;
                return default;
            }

            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }
    }

    private static long[] Ids(JsonElement list, ConcurrentDictionary<string, int> sources)
    {
        if (list.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        sources.AddOrUpdate(list.GetProperty("source").GetString()!, 1, (_, n) => n + 1);
        return [.. list.GetProperty("movies").EnumerateArray().Select(m => m.GetProperty("movieId").GetInt64())];
    }
}
