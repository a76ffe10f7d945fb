using MovieRec.Data;

namespace MovieRec.Evaluation;

/// <summary>Seeded splits behind the <see cref="EvaluationProtocol"/> values.</summary>
internal static class ProtocolSplits
{
    public static EvaluationSplit Create(EvaluationProtocol protocol, RatingsTable ratings, int seed, int negatives) => protocol switch
    {
        EvaluationProtocol.Random80To20 => Random(ratings, 0.2, seed),
        EvaluationProtocol.Random90To10 => Random(ratings, 0.1, seed),
        EvaluationProtocol.Temporal80To20 => Temporal(ratings, 0.2),
        EvaluationProtocol.LeaveOneOut99 => LeaveOneOut(ratings, negatives, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "This protocol has no generated split; pass predefined folds."),
    };

    /// <summary>Shuffles rows with the seed and holds out the first round(n·fraction).</summary>
    public static EvaluationSplit Random(RatingsTable ratings, double testFraction, int seed)
    {
        var rows = Enumerable.Range(0, ratings.Count).ToArray();
        new Random(seed).Shuffle(rows);
        int testCount = (int)Math.Round(ratings.Count * testFraction);
        var test = rows.AsSpan(0, testCount).ToArray();
        var train = rows.AsSpan(testCount).ToArray();
        Array.Sort(test);
        Array.Sort(train);
        return new EvaluationSplit(ratings.Subset(train), ratings.Subset(test));
    }

    /// <summary>Holds out each user's latest ⌈n·fraction⌉ ratings (by time, then row), keeping at least one in training.</summary>
    public static EvaluationSplit Temporal(RatingsTable ratings, double testFraction)
    {
        var byUser = RowsByUserInTimeOrder(ratings);
        var train = new List<int>(ratings.Count);
        var test = new List<int>();
        foreach (var rows in byUser)
        {
            if (rows is null)
            {
                continue;
            }

            int held = Math.Min(rows.Count - 1, (int)Math.Ceiling(rows.Count * testFraction));
            for (int i = 0; i < rows.Count; i++)
            {
                (i < rows.Count - held ? train : test).Add(rows[i]);
            }
        }

        train.Sort();
        test.Sort();
        return new EvaluationSplit(ratings.Subset(train.ToArray()), ratings.Subset(test.ToArray()));
    }

    /// <summary>
    /// Holds out each user's latest rating (users with two or more ratings) and samples
    /// <paramref name="negatives"/> movies the user never rated as its candidates.
    /// </summary>
    public static EvaluationSplit LeaveOneOut(RatingsTable ratings, int negatives, int seed)
    {
        var byUser = RowsByUserInTimeOrder(ratings);
        int movieBound = ratings.MovieIndexBound;
        var present = new List<int>();
        var seenMovie = new bool[movieBound];
        foreach (int m in ratings.Movies)
        {
            seenMovie[m] = true;
        }

        for (int m = 1; m < movieBound; m++)
        {
            if (seenMovie[m])
            {
                present.Add(m);
            }
        }

        var random = new Random(seed);
        var train = new List<int>(ratings.Count);
        var test = new List<int>();
        var candidates = new List<int[]>();
        var rated = new HashSet<int>();
        var movies = ratings.Movies;
        foreach (var rows in byUser)
        {
            if (rows is null)
            {
                continue;
            }

            if (rows.Count < 2)
            {
                train.AddRange(rows);
                continue;
            }

            for (int i = 0; i < rows.Count - 1; i++)
            {
                train.Add(rows[i]);
            }

            int held = rows[^1];
            test.Add(held);
            rated.Clear();
            foreach (int r in rows)
            {
                rated.Add(movies[r]);
            }

            int available = present.Count - rated.Count;
            int take = Math.Min(negatives, Math.Max(0, available));
            var list = new int[take + 1];
            list[0] = movies[held];
            var chosen = new HashSet<int>();
            for (int n = 1; n <= take;)
            {
                int m = present[random.Next(present.Count)];
                if (!rated.Contains(m) && chosen.Add(m))
                {
                    list[n++] = m;
                }
            }

            candidates.Add(list);
        }

        train.Sort();
        return new EvaluationSplit(ratings.Subset(train.ToArray()), ratings.Subset(test.ToArray()), candidates);
    }

    private static List<int>?[] RowsByUserInTimeOrder(RatingsTable ratings)
    {
        var byUser = new List<int>?[ratings.UserIndexBound];
        var users = ratings.Users;
        for (int i = 0; i < ratings.Count; i++)
        {
            (byUser[users[i]] ??= []).Add(i);
        }

        var times = ratings.Timestamps.ToArray();
        foreach (var rows in byUser)
        {
            rows?.Sort((a, b) => times[a] != times[b] ? times[a].CompareTo(times[b]) : a.CompareTo(b));
        }

        return byUser;
    }
}
