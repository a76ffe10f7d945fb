using MovieRec.Data;

namespace MovieRec.Tests.TestSupport;

/// <summary>Small random ratings tables with unique (user, movie) pairs.</summary>
public static class TestRatings
{
    public static RatingsTable Random(int users, int movies, int count, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<(int, int)>();
        var u = new List<int>();
        var m = new List<int>();
        var r = new List<float>();
        var t = new List<long>();
        while (u.Count < count)
        {
            int user = random.Next(1, users + 1);
            int movie = random.Next(1, movies + 1);
            if (seen.Add((user, movie)))
            {
                u.Add(user);
                m.Add(movie);
                r.Add(random.Next(1, 6));
                t.Add(random.Next(1_000_000));
            }
        }

        return RatingsTable.Create([.. u], [.. m], [.. r], [.. t]);
    }

    public static IEnumerable<(int User, int Movie)> Keys(RatingsTable table)
    {
        var list = new List<(int, int)>(table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            list.Add((table.Users[i], table.Movies[i]));
        }

        return list;
    }
}
