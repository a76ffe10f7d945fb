using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MovieRec.AspNetCore.Serving;
using MovieRec.AspNetCore.Storage;
using MovieRec.AspNetCore.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MovieRec.AspNetCore.Http;

/// <summary>The REST API (<see cref="MovieRecEndpointRouteBuilderExtensions.MapMovieRec"/>); errors are RFC 9457 problem details naming the field and the value.</summary>
internal static class MovieRecEndpoints
{
    /// <summary>The header a write carries the API key in.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The rate-limiting policy of the API (requests a second per client address).</summary>
    public const string RateLimitPolicy = "MovieRec";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<MovieRecServerOptions>();
        var api = endpoints.MapGroup(prefix).WithTags("MovieRec");
        if (options.RequestsPerSecond > 0)
        {
            api.RequireRateLimiting(RateLimitPolicy);
        }

        api.MapGet("/users/{userId:long}/recommendations", async (long userId, int? count, RecommendationService recommendations, CancellationToken cancellationToken) =>
            Count(count, options) is { } problem ? problem
            : await recommendations.ForUserAsync(userId, count ?? 10, cancellationToken).ConfigureAwait(false) is { } list ? Results.Ok(list)
            : NotFound("userId", userId, "user"))
            .WithSummary("A user's recommended movies, with the reason where the model can say; a rating written a moment ago counts.");
        api.MapGet("/movies/{movieId:long}/similar", (long movieId, int? count, RecommendationService recommendations) =>
            Count(count, options) ?? (recommendations.Similar(movieId, count ?? 10) is { } list ? Results.Ok(list) : NotFound("movieId", movieId, "movie")))
            .WithSummary("The movies closest to a movie.");
        api.MapGet("/movies/{movieId:long}/also-liked", (long movieId, int? count, RecommendationService recommendations) =>
            Count(count, options) ?? (recommendations.AlsoLiked(movieId, count ?? 10) is { } list ? Results.Ok(list) : NotFound("movieId", movieId, "movie")))
            .WithSummary("The movies that people who liked a movie also liked.");
        api.MapGet("/movies", async (string? search, string? genre, int? page, RatingStore store, CancellationToken cancellationToken) =>
        {
            if (page is < 1 or > 100_000)
            {
                return Invalid("page", page, "expected a page number from 1");
            }

            if (search is { Length: > 200 } || genre is { Length: > 100 })
            {
                return Invalid(search is { Length: > 200 } ? "search" : "genre", search is { Length: > 200 } ? search[..20] + "…" : genre, "expected at most 200 characters for search and 100 for genre");
            }

            var movies = await store.MoviesAsync(Blank(search), Blank(genre), page ?? 1, 20, cancellationToken).ConfigureAwait(false);
            return Results.Ok(movies.Select(m => new MovieInfo(m.MovieId, m.Title, m.Genres, m.Year)));
        }).WithSummary("A page of 20 movies, by id; search matches the title in any case, genre one of the genres.");

        api.MapGet("/users/{userId:long}", async (long userId, RatingStore store, CancellationToken cancellationToken) =>
            await store.UserAsync(userId, cancellationToken).ConfigureAwait(false) is { } user
                ? Results.Ok(new UserInfo(user.UserId, user.Gender, user.Age, user.Occupation))
                : NotFound("userId", userId, "user"))
            .WithSummary("A user.");
        api.MapGet("/users/{userId:long}/ratings", async (long userId, RatingStore store, CancellationToken cancellationToken) =>
            await store.UserAsync(userId, cancellationToken).ConfigureAwait(false) is null
                ? NotFound("userId", userId, "user")
                : Results.Ok((await store.RatingsAsync(userId, cancellationToken).ConfigureAwait(false)).Select(r => new RatingItem(r.MovieId, r.Rating, r.RatedAt))))
            .WithSummary("A user's ratings, oldest first.");
        api.MapGet("/models", (ModelHost host, RatingStore store, CancellationToken cancellationToken) => ModelInfoAsync(host, store, cancellationToken))
            .WithSummary("The model that serves: when it was trained, on how much, its validation figure, and why a bundle was refused.");

        var writes = api.MapGroup(string.Empty).AddEndpointFilter((context, next) => WriteFilter(context, next, options));
        writes.MapPost("/users", async (HttpRequest request, RatingStore store, CancellationToken cancellationToken) =>
        {
            var (body, problem) = await ReadAsync<NewUser>(request, "{\"gender\": \"F\", \"age\": 25, \"occupation\": 4} (each optional)", allowEmpty: true).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            body ??= new NewUser(null, null, null);
            if (body.Gender is not (null or "F" or "M"))
            {
                return Invalid("gender", body.Gender, "expected F or M");
            }

            if (body.Age is < 1 or > 120)
            {
                return Invalid("age", body.Age, "expected an age in years from 1 to 120");
            }

            if (body.Occupation is < 0 or > 1000)
            {
                return Invalid("occupation", body.Occupation, "expected an occupation code from 0");
            }

            var user = await store.CreateUserAsync(body.Gender, body.Age, body.Occupation, cancellationToken).ConfigureAwait(false);
            return Results.Created($"{prefix}/users/{user.UserId}", new UserInfo(user.UserId, user.Gender, user.Age, user.Occupation));
        }).WithSummary("Creates a user (the next free id), with optional demographics.");
        writes.MapPut("/users/{userId:long}/ratings/{movieId:long}", async (long userId, long movieId, HttpRequest request, RatingStore store, ServerMetrics metrics, CancellationToken cancellationToken) =>
        {
            var (body, problem) = await ReadAsync<RatingBody>(request, "{\"rating\": 4}").ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            if (body?.Rating is not { } rating)
            {
                return Invalid("rating", null, "the body has no rating; send {\"rating\": 4}");
            }

            if (await CheckAsync(store, userId, [(movieId, rating)], cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            await store.PutRatingsAsync(userId, [(movieId, rating)], cancellationToken).ConfigureAwait(false);
            metrics.Wrote(1);
            return Results.NoContent();
        }).WithSummary("Rates a movie (or changes the rating); the user's next recommendations take it into account.");
        writes.MapDelete("/users/{userId:long}/ratings/{movieId:long}", async (long userId, long movieId, RatingStore store, ServerMetrics metrics, CancellationToken cancellationToken) =>
        {
            if (await store.UserAsync(userId, cancellationToken).ConfigureAwait(false) is null)
            {
                return NotFound("userId", userId, "user");
            }

            if (!await store.DeleteRatingAsync(userId, movieId, cancellationToken).ConfigureAwait(false))
            {
                return NotFound("movieId", movieId, "rating of this user for the movie");
            }

            metrics.Wrote(1);
            return Results.NoContent();
        }).WithSummary("Takes a rating back.");
        writes.MapPost("/users/{userId:long}/ratings", async (long userId, HttpRequest request, RatingStore store, ServerMetrics metrics, CancellationToken cancellationToken) =>
        {
            var (body, problem) = await ReadAsync<RatingItem[]>(request, "[{\"movieId\": 1, \"rating\": 4}, ...]").ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            if (body is null || body.Length == 0 || body.Length > 1000)
            {
                return Invalid("ratings", body?.Length ?? 0, "expected from 1 to 1,000 ratings");
            }

            var ratings = body.Select(r => (r.MovieId, r.Rating)).ToArray();
            if (await CheckAsync(store, userId, ratings, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            await store.PutRatingsAsync(userId, ratings, cancellationToken).ConfigureAwait(false);
            metrics.Wrote(ratings.Length);
            return Results.NoContent();
        }).WithSummary("Rates many movies at once: all or none.");
        if (options.Visitors)
        {
            VisitorEndpoints.Map(endpoints, prefix);
        }

        writes.MapPost("/models/retrain", (ModelMaintenance maintenance) =>
        {
            maintenance.RequestRetrain();
            return Results.Accepted($"{prefix}/models");
        }).WithSummary("Asks for a retraining now; GET /models shows the new version once it serves.");
        return api;
    }

    private static async Task<IResult> ModelInfoAsync(ModelHost host, RatingStore store, CancellationToken cancellationToken)
    {
        using var lease = host.Acquire();
        var record = lease.Model.Record;
        var scale = await store.ScaleAsync(cancellationToken).ConfigureAwait(false);
        return Results.Ok(new ModelInfo(
            record.Version,
            record.Name,
            DateTimeOffset.FromUnixTimeMilliseconds(record.TrainedAt),
            record.Ratings,
            record.Users,
            record.Movies,
            record.ValidationRmse,
            lease.Model.Factors is not null,
            scale.ToString(),
            host.LastRefusal));
    }

    /// <summary>Refuses a write of ratings unless the user and every movie exist and every rating is on the scale; null when it may go.</summary>
    private static async Task<IResult?> CheckAsync(RatingStore store, long userId, IReadOnlyList<(long MovieId, float Rating)> ratings, CancellationToken cancellationToken)
    {
        if (await store.UserAsync(userId, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound("userId", userId, "user");
        }

        var scale = await store.ScaleAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (_, rating) in ratings)
        {
            if (!scale.Allows(rating))
            {
                return Invalid("rating", rating, $"expected a rating from {scale}");
            }
        }

        var movies = await store.MoviesAsync([.. ratings.Select(r => r.MovieId).Distinct()], cancellationToken).ConfigureAwait(false);
        foreach (var (movieId, _) in ratings)
        {
            if (!movies.ContainsKey(movieId))
            {
                return NotFound("movieId", movieId, "movie");
            }
        }

        return null;
    }

    /// <summary>A write needs the API key when one is set, a JSON body (so a page of another origin cannot send one as a simple request), and a body within the limit.</summary>
    private static ValueTask<object?> WriteFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next, MovieRecServerOptions options)
    {
        var http = context.HttpContext;
        if (options.ApiKey is { } key)
        {
            string given = http.Request.Headers[ApiKeyHeader].ToString();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
            {
                return ValueTask.FromResult<object?>(Problem(StatusCodes.Status401Unauthorized, "API key required", $"Writes need the server's API key in the {ApiKeyHeader} header.", ApiKeyHeader, given.Length == 0 ? null : "(wrong key)"));
            }
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxRequestBodyBytes;
        }

        return next(context);
    }

    internal static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, string shape, bool allowEmpty = false)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return allowEmpty ? (default, null) : (default, Invalid("body", null, $"the request has no body; send {shape}"));
        }

        long limit = request.HttpContext.RequestServices.GetRequiredService<MovieRecServerOptions>().MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return (default, Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", string.Create(CultureInfo.InvariantCulture, $"The body is larger than the {limit:N0} bytes allowed."), "body", null));
        }

        if (!request.HasJsonContentType())
        {
            return (default, Problem(StatusCodes.Status415UnsupportedMediaType, "JSON expected", $"The body must be JSON (Content-Type: application/json), for example {shape}.", "Content-Type", request.ContentType));
        }

        try
        {
            return (await JsonSerializer.DeserializeAsync<T>(request.Body, s_json, request.HttpContext.RequestAborted).ConfigureAwait(false), null);
        }
        catch (JsonException e)
        {
            return (default, Invalid("body", e.Path, $"the body is not JSON of the form {shape}"));
        }
        catch (BadHttpRequestException e)
        {
            return (default, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problem(e.StatusCode, "Body too large", string.Create(CultureInfo.InvariantCulture, $"The body is larger than the {limit:N0} bytes allowed."), "body", null)
                : Problem(StatusCodes.Status400BadRequest, "Unreadable body", "The request body could not be read: " + e.Message, "body", null));
        }
        catch (IOException e)
        {
            // Malformed framing (Kestrel reports a chunk size it cannot read as an IOException): the client's fault.
            return (default, Problem(StatusCodes.Status400BadRequest, "Unreadable body", "The request body could not be read: " + e.Message, "body", null));
        }
    }

    internal static IResult? Count(int? count, MovieRecServerOptions options) =>
        count is { } n && (n < 1 || n > options.MaxCount) ? Invalid("count", n, string.Create(CultureInfo.InvariantCulture, $"expected 1 to {options.MaxCount}")) : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static IResult NotFound(string field, object value, string what) =>
        Problem(StatusCodes.Status404NotFound, "Not found", string.Create(CultureInfo.InvariantCulture, $"There is no {what} with {field} {value}."), field, value);

    internal static IResult Invalid(string field, object? value, string expected) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid value", string.Create(CultureInfo.InvariantCulture, $"{field} {value ?? "(missing)"} is not accepted: {expected}."), field, value);

    internal static IResult Problem(int status, string title, string detail, string field, object? value) =>
        Results.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["field"] = field, ["value"] = value });
}
