using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace MovieRec.AspNetCore.Storage;

/// <summary>
/// Visitors of the page: each is a user of the database, known by a random token in a cookie. The database keeps only
/// the token's SHA-256, so a copy of it cannot be replayed as cookies. Nothing is evicted: one visitor's traffic cannot
/// push another's state out, and a client may create only so many visitors a minute, so it cannot fill the database.
/// </summary>
internal sealed class VisitorStore(RatingStore store, MovieRecServerOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _newVisitors = options.NewVisitorsPerMinute == 0 ? null
        : PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address, _ => new FixedWindowRateLimiterOptions { PermitLimit = options.NewVisitorsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>Whether the client at <paramref name="address"/> may create one more visitor this minute.</summary>
    public bool MayCreate(string address)
    {
        if (_newVisitors is null)
        {
            return true;
        }

        using var lease = _newVisitors.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose() => _newVisitors?.Dispose();

    /// <summary>A new random token for a visitor's cookie (256 bits, URL-safe).</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The user behind a token, or null when the token is unknown (or is not one).</summary>
    public async Task<UserRow?> UserOfAsync(string? token, CancellationToken cancellationToken)
    {
        if (token is not { Length: 43 })
        {
            return null;
        }

        await using var connection = await store.Database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(
            connection,
            null,
            $"SELECT {RatingStore.UserColumns} FROM visitors v JOIN users u ON u.user_id = v.user_id WHERE v.token_hash = @h",
            ("@h", Hash(token)));
        return await RatingStore.ReadUserAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a visitor of a new token: a new user, and the token's hash pointing at it.</summary>
    public async Task<UserRow> CreateAsync(string token, CancellationToken cancellationToken)
    {
        var user = await store.CreateUserAsync(null, null, null, cancellationToken).ConfigureAwait(false);
        await using var connection = await store.Database.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = RecommenderDatabase.Command(
            connection,
            null,
            "INSERT INTO visitors (token_hash, user_id, created_at) VALUES (@h, @u, @t)",
            ("@h", Hash(token)),
            ("@u", user.UserId),
            ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return user;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
