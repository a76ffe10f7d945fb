using System.Reflection;

namespace MovieRec.Server;

/// <summary>
/// The visitor's page: <c>/</c>, <c>/page.js</c>, <c>/page.css</c> and <c>/favicon.svg</c>, compiled into the server, a client of the
/// visitor API. The page's own Content-Security-Policy allows scripts, styles and requests from this server alone.
/// </summary>
internal static class VisitorPage
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Map(WebApplication app)
    {
        foreach (var (path, resource, type) in new[]
        {
            ("/", "index.html", "text/html; charset=utf-8"),
            ("/page.js", "page.js", "text/javascript; charset=utf-8"),
            ("/page.css", "page.css", "text/css; charset=utf-8"),
            ("/favicon.svg", "favicon.svg", "image/svg+xml"),
        })
        {
            string text = Read(resource);
            app.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.ContentSecurityPolicy = Policy;
                return Results.Content(text, type);
            }).ExcludeFromDescription();
        }
    }

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MovieRec.Server.Page." + name)
            ?? throw new InvalidOperationException($"The page's {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
