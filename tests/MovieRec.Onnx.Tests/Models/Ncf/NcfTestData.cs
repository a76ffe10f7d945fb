using MovieRec.Data;

namespace MovieRec.Onnx.Tests.Models.Ncf;

/// <summary>Small implicit and explicit data sets with a planted group structure, generated from fixed seeds.</summary>
internal static class NcfTestData
{
    /// <summary>
    /// Users and movies fall into <paramref name="groups"/> groups (index mod groups); each user rates
    /// <paramref name="perUser"/> movies of their own group and two random ones, with increasing timestamps.
    /// In-group ratings are 4–5, others 1–2.
    /// </summary>
    public static RatingsTable Grouped(int users = 60, int movies = 80, int groups = 4, int perUser = 12, int seed = 7)
    {
        var random = new Random(seed);
        var u = new List<int>();
        var m = new List<int>();
        var r = new List<float>();
        var t = new List<long>();
        long time = 0;
        for (int user = 1; user <= users; user++)
        {
            int group = user % groups;
            var own = Enumerable.Range(1, movies).Where(x => x % groups == group).OrderBy(_ => random.Next()).Take(perUser);
            var other = Enumerable.Range(1, movies).Where(x => x % groups != group).OrderBy(_ => random.Next()).Take(2);
            foreach (int movie in own.Concat(other).OrderBy(_ => random.Next()))
            {
                bool liked = movie % groups == group;
                u.Add(user);
                m.Add(movie);
                r.Add(liked ? 4 + random.Next(2) : 1 + random.Next(2));
                t.Add(++time);
            }
        }

        return RatingsTable.Create([.. u], [.. m], [.. r], [.. t]);
    }

    /// <summary>
    /// Explicit ratings from a rank-2 latent model: each of <paramref name="users"/> users rates
    /// <paramref name="perUser"/> random movies with round(3 + 3·pᵤ·qᵢ), clamped to 1–5.
    /// </summary>
    public static RatingsTable Latent(int users = 100, int movies = 60, int perUser = 30, int seed = 11)
    {
        var random = new Random(seed);
        var p = new double[users + 1, 2];
        var q = new double[movies + 1, 2];
        for (int i = 0; i <= users; i++)
        {
            p[i, 0] = (random.NextDouble() * 2) - 1;
            p[i, 1] = (random.NextDouble() * 2) - 1;
        }

        for (int i = 0; i <= movies; i++)
        {
            q[i, 0] = (random.NextDouble() * 2) - 1;
            q[i, 1] = (random.NextDouble() * 2) - 1;
        }

        var u = new List<int>();
        var m = new List<int>();
        var r = new List<float>();
        for (int user = 1; user <= users; user++)
        {
            foreach (int movie in Enumerable.Range(1, movies).OrderBy(_ => random.Next()).Take(perUser))
            {
                double dot = (p[user, 0] * q[movie, 0]) + (p[user, 1] * q[movie, 1]);
                u.Add(user);
                m.Add(movie);
                r.Add((float)Math.Clamp(Math.Round(3 + (3 * dot)), 1, 5));
            }
        }

        return RatingsTable.CreateWithoutTimestamps([.. u], [.. m], [.. r]);
    }
}
