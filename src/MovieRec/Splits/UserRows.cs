using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>Groups row numbers of a ratings table by user, each group in ascending row order.</summary>
public static class UserRows
{
    /// <summary>Groups the rows by user (users in ascending index order), each group in time order, ties in row order.</summary>
    /// <param name="ratings">The ratings.</param>
    /// <returns>One array of row numbers per user who has ratings, users in ascending index order.</returns>
    public static List<int[]> GroupByTime(RatingsTable ratings)
    {
        var groups = Group(ratings);
        var times = ratings.Timestamps;
        foreach (int[] rows in groups)
        {
            var keys = new (long Time, int Row)[rows.Length];
            for (int k = 0; k < rows.Length; k++)
            {
                keys[k] = (times[rows[k]], rows[k]);
            }

            keys.AsSpan().Sort(rows.AsSpan());
        }

        return groups;
    }

    /// <summary>Groups the rows by user (users in ascending index order), each group in row order.</summary>
    /// <param name="ratings">The ratings.</param>
    /// <returns>One array of row numbers per user who has ratings, users in ascending index order.</returns>
    public static List<int[]> Group(RatingsTable ratings)
    {
        var users = ratings.Users;
        int bound = ratings.UserIndexBound;
        var counts = new int[bound];
        foreach (int u in users)
        {
            counts[u]++;
        }

        var groups = new int[bound][];
        for (int u = 0; u < bound; u++)
        {
            groups[u] = counts[u] == 0 ? [] : new int[counts[u]];
        }

        var fill = new int[bound];
        for (int i = 0; i < users.Length; i++)
        {
            int u = users[i];
            groups[u][fill[u]++] = i;
        }

        return [.. groups.Where(g => g.Length > 0)];
    }

    /// <summary>The row of <paramref name="rows"/> with the largest timestamp, ties broken by the later row.</summary>
    /// <param name="rows">One user's rows, in table order; not empty.</param>
    /// <param name="timestamps">The table's timestamps.</param>
    /// <returns>The latest row.</returns>
    public static int Latest(ReadOnlySpan<int> rows, ReadOnlySpan<long> timestamps)
    {
        int latest = rows[0];
        foreach (int r in rows)
        {
            if (timestamps[r] >= timestamps[latest])
            {
                latest = r;
            }
        }

        return latest;
    }
}
