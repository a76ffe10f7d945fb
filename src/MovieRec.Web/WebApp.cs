using System.Reflection;
using System.Text.Json;

namespace MovieRec.Web;

/// <summary>
/// The pick-what-you-like web app: a page that shows five movies with their genres and descriptions, lets the visitor
/// tick the ones they like, and shows the next five nearest to the running average of the liked movies' vectors, with
/// the visitor's five most liked genres below. A JSON API serves the page: <c>GET /api/state</c>,
/// <c>POST /api/submit</c> (<c>{"liked":[ids]}</c>) and <c>POST /api/reset</c>.
/// </summary>
public static class WebApp
{
    /// <summary>Largest request body accepted, in bytes; larger ones get 413.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Builds the app from command-line arguments: ASP.NET's own (<c>--urls</c>), <c>--catalogue</c>
    /// (<c>auto</c>: the Netflix titles when present, otherwise synthetic; <c>netflix</c>, <c>synthetic</c> or a CSV
    /// file) and <c>--encoder</c> (<c>auto</c>, <c>minilm</c>, <c>tfidf</c>).</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The app, not started.</returns>
    /// <exception cref="WebAppOptionException">An option's value cannot be used.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        string catalogueName = builder.Configuration["catalogue"] ?? "auto";
        string encoderName = builder.Configuration["encoder"] ?? "auto";
        var catalogue = Catalogue.Load(catalogueName, encoderName, Console.WriteLine);
        var store = new VisitorStore(catalogue);
        var app = builder.Build();
        Map(app, catalogue, store);
        app.Lifetime.ApplicationStopped.Register(catalogue.Model.Dispose);
        app.Lifetime.ApplicationStarted.Register(() =>
            Console.WriteLine($"MovieRec web: {catalogue.Count:N0} titles from {catalogue.Source} ({catalogue.Model.EncoderName}); listening on {string.Join(", ", app.Urls)}"));
        return app;
    }

    private static void Map(WebApplication app, Catalogue catalogue, VisitorStore store)
    {
        string page = ReadPage();
        app.UseExceptionHandler(error => error.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return context.Response.WriteAsJsonAsync(new { error = "The server could not handle this request." });
        }));
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/api/state", (HttpContext context) =>
        {
            var visitor = store.For(context);
            lock (visitor.Gate)
            {
                return Results.Json(visitor.State());
            }
        });
        app.MapPost("/api/reset", (HttpContext context) =>
        {
            var visitor = store.For(context);
            lock (visitor.Gate)
            {
                visitor.Reset();
                return Results.Json(visitor.State());
            }
        });
        app.MapPost("/api/submit", async (HttpContext context) =>
        {
            SubmitRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<SubmitRequest>(context.Request.Body, s_json, context.RequestAborted);
            }
            catch (JsonException)
            {
                return Error(StatusCodes.Status400BadRequest, "The body is not JSON of the form {\"liked\": [movie ids]}.");
            }
            catch (BadHttpRequestException e)
            {
                return Error(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"The body is larger than {MaxBodyBytes:N0} bytes." : "The request body could not be read.");
            }

            if (request?.Liked is not { } liked)
            {
                return Error(StatusCodes.Status400BadRequest, "The body has no \"liked\" list; send {\"liked\": [movie ids]} (an empty list for none).");
            }

            var visitor = store.For(context);
            lock (visitor.Gate)
            {
                if (visitor.Check(liked) is { } problem)
                {
                    return Error(StatusCodes.Status400BadRequest, problem);
                }

                visitor.Submit(liked);
                return Results.Json(visitor.State());
            }
        });
        app.MapFallback(() => Error(StatusCodes.Status404NotFound, "No such page; the app serves / and /api/state, /api/submit, /api/reset."));
        _ = catalogue;
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    private static string ReadPage()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MovieRec.Web.index.html")
            ?? throw new InvalidOperationException("The page resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    private sealed record SubmitRequest(int[]? Liked);
}
