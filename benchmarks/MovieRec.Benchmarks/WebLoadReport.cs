using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MovieRec.Web;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// The web app under load: it starts on 127.0.0.1 (a free port; nothing else is ever contacted), then a number of
/// visitors, each with its own cookie, loop for a fixed time: read the page, tick two of the five movies, submit,
/// and start over when the catalogue runs out. Every response must be 200 with five new movies; the table gives the
/// submit latency (p50, p95, p99, max), the throughput and the error count.
/// </summary>
/// <remarks>
/// Arguments (all optional): <c>--visitors 50</c>, <c>--seconds 30</c>, <c>--catalogue auto</c> and
/// <c>--encoder auto</c> (as the web app takes them). The load generator shares the machine with the server.
/// </remarks>
public static class WebLoadReport
{
    public static int Run(string[] args)
    {
        int visitors = int.Parse(Arg(args, "--visitors", "50"), CultureInfo.InvariantCulture);
        int seconds = int.Parse(Arg(args, "--seconds", "30"), CultureInfo.InvariantCulture);
        string catalogue = Arg(args, "--catalogue", "auto");
        string encoder = Arg(args, "--encoder", "auto");
        if (visitors < 1 || seconds < 1)
        {
            Console.Error.WriteLine("--visitors and --seconds must be at least 1.");
            return 2;
        }

        return RunAsync(visitors, seconds, catalogue, encoder).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int visitors, int seconds, string catalogue, string encoder)
    {
        await using var app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--catalogue", catalogue, "--encoder", encoder,
                                            "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var address = new Uri(app.Urls.First());

        // One visitor first, so that the first request's start-up work is not counted.
        await Visitor(address, TimeSpan.FromSeconds(1), [], new int[1]);

        var latencies = Enumerable.Range(0, visitors).Select(_ => new List<double>()).ToArray();
        var errors = new int[visitors];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, visitors).Select(v => Task.Run(() => Visitor(address, TimeSpan.FromSeconds(seconds), latencies[v], errors.AsMemory(v, 1)))));
        double elapsed = clock.Elapsed.TotalSeconds;

        double[] all = [.. latencies.SelectMany(l => l).Order()];
        int errorCount = errors.Sum();
        Console.WriteLine($"{visitors} visitors for {seconds} s on 127.0.0.1, {Environment.ProcessorCount} cores shared by server and visitors");
        Console.WriteLine();
        Console.WriteLine("| visitors | submits | submits/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | errors |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {visitors} | {all.Length:N0} | {all.Length / elapsed:F0} | {Percentile(all, 0.50):F1} | {Percentile(all, 0.95):F1} | {Percentile(all, 0.99):F1} | {(all.Length > 0 ? all[^1] : 0):F1} | {errorCount} |"));
        return errorCount == 0 && all.Length > 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task Visitor(Uri address, TimeSpan duration, List<double> latencies, Memory<int> errors)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = address };
        var state = new Uri("/api/state", UriKind.Relative);
        var submit = new Uri("/api/submit", UriKind.Relative);
        var reset = new Uri("/api/reset", UriKind.Relative);
        var deadline = Stopwatch.StartNew();
        int[] page = Ids(await Read(await client.GetAsync(state), errors));
        while (deadline.Elapsed < duration)
        {
            if (page.Length < 2)
            {
                page = Ids(await Read(await client.PostAsync(reset, null), errors));
                continue;
            }

            long start = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync(submit, new { liked = page[..2] });
            var body = await Read(response, errors);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            int[] next = Ids(body);
            if (next.Intersect(page).Any())
            {
                errors.Span[0]++;
            }

            page = next;
        }
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response, Memory<int> errors)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            errors.Span[0]++;
            return default;
        }

        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static int[] Ids(JsonElement state) =>
        state.ValueKind == JsonValueKind.Object ? [.. state.GetProperty("movies").EnumerateArray().Select(m => m.GetProperty("id").GetInt32())] : [];
}
