using MovieRec.Data;

namespace MovieRec.Tests.Data;

public sealed class SyntheticDatasetTests
{
    [TestCase(1_000)]
    [TestCase(54_321)]
    public void Generate_HasExactCountAndValidSchema(int count)
    {
        var data = SyntheticDataset.Generate(count, seed: 11);

        Assert.That(data.Ratings.Count, Is.EqualTo(count));
        Assert.That(data.Ratings.Ratings.ToArray(), Has.All.InRange(1f, 5f));
        Assert.That(data.Ratings.Ratings.ToArray().All(r => r == MathF.Round(r)), Is.True);
        var pairs = new HashSet<(int, int)>();
        for (int i = 0; i < data.Ratings.Count; i++)
        {
            Assert.That(pairs.Add((data.Ratings.Users[i], data.Ratings.Movies[i])), Is.True, "duplicate pair");
        }

        Assert.That(data.Users!.Age.ToArray().Skip(1).All(AgeGroups.IsMovieLens1MCode), Is.True);
        Assert.That(data.Movies.GenreNames, Is.EqualTo(MovieLensGenres.MovieLens1M));
        Assert.That(Enumerable.Range(1, data.MovieCount).All(m => data.Movies.GenresOf(m).Length > 0), Is.True);
        Assert.That(data.Movies.Titles[1], Does.EndWith($"({data.Movies.Years[1]})"));
    }

    [Test]
    public void Generate_SameSeedSameData_OtherSeedOtherData()
    {
        var a = SyntheticDataset.Generate(5_000, seed: 3);
        var b = SyntheticDataset.Generate(5_000, seed: 3);
        var c = SyntheticDataset.Generate(5_000, seed: 4);

        Assert.That(a.Ratings.Movies.ToArray(), Is.EqualTo(b.Ratings.Movies.ToArray()));
        Assert.That(a.Ratings.Ratings.ToArray(), Is.EqualTo(b.Ratings.Ratings.ToArray()));
        Assert.That(a.Movies.Titles, Is.EqualTo(b.Movies.Titles));
        Assert.That(a.Ratings.Movies.ToArray(), Is.Not.EqualTo(c.Ratings.Movies.ToArray()));
    }

    [Test]
    public void Generate_PopularityIsSkewed()
    {
        var data = SyntheticDataset.Generate(100_000, seed: 5);

        var perMovie = data.Ratings.Movies.ToArray().GroupBy(m => m).Select(g => g.Count()).OrderDescending().ToArray();
        int top10Percent = perMovie.Take(data.MovieCount / 10).Sum();
        Assert.That(top10Percent, Is.GreaterThan(data.Ratings.Count / 4), "the 10 % most popular movies should get over a quarter of the ratings");
        double mean = data.Ratings.Ratings.ToArray().Average(r => r);
        Assert.That(mean, Is.InRange(3.0, 4.2));
    }

    [Test]
    public void Generate_RatingsFollowTheHiddenModel()
    {
        // A user-mean + movie-mean predictor fitted on half the data must beat the global mean on the rest.
        var data = SyntheticDataset.Generate(60_000, seed: 8);
        var r = data.Ratings;
        double global = 0;
        var userSum = new double[data.UserIds.IndexCount];
        var userN = new int[data.UserIds.IndexCount];
        var movieSum = new double[data.MovieIds.IndexCount];
        var movieN = new int[data.MovieIds.IndexCount];
        int half = 0;
        for (int i = 0; i < r.Count; i += 2, half++)
        {
            global += r.Ratings[i];
            userSum[r.Users[i]] += r.Ratings[i];
            userN[r.Users[i]]++;
            movieSum[r.Movies[i]] += r.Ratings[i];
            movieN[r.Movies[i]]++;
        }

        global /= half;
        double baseError = 0;
        double biasError = 0;
        for (int i = 1; i < r.Count; i += 2)
        {
            double bu = userN[r.Users[i]] > 0 ? (userSum[r.Users[i]] / userN[r.Users[i]]) - global : 0;
            double bi = movieN[r.Movies[i]] > 5 ? (movieSum[r.Movies[i]] / movieN[r.Movies[i]]) - global : 0;
            baseError += Math.Pow(r.Ratings[i] - global, 2);
            biasError += Math.Pow(r.Ratings[i] - Math.Clamp(global + bu + bi, 1, 5), 2);
        }

        Assert.That(biasError, Is.LessThan(0.9 * baseError));
    }

    [TestCase(999)]
    [TestCase(25_000_001)]
    public void Generate_CountOutOfRange_Throws(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticDataset.Generate(count));
    }

    [Test]
    public void Generate_GridTooSmall_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 10_000, NumberOfUsers = 10, NumberOfMovies = 100 }));
    }

    [Test]
    public void Options_DefaultsAndOverrides()
    {
        var defaults = new SyntheticDataOptions();
        Assert.That(defaults.NumberOfRatings, Is.EqualTo(SyntheticDefaults.NumberOfRatings));
        Assert.That(defaults.Seed, Is.EqualTo(SyntheticDefaults.Seed));
        Assert.That(defaults.LatentFactors, Is.EqualTo(SyntheticDefaults.LatentFactors));

        var data = SyntheticDataset.Generate(defaults with { NumberOfRatings = 2_000, NumberOfUsers = 40, NumberOfMovies = 200 });
        Assert.That((data.UserCount, data.MovieCount), Is.EqualTo((40, 200)));
    }
}
