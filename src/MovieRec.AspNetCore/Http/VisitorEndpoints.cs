using MovieRec.AspNetCore.Serving;
using MovieRec.AspNetCore.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MovieRec.AspNetCore.Http;

/// <summary>
/// The visitor API of the page (<see cref="MovieRecServerOptions.Visitors"/>): <c>GET /visitor</c>,
/// <c>GET /visitor/suggestions</c>, <c>PUT</c> and <c>DELETE /visitor/ratings/{movieId}</c>, <c>DELETE /visitor/ratings</c>.
/// A visitor is known by an HttpOnly, SameSite=Strict cookie and becomes a user of the database with their first
/// rating. Writes come only from the page's own origin: a JSON body, and an <c>Origin</c> and <c>Sec-Fetch-Site</c>
/// that name the server when the browser sends them.
/// </summary>
internal static class VisitorEndpoints
{
    /// <summary>The cookie that carries a visitor's token.</summary>
    public const string CookieName = "movierec_visitor";

    /// <summary>The most genres <c>GET /visitor</c> lists.</summary>
    private const int TopGenreCount = 5;

    public static void Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<MovieRecServerOptions>();
        var visitor = endpoints.MapGroup(prefix + "/visitor").WithTags("Visitor");
        if (options.RequestsPerSecond > 0)
        {
            visitor.RequireRateLimiting(MovieRecEndpoints.RateLimitPolicy);
        }

        visitor.MapGet(string.Empty, async (HttpContext http, VisitorStore visitors, RatingStore store, CancellationToken cancellationToken) =>
        {
            var user = await visitors.UserOfAsync(http.Request.Cookies[CookieName], cancellationToken).ConfigureAwait(false);
            return Results.Ok(await StateAsync(user, store, cancellationToken).ConfigureAwait(false));
        }).WithSummary("The visitor's ratings and top genres; an empty state before their first rating.");
        visitor.MapGet("/suggestions", async (HttpContext http, int? count, VisitorStore visitors, RatingStore store, RecommendationService recommendations, CancellationToken cancellationToken) =>
        {
            if (MovieRecEndpoints.Count(count, options) is { } problem)
            {
                return problem;
            }

            var user = await visitors.UserOfAsync(http.Request.Cookies[CookieName], cancellationToken).ConfigureAwait(false);
            return Results.Ok(await recommendations.ForUserAsync(user, count ?? 10, cancellationToken).ConfigureAwait(false));
        }).WithSummary("Suggestions for the visitor, saying where they come from (popularity, content, hybrid, fold-in) and why.");

        var writes = visitor.MapGroup(string.Empty).AddEndpointFilter(SameOriginFilter);
        writes.MapPut("/ratings/{movieId:long}", async (long movieId, HttpContext http, VisitorStore visitors, RatingStore store, ServerMetrics metrics, CancellationToken cancellationToken) =>
        {
            var (body, problem) = await MovieRecEndpoints.ReadAsync<OpinionBody>(http.Request, "{\"opinion\": \"like\"} or {\"rating\": 4}").ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            var scale = await store.ScaleAsync(cancellationToken).ConfigureAwait(false);
            float? rating = body switch
            {
                { Opinion: "like", Rating: null } => scale.Max,
                { Opinion: "dislike", Rating: null } => scale.Lowest,
                { Opinion: null, Rating: { } r } when scale.Allows(r) => r,
                _ => null,
            };
            if (rating is not { } value)
            {
                return body is { Opinion: null, Rating: { } given }
                    ? MovieRecEndpoints.Invalid("rating", given, $"expected a rating from {scale}")
                    : MovieRecEndpoints.Invalid("opinion", body?.Opinion, "expected like or dislike, or a rating instead of an opinion");
            }

            if (await store.MovieAsync(movieId, cancellationToken).ConfigureAwait(false) is null)
            {
                return MovieRecEndpoints.NotFound("movieId", movieId, "movie");
            }

            var user = await visitors.UserOfAsync(http.Request.Cookies[CookieName], cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                string address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (!visitors.MayCreate(address))
                {
                    http.Response.Headers.RetryAfter = "60";
                    return MovieRecEndpoints.Problem(StatusCodes.Status429TooManyRequests, "Too many new visitors", $"This address has started {options.NewVisitorsPerMinute} new visitors in the last minute; try again in a minute.", "visitor", address);
                }

                string token = VisitorStore.NewToken();
                user = await visitors.CreateAsync(token, cancellationToken).ConfigureAwait(false);
                http.Response.Cookies.Append(CookieName, token, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = http.Request.IsHttps,
                    IsEssential = true,
                    Path = "/",
                    MaxAge = TimeSpan.FromDays(400),
                });
            }

            await store.PutRatingsAsync(user.UserId, [(movieId, value)], cancellationToken).ConfigureAwait(false);
            metrics.Wrote(1);
            return Results.NoContent();
        }).WithSummary("Likes, dislikes or rates a movie; the visitor's first rating makes them a user and sets their cookie.");
        writes.MapDelete("/ratings/{movieId:long}", (long movieId, HttpContext http, VisitorStore visitors, RatingStore store, ServerMetrics metrics, CancellationToken cancellationToken) =>
            DeleteAsync(movieId, http, visitors, store, metrics, cancellationToken))
            .WithSummary("Takes a like, dislike or rating back.");
        writes.MapDelete("/ratings", (HttpContext http, VisitorStore visitors, RatingStore store, ServerMetrics metrics, CancellationToken cancellationToken) =>
            DeleteAsync(null, http, visitors, store, metrics, cancellationToken))
            .WithSummary("Starts over: takes every rating of the visitor back.");
    }

    private static async Task<IResult> DeleteAsync(long? movieId, HttpContext http, VisitorStore visitors, RatingStore store, ServerMetrics metrics, CancellationToken cancellationToken)
    {
        var user = await visitors.UserOfAsync(http.Request.Cookies[CookieName], cancellationToken).ConfigureAwait(false);
        if (user is null || !await store.DeleteRatingAsync(user.UserId, movieId, cancellationToken).ConfigureAwait(false))
        {
            return movieId is { } id ? MovieRecEndpoints.NotFound("movieId", id, "rating of yours for the movie") : Results.NoContent();
        }

        metrics.Wrote(1);
        return Results.NoContent();
    }

    private static async Task<VisitorState> StateAsync(UserRow? user, RatingStore store, CancellationToken cancellationToken)
    {
        var scale = await store.ScaleAsync(cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new VisitorState(false, [], [], scale.ToString());
        }

        var ratings = await store.RatingsAsync(user.UserId, cancellationToken).ConfigureAwait(false);
        var movies = await store.MoviesAsync([.. ratings.Select(r => r.MovieId)], cancellationToken).ConfigureAwait(false);
        float liking = RecommendationService.LikeThreshold(scale);
        var list = new List<VisitorRating>(ratings.Count);
        var genres = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rating in ratings.Reverse())
        {
            if (!movies.TryGetValue(rating.MovieId, out var movie))
            {
                continue;
            }

            string opinion = rating.Rating >= scale.Max ? "like" : rating.Rating <= scale.Lowest ? "dislike" : "rated";
            list.Add(new VisitorRating(movie.MovieId, movie.Title, movie.Genres, rating.Rating, opinion));
            if (rating.Rating >= liking)
            {
                foreach (string genre in movie.Genres)
                {
                    genres[genre] = genres.GetValueOrDefault(genre) + 1;
                }
            }
        }

        var top = genres.OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).Take(TopGenreCount).Select(g => new GenreCount(g.Key, g.Value)).ToList();
        return new VisitorState(true, list, top, scale.ToString());
    }

    /// <summary>
    /// Refuses a write a page of another origin could have sent with the visitor's cookie: <c>Sec-Fetch-Site</c> other
    /// than same-origin (or none, typed by the person), or an <c>Origin</c> that is not this server. The JSON body the
    /// writes require already keeps such a request from being a simple one.
    /// </summary>
    private static ValueTask<object?> SameOriginFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        string site = request.Headers["Sec-Fetch-Site"].ToString();
        string origin = request.Headers.Origin.ToString();
        string own = $"{request.Scheme}://{request.Host}";
        if ((site.Length > 0 && site is not ("same-origin" or "none")) || (origin.Length > 0 && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)))
        {
            return ValueTask.FromResult<object?>(MovieRecEndpoints.Problem(
                StatusCodes.Status403Forbidden, "Cross-origin write refused", $"A visitor's writes come only from this server's own page ({own}).", "Origin", origin.Length > 0 ? origin : site));
        }

        return next(context);
    }
}
