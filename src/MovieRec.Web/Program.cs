using MovieRec.Web;

// The pick-what-you-like page: dotnet run --project src/MovieRec.Web [--urls http://127.0.0.1:5000] [--catalogue netflix|synthetic|FILE] [--encoder minilm|tfidf]
try
{
    await using var app = WebApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (WebAppOptionException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
