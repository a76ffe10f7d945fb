using MovieRec.Data;

namespace MovieRec.Tests.Contract;

/// <summary>Small seeded latent-factor rating sets for baseline tests.</summary>
public static class LatentRatings
{
    /// <summary>
    /// Users 1..users rate a seeded random subset of movies 1..movies with
    /// round(3 + user bias + movie bias + 0.8·(p·q) + noise) clamped to 1..5; timestamps increase per row.
    /// </summary>
    public static RatingsTable Create(int users = 120, int movies = 80, double density = 0.3, int seed = 7)
    {
        var random = new Random(seed);
        const int rank = 3;
        var p = new double[users + 1, rank];
        var q = new double[movies + 1, rank];
        var bu = new double[users + 1];
        var bi = new double[movies + 1];
        for (int u = 1; u <= users; u++)
        {
            bu[u] = (random.NextDouble() - 0.5) * 1.0;
            for (int k = 0; k < rank; k++)
            {
                p[u, k] = (random.NextDouble() * 2) - 1;
            }
        }

        for (int m = 1; m <= movies; m++)
        {
            bi[m] = (random.NextDouble() - 0.5) * 1.5;
            for (int k = 0; k < rank; k++)
            {
                q[m, k] = (random.NextDouble() * 2) - 1;
            }
        }

        var us = new List<int>();
        var ms = new List<int>();
        var rs = new List<float>();
        var ts = new List<long>();
        for (int u = 1; u <= users; u++)
        {
            for (int m = 1; m <= movies; m++)
            {
                if (random.NextDouble() >= density)
                {
                    continue;
                }

                double dot = 0;
                for (int k = 0; k < rank; k++)
                {
                    dot += p[u, k] * q[m, k];
                }

                double r = 3 + bu[u] + bi[m] + (0.8 * dot) + ((random.NextDouble() - 0.5) * 0.5);
                us.Add(u);
                ms.Add(m);
                rs.Add((float)Math.Clamp(Math.Round(r), 1, 5));
                ts.Add(1_000_000 + us.Count);
            }
        }

        return RatingsTable.Create(us.ToArray(), ms.ToArray(), rs.ToArray(), ts.ToArray());
    }

    /// <summary>Splits rows into train and test: every fifth row is test.</summary>
    public static (RatingsTable Train, RatingsTable Test) Split(RatingsTable all)
    {
        var train = new List<int>();
        var test = new List<int>();
        for (int i = 0; i < all.Count; i++)
        {
            (i % 5 == 4 ? test : train).Add(i);
        }

        return (all.Subset(train.ToArray()), all.Subset(test.ToArray()));
    }
}
