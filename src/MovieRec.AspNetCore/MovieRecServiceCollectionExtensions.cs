using System.Threading.RateLimiting;
using MovieRec.AspNetCore.Http;
using MovieRec.AspNetCore.Serving;
using MovieRec.AspNetCore.Storage;
using MovieRec.AspNetCore.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MovieRec.AspNetCore;

/// <summary>Adds MovieRec's recommendation service to an ASP.NET Core application.</summary>
public static class MovieRecServiceCollectionExtensions
{
    /// <summary>
    /// The name of MovieRec's meter, for OpenTelemetry's <c>AddMeter</c>: recommendation latency by source
    /// (<c>movierec.recommendation.duration</c>), fold-ins (<c>movierec.fold_ins</c>), rating writes
    /// (<c>movierec.rating_writes</c>) and the serving model's version (<c>movierec.model.version</c>).
    /// </summary>
    public const string MeterName = ServerMetrics.MeterName;

    /// <summary>
    /// Registers MovieRec: the database (SQLite file or PostgreSQL), the serving model and its maintenance (fold-in,
    /// retraining, swaps), health checks and a per-client rate limiter (call <c>app.UseRateLimiter()</c>). At start the
    /// schema is migrated, an empty database gets the configured dataset and a first model is trained; the
    /// application serves once that is done. Then map the API with <see cref="MovieRecEndpointRouteBuilderExtensions.MapMovieRec"/>.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the options; null keeps the defaults (a SQLite file in the local application data folder).</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public static IServiceCollection AddMovieRec(this IServiceCollection services, Action<MovieRecServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new MovieRecServerOptions();
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(_ => RecommenderDatabase.Open(options.ResolvedDatabase));
        services.AddSingleton<RatingStore>();
        services.AddSingleton<VisitorStore>();
        services.AddSingleton<ModelRecords>();
        services.AddSingleton<ModelHost>();
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<RecommendationService>();
        services.AddSingleton<ModelTraining>();
        services.AddSingleton<ModelMaintenance>();
        services.AddHostedService<ServerStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<ModelMaintenance>());
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("movierec", tags: ["ready"]);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(MovieRecEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, options.RequestsPerSecond), Window = TimeSpan.FromSeconds(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>Ready when a model serves and the database answers; otherwise unhealthy, saying why (and why a bundle was refused).</summary>
    private sealed class ReadinessCheck(ModelHost host, RatingStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (host.Serving is not { } serving)
            {
                return HealthCheckResult.Unhealthy("No model is serving yet.");
            }

            try
            {
                await store.PingAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy($"The database does not answer: {e.Message}");
            }

            var data = new Dictionary<string, object> { ["model"] = serving.Name, ["version"] = serving.Version };
            return host.LastRefusal is { } refusal
                ? HealthCheckResult.Degraded($"Serving {serving.Name} version {serving.Version}; {refusal}", data: data)
                : HealthCheckResult.Healthy($"Serving {serving.Name} version {serving.Version}.", data);
        }
    }
}

/// <summary>Maps MovieRec's REST API into an ASP.NET Core application.</summary>
public static class MovieRecEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the API under <paramref name="prefix"/>: <c>GET /users/{id}/recommendations</c>, <c>/movies/{id}/similar</c>,
    /// <c>/movies/{id}/also-liked</c>, <c>/movies</c>, <c>/users/{id}</c>, <c>/users/{id}/ratings</c>, <c>/models</c>;
    /// writes <c>POST /users</c>, <c>PUT</c> and <c>DELETE /users/{id}/ratings/{movieId}</c>, <c>POST /users/{id}/ratings</c>,
    /// <c>POST /models/retrain</c> (API key required when one is set); and <c>/health/live</c>, <c>/health/ready</c>.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">A route prefix, such as <c>/recommender</c>; empty by default.</param>
    /// <returns>The route group of the API, for further conventions (authorization, CORS, …).</returns>
    public static RouteGroupBuilder MapMovieRec(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        endpoints.MapHealthChecks(prefix + "/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(prefix + "/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Healthy] = StatusCodes.Status200OK, [HealthStatus.Degraded] = StatusCodes.Status200OK, [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                var entry = report.Entries.Values.FirstOrDefault();
                await context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), detail = entry.Description }, context.RequestAborted).ConfigureAwait(false);
            },
        });
        return MovieRecEndpoints.Map(endpoints, prefix);
    }
}
