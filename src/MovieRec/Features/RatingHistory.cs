using System.Globalization;
using MovieRec.Data;

namespace MovieRec.Features;

/// <summary>
/// Each user's ratings in time order, read as the sequence of the movies they rated most recently before a given
/// moment: the user side of the sequence CNN (<c>seq-cnn</c>).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Fill"/> writes a history row of <c>2 × length</c> keys: the movie indices of the user's latest
/// <c>length</c> ratings made strictly before the moment, oldest first and right-aligned (0 pads the front when the
/// user has fewer), then their rating keys (<see cref="RatingKey"/>) in the same slots. A rating made at the moment
/// itself, or later, is never part of it, so a prediction for a rating made at time t reads only what came before t.
/// </para>
/// <para>
/// Ties keep the table's row order. A table without timestamps (<see cref="RatingsTable.HasTimestamps"/> false)
/// reads its row order as time: row i happened at moment i.
/// </para>
/// </remarks>
public sealed class RatingHistory
{
    /// <summary>Number of rating keys: 0 (padding) and 1 to 10 (half stars, 0.5 to 5).</summary>
    public const int RatingKeyCount = 11;

    private readonly int[] _start;
    private readonly long[] _times;
    private readonly int[] _movies;
    private readonly float[] _ratings;

    private RatingHistory(int[] start, long[] times, int[] movies, float[] ratings)
    {
        _start = start;
        _times = times;
        _movies = movies;
        _ratings = ratings;
    }

    /// <summary>Gets one more than the largest user index the history holds.</summary>
    public int UserIndexBound => _start.Length - 1;

    /// <summary>Gets the number of ratings the history holds.</summary>
    public int Count => _movies.Length;

    /// <summary>Orders every user's ratings by time.</summary>
    /// <param name="ratings">The ratings the histories are made of (a training set).</param>
    /// <returns>The histories.</returns>
    public static RatingHistory Create(RatingsTable ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        int users = ratings.UserIndexBound;
        var start = new int[users + 1];
        var userColumn = ratings.Users;
        foreach (int u in userColumn)
        {
            start[u + 1]++;
        }

        for (int u = 0; u < users; u++)
        {
            start[u + 1] += start[u];
        }

        int n = ratings.Count;
        var times = new long[n];
        var movies = new int[n];
        var values = new float[n];
        var rows = new int[n];
        var next = start[..^1];
        for (int i = 0; i < n; i++)
        {
            rows[next[userColumn[i]]++] = i;
        }

        // Time of each row: its timestamp, or its row number when the table has none; ties keep the row order.
        long[] time = ratings.HasTimestamps ? ratings.Timestamps.ToArray() : [.. Enumerable.Range(0, n).Select(i => (long)i)];
        Comparison<int> byTime = (a, b) => time[a] != time[b] ? time[a].CompareTo(time[b]) : a.CompareTo(b);
        for (int u = 0; u < users; u++)
        {
            var span = rows.AsSpan(start[u], start[u + 1] - start[u]);
            span.Sort(byTime);
            for (int k = 0; k < span.Length; k++)
            {
                times[start[u] + k] = time[span[k]];
                movies[start[u] + k] = ratings.Movies[span[k]];
                values[start[u] + k] = ratings.Ratings[span[k]];
            }
        }

        return new RatingHistory(start, times, movies, values);
    }

    /// <summary>The key of a rating: twice the rating, rounded, in 1 to 10 (0.5 stars → 1, 5 stars → 10).</summary>
    /// <param name="rating">A rating on the 0.5 to 5 scale; values outside it are clamped.</param>
    /// <returns>The key; 0 only for a rating that is not positive or not finite.</returns>
    public static long RatingKey(float rating) =>
        float.IsFinite(rating) && rating > 0 ? Math.Clamp((long)MathF.Round(rating * 2, MidpointRounding.AwayFromZero), 1, RatingKeyCount - 1) : 0;

    /// <summary>
    /// Writes the history of <paramref name="user"/> before <paramref name="before"/>: <paramref name="length"/> movie
    /// indices, then their <paramref name="length"/> rating keys (see the remarks of <see cref="RatingHistory"/>).
    /// </summary>
    /// <param name="user">Dense user index; an unknown user (0, or beyond the table) has an empty history.</param>
    /// <param name="before">Only ratings made strictly before this time count (Unix seconds, or a row number for a table without timestamps); <see cref="long.MaxValue"/> for all of them.</param>
    /// <param name="length">Slots per sequence, 1 or more.</param>
    /// <param name="destination">At least <c>2 × length</c> values; the first <c>2 × length</c> are written.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short or <paramref name="length"/> is below 1.</exception>
    public void Fill(int user, long before, int length, Span<long> destination)
    {
        if (length < 1 || destination.Length < 2 * length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A history of {length} slots needs {2 * Math.Max(length, 1)} values; destination has {destination.Length}."), nameof(destination));
        }

        destination[..(2 * length)].Clear();
        if ((uint)user >= (uint)UserIndexBound)
        {
            return;
        }

        int first = _start[user];
        var times = _times.AsSpan(first, _start[user + 1] - first);
        // The first position at or after `before`: everything in front of it came strictly before.
        int end = times.BinarySearch(before);
        if (end < 0)
        {
            end = ~end;
        }
        else
        {
            while (end > 0 && times[end - 1] == before)
            {
                end--;
            }
        }

        int take = Math.Min(length, end);
        int from = first + end - take;
        for (int k = 0; k < take; k++)
        {
            destination[length - take + k] = _movies[from + k];
            destination[(2 * length) - take + k] = RatingKey(_ratings[from + k]);
        }
    }
}
