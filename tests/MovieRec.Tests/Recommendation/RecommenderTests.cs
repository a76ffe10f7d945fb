using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Recommendation;

namespace MovieRec.Tests.Recommendation;

[TestFixture]
public sealed class RecommenderTests
{
    private RecommendationDataset _dataset = null!;
    private IRatingPredictor _mf = null!;

    [OneTimeSetUp]
    public void Train()
    {
        _dataset = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 4000, NumberOfUsers = 120, NumberOfMovies = 150, Seed = 11 });
        _mf = BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = 8, NumberOfIterations = 20, Seed = 3, NumberOfThreads = 1 }).Fit(_dataset.Ratings);
    }

    [Test]
    public void Favourites_are_the_top_predicted_unseen_movies()
    {
        var recommender = Recommender.Create(_mf, _dataset.Ratings);
        const int user = 5;
        var seen = Enumerable.Range(0, _dataset.Ratings.Count).Where(i => _dataset.Ratings.Users[i] == user).Select(i => _dataset.Ratings.Movies[i]).ToHashSet();
        var expected = Enumerable.Range(1, _mf.MovieIndexBound - 1).Where(m => !seen.Contains(m))
            .OrderByDescending(m => _mf.Predict(user, m)).ThenBy(m => m).Take(10).ToArray();

        var result = recommender.Favourites(user);

        Assert.Multiple(() =>
        {
            Assert.That(result.Select(r => r.Index), Is.EqualTo(expected));
            Assert.That(result.Select(r => r.Score), Is.Ordered.Descending);
            Assert.That(result[0].Score, Is.EqualTo(_mf.Predict(user, expected[0])).Within(1e-5f));
        });
    }

    [Test]
    public void New_user_who_liked_exactly_what_a_user_saw_gets_that_users_favourites()
    {
        var recommender = Recommender.Create(_mf, _dataset.Ratings);
        const int user = 7;
        var seen = Enumerable.Range(0, _dataset.Ratings.Count).Where(i => _dataset.Ratings.Users[i] == user).Select(i => _dataset.Ratings.Movies[i]).Distinct().ToArray();
        var options = new RecommendationOptions { NeighbourUsers = 1 };

        var result = recommender.ForLikedMovies(seen, options);

        Assert.Multiple(() =>
        {
            Assert.That(result.Select(r => r.Index), Is.EqualTo(recommender.Favourites(user, options).Select(r => r.Index)));
            Assert.That(result.Select(r => r.Index), Has.None.AnyOf(seen.Cast<object>().ToArray()));
        });
    }

    [Test]
    public void New_user_with_no_overlapping_user_gets_the_unknown_users_scores_without_the_liked_movies()
    {
        var recommender = Recommender.Create(_mf);
        var scores = new float[_mf.MovieIndexBound];
        _mf.ScoreAll(0, scores);
        var expected = Recommender.Top(scores, null, [3]);

        Assert.That(recommender.ForLikedMovies([3]).Select(r => r.Index), Is.EqualTo(expected.Select(r => r.Index)));
    }

    [Test]
    public void Liked_movies_must_be_known()
    {
        var recommender = Recommender.Create(_mf, _dataset.Ratings);
        var error = Assert.Throws<ArgumentException>(() => recommender.ForLikedMovies([2, _mf.MovieIndexBound]));
        Assert.That(error!.Message, Does.Contain($"Liked movie index {_mf.MovieIndexBound} is not a known movie"));
        Assert.That(Assert.Throws<ArgumentException>(() => recommender.ForLikedMovies([]))!.Message, Does.Contain("at least one"));
    }

    [Test]
    public void Favourites_can_include_seen_movies()
    {
        var recommender = Recommender.Create(_mf, _dataset.Ratings);
        var withSeen = recommender.Favourites(5, new RecommendationOptions { ExcludeSeen = false, Count = 150 });
        var withoutSeen = recommender.Favourites(5, new RecommendationOptions { Count = 150 });
        Assert.That(withSeen, Has.Count.GreaterThan(withoutSeen.Count));
    }

    [Test]
    public void Random_pick_is_seeded_and_comes_from_the_candidate_pool()
    {
        var recommender = Recommender.Create(_mf, _dataset.Ratings);
        var pool = recommender.Favourites(7, new RecommendationOptions { Count = 30 }).Select(r => r.Index).ToHashSet();
        var options = new RecommendationOptions { Count = 5, CandidatePool = 30, Seed = 1 };
        var first = recommender.Favourites(7, options);
        var again = recommender.Favourites(7, options);
        var other = recommender.Favourites(7, options with { Seed = 2 });

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Count.EqualTo(5));
            Assert.That(first.All(r => pool.Contains(r.Index)), Is.True);
            Assert.That(again, Is.EqualTo(first));
            Assert.That(other.Select(r => r.Index), Is.Not.EqualTo(first.Select(r => r.Index)));
            Assert.That(first.Select(r => r.Score), Is.Ordered.Descending);
        });
    }

    [Test]
    public void Similar_movies_rank_by_cosine_of_movie_vectors()
    {
        var recommender = Recommender.Create(_mf);
        var vectors = _mf.MovieVectors!;
        const int movie = 3;
        static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            double dot = 0, na = 0, nb = 0;
            for (int i = 0; i < a.Length; i++)
            {
                dot += a[i] * b[i];
                na += a[i] * a[i];
                nb += b[i] * b[i];
            }

            return dot / Math.Sqrt(na * nb);
        }

        var expected = Enumerable.Range(1, vectors.Rows - 1).Where(m => m != movie)
            .OrderByDescending(m => Cosine(vectors.Row(movie), vectors.Row(m))).Take(5).ToArray();

        var result = recommender.SimilarMovies(movie, new RecommendationOptions { Count = 5 });

        Assert.Multiple(() =>
        {
            Assert.That(result.Select(r => r.Index), Is.EqualTo(expected));
            Assert.That(result.All(r => r.Score is >= -1.0001f and <= 1.0001f), Is.True);
            Assert.That(result.Any(r => r.Index == movie), Is.False);
        });
    }

    [Test]
    public void Also_liked_aggregates_the_favourites_of_the_users_who_like_the_movie_most()
    {
        var recommender = Recommender.Create(_mf, _dataset.Ratings);
        const int movie = 4;
        var options = new RecommendationOptions { Count = 5, NeighbourUsers = 3, NeighbourFavourites = 4 };
        var neighbours = recommender.TopUsers(movie, 3);
        var expectedUsers = Enumerable.Range(1, _mf.UserIndexBound - 1).OrderByDescending(u => _mf.Predict(u, movie)).ThenBy(u => u).Take(3).ToArray();
        var listed = neighbours.SelectMany(n => Enumerable.Range(1, _mf.MovieIndexBound - 1).Where(m => m != movie)
            .OrderByDescending(m => _mf.Predict(n.Index, m)).ThenBy(m => m).Take(4)).ToHashSet();

        var result = recommender.AlsoLiked(movie, options);

        Assert.Multiple(() =>
        {
            Assert.That(neighbours.Select(n => n.Index), Is.EqualTo(expectedUsers));
            Assert.That(result, Is.Not.Empty);
            Assert.That(result.All(r => listed.Contains(r.Index)), Is.True);
            Assert.That(result.Any(r => r.Index == movie), Is.False);
            Assert.That(result.Select(r => r.Score), Is.Ordered.Descending);
        });
    }

    [Test]
    public void Unknown_user_gets_the_models_cold_start_favourites()
    {
        var recommender = Recommender.Create(_mf, _dataset.Ratings);
        var unknown = recommender.Favourites(_mf.UserIndexBound + 50);
        var zero = recommender.Favourites(0);
        Assert.Multiple(() =>
        {
            Assert.That(unknown, Is.EqualTo(zero));
            Assert.That(unknown, Has.Count.EqualTo(10));
            Assert.That(unknown.All(r => float.IsFinite(r.Score)), Is.True);
        });
    }

    [Test]
    public void Top_leaves_out_index_zero_exclusions_and_nan()
    {
        float[] scores = [9, 1, float.NaN, 5, 7, 3];
        var result = Recommender.Top(scores, new RecommendationOptions { Count = 3 }, [4]);
        Assert.That(result.Select(r => r.Index), Is.EqualTo(new[] { 3, 5, 1 }));
    }

    [Test]
    public void Counts_past_the_catalogue_return_every_movie_once()
    {
        var recommender = Recommender.Create(_mf, _dataset.Ratings);
        var everything = new RecommendationOptions { Count = int.MaxValue, ExcludeSeen = false };
        var pooled = new RecommendationOptions { Count = 5, CandidatePool = int.MaxValue, Seed = 3 };

        var favourites = recommender.Favourites(1, everything);
        var picked = recommender.Favourites(1, pooled);
        var similar = recommender.SimilarMovies(1, everything);
        var alsoLiked = recommender.AlsoLiked(1, new RecommendationOptions { Count = int.MaxValue, CandidatePool = int.MaxValue, NeighbourUsers = int.MaxValue });
        var users = recommender.TopUsers(1, int.MaxValue);

        Assert.Multiple(() =>
        {
            Assert.That(favourites, Has.Count.EqualTo(_mf.MovieIndexBound - 1));
            Assert.That(favourites.Select(r => r.Index).Distinct().Count(), Is.EqualTo(favourites.Count));
            Assert.That(picked, Has.Count.EqualTo(5));
            Assert.That(similar, Has.Count.EqualTo(_mf.MovieIndexBound - 2), "every movie but itself");
            Assert.That(alsoLiked, Is.Not.Empty.And.Count.LessThan(_mf.MovieIndexBound));
            Assert.That(users, Has.Count.EqualTo(_mf.UserIndexBound - 1));
        });
    }

    [Test]
    public void Invalid_arguments_are_rejected()
    {
        var recommender = Recommender.Create(_mf);
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => recommender.SimilarMovies(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => recommender.AlsoLiked(_mf.MovieIndexBound));
            Assert.Throws<ArgumentOutOfRangeException>(() => recommender.Favourites(1, new RecommendationOptions { Count = 0 }));
            Assert.Throws<ArgumentNullException>(() => Recommender.Create(null!));
            Assert.Throws<InvalidOperationException>(() => Recommender.Create(BaselineCatalog.GlobalMean().Fit(_dataset.Ratings)).SimilarMovies(1));
        });
    }
}
