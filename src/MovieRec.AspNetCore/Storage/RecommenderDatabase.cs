using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MovieRec.AspNetCore.Storage;

/// <summary>
/// The server's database: SQLite (a file) or PostgreSQL (a connection string with <c>Host=</c>), with one schema
/// written once and created by migrations at start. The SQL is the subset both speak (<c>ON CONFLICT … DO UPDATE</c>,
/// <c>RETURNING</c>, named parameters); the few differences live in this class.
/// </summary>
internal sealed class RecommenderDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;

    private RecommenderDatabase(string connectionString, NpgsqlDataSource? postgres, string description)
    {
        _connectionString = connectionString;
        _postgres = postgres;
        Description = description;
    }

    /// <summary>Gets a value indicating whether the database is PostgreSQL.</summary>
    public bool IsPostgres => _postgres is not null;

    /// <summary>Gets what the database is, for logs: the file, or the PostgreSQL host and database (no password).</summary>
    public string Description { get; }

    /// <summary>Gets the case-insensitive LIKE of the dialect.</summary>
    public string CaseInsensitiveLike => IsPostgres ? "ILIKE" : "LIKE";

    /// <summary>Opens the database named by <paramref name="database"/>: a PostgreSQL connection string or a SQLite file path.</summary>
    /// <exception cref="ArgumentException">A PostgreSQL connection string that does not parse.</exception>
    public static RecommenderDatabase Open(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        if (database.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(database);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--database: the PostgreSQL connection string does not parse ({e.Message}).", nameof(database), e);
            }

            if (!database.Contains("Pool Size", StringComparison.OrdinalIgnoreCase))
            {
                // A few connections per core: more only make PostgreSQL switch between them (and its default allows 100 clients in all).
                builder.MaxPoolSize = Math.Max(8, 4 * Environment.ProcessorCount);
            }

            return new RecommenderDatabase(database, NpgsqlDataSource.Create(builder), $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
        }

        string path = Path.GetFullPath(database);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var sqlite = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 };
        return new RecommenderDatabase(sqlite.ToString(), null, $"SQLite {path}");
    }

    /// <summary>Opens a connection (for SQLite with write-ahead logging and full synchronous commits: an acknowledged write survives a crash).</summary>
    public async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Begins a transaction that takes the write lock at once (SQLite's <c>BEGIN IMMEDIATE</c>), so two writers queue instead of failing.</summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(connection is SqliteConnection ? IsolationLevel.Serializable : IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    /// <summary>A command with named parameters (<c>@name</c> in <paramref name="sql"/>).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Creates or updates the schema: each migration once, in one transaction, under a lock two starting instances share.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        if (IsPostgres)
        {
            await using var lockCommand = Command(connection, transaction, "SELECT pg_advisory_xact_lock(727271)");
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = Command(connection, transaction, "CREATE TABLE IF NOT EXISTS movierec_schema (version INTEGER NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long version;
        await using (var read = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM movierec_schema"))
        {
            version = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        for (int i = (int)version; i < Migrations.Length; i++)
        {
            foreach (string statement in Migrations[i])
            {
                await using var command = Command(connection, transaction, statement);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = Command(connection, transaction, "INSERT INTO movierec_schema (version) VALUES (@v)", ("@v", i + 1));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The migrations, in order; the statements are the same on SQLite and PostgreSQL.</summary>
    private static readonly string[][] Migrations =
    [
        [
            "CREATE TABLE movies (movie_id BIGINT PRIMARY KEY, title TEXT NOT NULL, genres TEXT NOT NULL, year INTEGER NOT NULL)",
            "CREATE TABLE users (user_id BIGINT PRIMARY KEY, gender TEXT, age INTEGER, occupation INTEGER, changed_at BIGINT NOT NULL)",
            "CREATE TABLE ratings (user_id BIGINT NOT NULL, movie_id BIGINT NOT NULL, rating REAL NOT NULL, rated_at BIGINT NOT NULL, PRIMARY KEY (user_id, movie_id))",
            "CREATE INDEX ratings_movie ON ratings (movie_id)",
            "CREATE INDEX ratings_time ON ratings (rated_at)",
            "CREATE TABLE models (version BIGINT PRIMARY KEY, name TEXT NOT NULL, file TEXT NOT NULL, trained_at BIGINT NOT NULL, snapshot_at BIGINT NOT NULL, ratings BIGINT NOT NULL, users BIGINT NOT NULL, movies BIGINT NOT NULL, validation_rmse DOUBLE PRECISION, active INTEGER NOT NULL)",
            "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)",
        ],
        [
            // A visitor of the page: the SHA-256 of their cookie's token, and the user they are.
            "CREATE TABLE visitors (token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL, created_at BIGINT NOT NULL)",
        ],
    ];

    public void Dispose() => _postgres?.Dispose();
}
