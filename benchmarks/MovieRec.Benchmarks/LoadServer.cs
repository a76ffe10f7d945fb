using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using MovieRec.AspNetCore;

namespace MovieRec.Benchmarks;

/// <summary>
/// MovieRec.AspNetCore started in-process on 127.0.0.1 for a load report: a fresh database (a SQLite file in a temporary
/// folder, or a database of its own on the PostgreSQL of <c>MOVIEREC_POSTGRES</c>), the dataset imported and the first
/// model trained, the rate limiters and retraining off. Disposing it stops the server and removes the database.
/// </summary>
internal sealed class LoadServer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string? _postgresDatabase;
    private readonly WebApplication _app;

    private LoadServer(string folder, string? postgresDatabase, WebApplication app, TimeSpan startTime)
    {
        _folder = folder;
        _postgresDatabase = postgresDatabase;
        _app = app;
        StartTime = startTime;
        Address = new Uri(app.Urls.First());
    }

    public Uri Address { get; }

    /// <summary>Gets how long the start took (import, training, content encoding).</summary>
    public TimeSpan StartTime { get; }

    /// <param name="database"><c>sqlite</c> or <c>postgres</c>.</param>
    /// <param name="data">The dataset name (synthetic when the data folders do not have it).</param>
    /// <param name="configure">Further options.</param>
    public static async Task<LoadServer> StartAsync(string database, string data, Action<MovieRecServerOptions>? configure = null)
    {
        string folder = Directory.CreateTempSubdirectory("movierec-load-").FullName;
        string? postgresDatabase = null;
        WebApplication? app = null;
        try
        {
            string connection = Path.Combine(folder, "movierec.db");
            if (database == "postgres")
            {
                (connection, postgresDatabase) = await CreatePostgresDatabaseAsync();
            }

            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Services.AddMovieRec(options =>
            {
                options.Database = connection;
                options.ModelsDirectory = Path.Combine(folder, "models");
                options.Data = MovieRec.Data.DatasetCatalog.Resolve(data) is null ? "synthetic" : data;
                options.RequestsPerSecond = 0;
                options.NewVisitorsPerMinute = 0;
                options.RetrainAfterRatings = 0;
                configure?.Invoke(options);
            });
            app = builder.Build();
            app.MapMovieRec();
            var clock = Stopwatch.StartNew();
            await app.StartAsync();
            return new LoadServer(folder, postgresDatabase, app, clock.Elapsed);
        }
        catch
        {
            await CleanUpAsync(app, postgresDatabase, folder);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(CleanUpAsync(_app, _postgresDatabase, _folder));

    private static async Task CleanUpAsync(WebApplication? app, string? postgresDatabase, string folder)
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (postgresDatabase is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(Environment.GetEnvironmentVariable("MOVIEREC_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(string Connection, string Name)> CreatePostgresDatabaseAsync()
    {
        string admin = Environment.GetEnvironmentVariable("MOVIEREC_POSTGRES")
            ?? throw new InvalidOperationException("--database postgres needs MOVIEREC_POSTGRES, a connection string of a PostgreSQL server it may create a database on.");
        string name = $"movierec_load_{Guid.NewGuid():N}";
        await using var connection = new Npgsql.NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return (new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString(), name);
    }
}
