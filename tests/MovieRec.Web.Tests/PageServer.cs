using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using MovieRec.Data;
using MovieRec.Server;

namespace MovieRec.Web.Tests;

/// <summary>The server with the visitor's page, in process on loopback: a small synthetic dataset in a SQLite file, TF-IDF content; restartable on the same database.</summary>
internal sealed class PageServer : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("movierec-page-").FullName;
    private WebApplication? _app;

    public string Address { get; private set; } = string.Empty;

    public async Task StartAsync()
    {
        string data = Path.Combine(_folder, "data");
        if (!Directory.Exists(data))
        {
            Directory.CreateDirectory(data);
            var dataset = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 3000, NumberOfUsers = 120, NumberOfMovies = 150, Seed = 8 });
            DatasetWriter.WriteMovieLensCsv(dataset, data);
        }

        var arguments = ServerArguments.Parse([
            "--urls", "http://127.0.0.1:0", "--database", Path.Combine(_folder, "movierec.db"), "--models", Path.Combine(_folder, "models"),
            "--data", data, "--encoder", "tfidf", "--requests-per-second", "0", "--retrain-after", "0"]);
        _app = ServerApp.Build(arguments, builder => builder.Logging.ClearProviders());
        await _app.StartAsync();
        Address = _app.Urls.First();
    }

    /// <summary>Stops the server and starts a new one on the same database (a new port: a browser's cookies are the host's, not the port's).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
