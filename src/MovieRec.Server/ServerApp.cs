using MovieRec.AspNetCore;
using OpenTelemetry.Metrics;

namespace MovieRec.Server;

/// <summary>The MovieRec server: MovieRec.AspNetCore's API in an application of its own, with OpenAPI, security headers and limits.</summary>
internal static class ServerApp
{
    /// <summary>Builds the server from parsed arguments (not started).</summary>
    public static WebApplication Build(ServerArguments arguments, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(arguments.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = arguments.Options.MaxRequestBodyBytes;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // A start that fails (a dataset file that does not parse, a database that does not answer) ends in one "error:"
        // line from Program; the host's own log of it would repeat it with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.AddMovieRec(options => Copy(arguments.Options, options));
        builder.Services.AddOpenApi();

        // Metrics through OpenTelemetry: MovieRec's own (recommendation latency by source, fold-ins, rating writes, the
        // model version) and ASP.NET Core's request latency, exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(MovieRecServiceCollectionExtensions.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddOtlpExporter());
        }

        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use((context, next) =>
        {
            // Set as the response starts, so that error responses (the exception handler clears the headers) carry
            // them too; the page, which sets a Content-Security-Policy of its own, keeps it.
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers.CacheControl = "no-store";
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/v1.json");
        app.MapMovieRec();
        if (arguments.Options.Visitors)
        {
            VisitorPage.Map(app);
        }

        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(
            $"MovieRec server: listening on {string.Join(", ", app.Urls)}{(arguments.Options.Visitors ? " (the visitor's page at /)" : string.Empty)}{(arguments.Options.ApiKey is null ? " (loopback only: no API key, so writes are open to this machine alone)" : "; writes need the API key")}; OpenAPI at /openapi/v1.json"));
        return app;
    }

    private static void Copy(MovieRecServerOptions from, MovieRecServerOptions to)
    {
        to.Database = from.Database;
        to.ModelsDirectory = from.ModelsDirectory;
        to.ApiKey = from.ApiKey;
        to.Model = from.Model;
        to.Data = from.Data;
        to.RetrainAfterRatings = from.RetrainAfterRatings;
        to.RetrainInterval = from.RetrainInterval;
        to.RequestsPerSecond = from.RequestsPerSecond;
        to.MaxRequestBodyBytes = from.MaxRequestBodyBytes;
        to.MaxCount = from.MaxCount;
        to.PollInterval = from.PollInterval;
        to.Encoder = from.Encoder;
        to.Visitors = from.Visitors;
        to.NewVisitorsPerMinute = from.NewVisitorsPerMinute;
        to.HybridFromRatings = from.HybridFromRatings;
        to.CollaborativeFromRatings = from.CollaborativeFromRatings;
        to.HybridContentPrior = from.HybridContentPrior;
    }
}
