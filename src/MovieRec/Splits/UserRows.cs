using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>Groups row numbers of a ratings table by user, each group in ascending row order.</summary>
internal static class UserRows
{
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
}
