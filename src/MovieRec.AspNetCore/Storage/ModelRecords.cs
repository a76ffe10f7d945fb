using System.Data.Common;
using System.Globalization;

namespace MovieRec.AspNetCore.Storage;

/// <summary>A model in the registry.</summary>
/// <param name="Version">Its version, from 1.</param>
/// <param name="Name">The model's name (for example <c>mf</c>).</param>
/// <param name="File">The bundle's file name in the models folder.</param>
/// <param name="TrainedAt">When it was trained (Unix milliseconds).</param>
/// <param name="SnapshotAt">When the ratings it was trained on were read: users changed after it are folded in.</param>
/// <param name="Ratings">Ratings trained on.</param>
/// <param name="Users">Users trained on.</param>
/// <param name="Movies">Movies in the catalogue.</param>
/// <param name="ValidationRmse">RMSE on a validation slice of 10 % of the ratings (a model trained on the rest), or null.</param>
internal sealed record ModelRecord(long Version, string Name, string File, long TrainedAt, long SnapshotAt, long Ratings, long Users, long Movies, double? ValidationRmse);

/// <summary>
/// The registry of models in the database: which bundle serves, shared by every instance (each polls the active version
/// and swaps to it), and the lease that lets one instance at a time retrain.
/// </summary>
internal sealed class ModelRecords(RecommenderDatabase database)
{
    private const string Columns = "version, name, file, trained_at, snapshot_at, ratings, users, movies, validation_rmse";

    /// <summary>The active model, or null before the first.</summary>
    public async Task<ModelRecord?> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, $"SELECT {Columns} FROM models WHERE active = 1 ORDER BY version DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>The model registered for a bundle file, or null.</summary>
    public async Task<ModelRecord?> ByFileAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, $"SELECT {Columns} FROM models WHERE file = @f ORDER BY version DESC LIMIT 1", ("@f", file));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>The next free version, for naming a bundle before it is registered.</summary>
    public async Task<long> NextVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, "SELECT COALESCE(MAX(version), 0) + 1 FROM models");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Registers a bundle as the active model (a new version; every instance swaps to it at its next poll).</summary>
    public async Task<ModelRecord> ActivateAsync(ModelRecord model, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await RecommenderDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            try
            {
                long version;
                await using (var next = RecommenderDatabase.Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) + 1 FROM models"))
                {
                    version = Convert.ToInt64(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }

                await using (var clear = RecommenderDatabase.Command(connection, transaction, "UPDATE models SET active = 0 WHERE active = 1"))
                {
                    await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var insert = RecommenderDatabase.Command(
                    connection,
                    transaction,
                    $"INSERT INTO models ({Columns}, active) VALUES (@v, @n, @f, @t, @s, @r, @u, @m, @e, 1)",
                    ("@v", version),
                    ("@n", model.Name),
                    ("@f", model.File),
                    ("@t", model.TrainedAt),
                    ("@s", model.SnapshotAt),
                    ("@r", model.Ratings),
                    ("@u", model.Users),
                    ("@m", model.Movies),
                    ("@e", model.ValidationRmse)))
                {
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return model with { Version = version };
            }
            catch (DbException) when (attempt < 5)
            {
                // Another instance registered a version at the same time: take the next one.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Takes (or renews) the named lease for <paramref name="holder"/> when it is free or expired; true when taken.</summary>
    public async Task<bool> TryLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await RecommenderDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(
            connection,
            transaction,
            "INSERT INTO leases (name, holder, expires_at) VALUES (@n, @h, @e) ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at WHERE leases.expires_at < @now OR leases.holder = excluded.holder",
            ("@n", name),
            ("@h", holder),
            ("@e", now + (long)duration.TotalMilliseconds),
            ("@now", now));
        int taken = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return taken > 0;
    }

    /// <summary>Gives the lease up, if <paramref name="holder"/> has it.</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        await using var connection = await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(connection, null, "DELETE FROM leases WHERE name = @n AND holder = @h", ("@n", name), ("@h", holder));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ModelRecord Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt64(3),
        reader.GetInt64(4),
        reader.GetInt64(5),
        reader.GetInt64(6),
        reader.GetInt64(7),
        reader.IsDBNull(8) ? null : reader.GetDouble(8));
}
