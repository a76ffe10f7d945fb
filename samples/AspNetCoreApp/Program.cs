// An existing ASP.NET Core application that adds MovieRec's recommendation API beside its own endpoints:
// AddMovieRec registers the service (database, model, fold-in, retraining), MapMovieRec maps the API under a prefix.
//
//   bash samples/run.sh                                   # packs the packages, runs every sample against them
//   dotnet run --project samples/AspNetCoreApp            # after a pack: starts, asks itself, stops
//   dotnet run --project samples/AspNetCoreApp -- serve   # keeps serving on http://127.0.0.1:5090
using MovieRec.AspNetCore;

bool serve = args is ["serve"];
string folder = Path.Combine(Path.GetTempPath(), "movierec-aspnetcore-sample");
var builder = WebApplication.CreateBuilder();
builder.WebHost.UseUrls(serve ? "http://127.0.0.1:5090" : "http://127.0.0.1:0");
builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
builder.Services.AddMovieRec(options =>
{
    options.Database = Path.Combine(folder, "movies.db");        // or a PostgreSQL connection string: "Host=...;Database=..."
    options.ModelsDirectory = Path.Combine(folder, "models");
    options.Data = "synthetic";                                   // the dataset an empty database starts with
});

var app = builder.Build();
app.UseRateLimiter();
app.MapGet("/", () => "The application's own page; recommendations under /recommender.");
app.MapMovieRec("/recommender");
if (serve)
{
    await app.RunAsync();
    return 0;
}

// Start, ask the API as a client would, stop.
await app.StartAsync();
using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
Console.WriteLine(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
Console.WriteLine(await client.GetStringAsync(new Uri("/recommender/models", UriKind.Relative)));
string recommendations = await client.GetStringAsync(new Uri("/recommender/users/1/recommendations?count=3", UriKind.Relative));
Console.WriteLine(recommendations);
await app.StopAsync();
return recommendations.Contains("\"movies\"", StringComparison.Ordinal) ? 0 : 1;
