using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MovieRec.Web;

/// <summary>Visitors by the random token of their cookie; the least recently seen are dropped beyond a limit.</summary>
internal sealed class VisitorStore(Catalogue catalogue, int capacity = VisitorStore.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;
    public const string CookieName = "movierec-visitor";

    private readonly ConcurrentDictionary<string, Visitor> _visitors = new(StringComparer.Ordinal);

    public int Count => _visitors.Count;

    /// <summary>The visitor of the request's cookie, or a new one (its token set as a cookie on the response).</summary>
    public Visitor For(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out string? token) && token is not null && _visitors.TryGetValue(token, out var known))
        {
            known.LastSeen = Environment.TickCount64;
            return known;
        }

        token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var visitor = new Visitor(catalogue, BitConverter.ToInt32(Convert.FromHexString(token.AsSpan(0, 8))));
        _visitors[token] = visitor;
        context.Response.Cookies.Append(CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, MaxAge = TimeSpan.FromDays(30) });
        if (_visitors.Count > capacity)
        {
            foreach (var stale in _visitors.OrderBy(p => p.Value.LastSeen).Take(_visitors.Count - capacity).ToArray())
            {
                _visitors.TryRemove(stale.Key, out _);
            }
        }

        return visitor;
    }
}
