using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Tests.Contract;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Baselines;

public sealed class ImplicitItemKnnTests : RatingPredictorContract
{
    // User 1 rated movies 1, 2, 3; user 2 rated 1, 2; user 3 rated 2, 4. The rating values differ on
    // purpose: only the interactions count. U_1 = {1, 2}, U_2 = {1, 2, 3}, U_3 = {1}, U_4 = {3}, so
    // sim(1, 2) = 2/√6, sim(1, 3) = 1/√2, sim(2, 3) = sim(2, 4) = 1/√3, and movies 1 and 4 share nobody.
    private static readonly RatingsTable s_tiny = RatingsTable.Create([1, 1, 1, 2, 2, 3, 3], [1, 2, 3, 1, 2, 2, 4], [5f, 1f, 3f, 2f, 4f, 1f, 5f]);

    private static readonly float s_sim12 = (float)(2 / Math.Sqrt(6));
    private static readonly float s_sim13 = (float)(1 / Math.Sqrt(2));
    private static readonly float s_sim23 = (float)(1 / Math.Sqrt(3));

    protected override bool LearnsRatings => false;

    protected override IRatingTrainer CreateTrainer() => BaselineCatalog.ImplicitItemKnn(new ImplicitItemKnnOptions { NumberOfNeighbours = 10, NumberOfThreads = 2 });

    [Test]
    public void Options_have_documented_defaults_and_the_name_is_registered()
    {
        var o = new ImplicitItemKnnOptions();
        Assert.That(o.NumberOfNeighbours, Is.EqualTo(ImplicitItemKnnOptions.Defaults.NumberOfNeighbours));
        Assert.That(o.Shrinkage, Is.EqualTo(ImplicitItemKnnOptions.Defaults.Shrinkage));
        Assert.That(o.NumberOfThreads, Is.Null);
        Assert.That(BaselineCatalog.ImplicitItemKnn().Options.NumberOfNeighbours, Is.EqualTo(ImplicitItemKnnOptions.Defaults.NumberOfNeighbours));
        Assert.That(BaselineCatalog.ImplicitItemKnn(7).Options.NumberOfNeighbours, Is.EqualTo(7));
        Assert.That(BaselineCatalog.FromName("iknn").Name, Is.EqualTo("iknn"));
        Assert.That(BaselineCatalog.FromName("IKNN").Name, Is.EqualTo("iknn"));
        Assert.That(BaselineCatalog.ModelNames, Does.Contain("iknn"));
    }

    [Test]
    public void Similarities_are_the_cosine_of_binary_user_vectors()
    {
        var model = Fit(s_tiny, new ImplicitItemKnnOptions { Shrinkage = 0 });
        Assert.That(model.Predicts, Is.Not.EqualTo(PredictionKind.Rating));
        AssertNeighbours(model, 1, [2, 3], [s_sim12, s_sim13]);
        AssertNeighbours(model, 2, [1, 3, 4], [s_sim12, s_sim23, s_sim23]);
        AssertNeighbours(model, 3, [1, 2], [s_sim13, s_sim23]);
        AssertNeighbours(model, 4, [2], [s_sim23]);
    }

    [Test]
    public void Shrinkage_is_added_to_the_denominator()
    {
        var model = Fit(s_tiny, new ImplicitItemKnnOptions { Shrinkage = 1 });
        AssertNeighbours(model, 1, [2, 3], [(float)(2 / (Math.Sqrt(6) + 1)), (float)(1 / (Math.Sqrt(2) + 1))]);
    }

    [Test]
    public void Scores_sum_the_similarities_of_the_users_rated_neighbours()
    {
        var model = Fit(s_tiny, new ImplicitItemKnnOptions { Shrinkage = 0 });
        Assert.Multiple(() =>
        {
            Assert.That(model.Predict(3, 1), Is.EqualTo(s_sim12).Within(1e-6f), "user 3 rated neighbour 2 of movie 1");
            Assert.That(model.Predict(2, 3), Is.EqualTo(s_sim13 + s_sim23).Within(1e-6f), "user 2 rated both neighbours of movie 3");
            Assert.That(model.Predict(2, 4), Is.EqualTo(s_sim23).Within(1e-6f));
            Assert.That(model.Predict(3, 3), Is.EqualTo(s_sim23).Within(1e-6f));
            Assert.That(model.Predict(1, 4), Is.EqualTo(s_sim23).Within(1e-6f));
        });
    }

    [Test]
    public void Only_the_k_most_similar_neighbours_are_kept_with_ties_to_the_lower_index()
    {
        var one = Fit(s_tiny, new ImplicitItemKnnOptions { Shrinkage = 0, NumberOfNeighbours = 1 });
        AssertNeighbours(one, 2, [1], [s_sim12]);
        AssertNeighbours(one, 3, [1], [s_sim13]);
        Assert.That(one.Predict(2, 3), Is.EqualTo(s_sim13).Within(1e-6f), "the dropped neighbour 2 no longer counts");
        Assert.That(one.Predict(3, 1), Is.EqualTo(s_sim12).Within(1e-6f));

        // Movies 3 and 4 are equally similar to movie 2: the lower index wins the second slot.
        var two = Fit(s_tiny, new ImplicitItemKnnOptions { Shrinkage = 0, NumberOfNeighbours = 2 });
        AssertNeighbours(two, 2, [1, 3], [s_sim12, s_sim23]);
        Assert.That(two.Predict(3, 2), Is.Zero, "user 3 rated only the dropped neighbour 4 of movie 2");
    }

    [Test]
    public void Unknown_ids_and_movies_without_rated_neighbours_score_zero()
    {
        // Movie 5 is rated only by user 4, who rated nothing else: it has no neighbours.
        var table = RatingsTable.Create([1, 1, 1, 2, 2, 3, 3, 4], [1, 2, 3, 1, 2, 2, 4, 5], [5f, 1f, 3f, 2f, 4f, 1f, 5f, 4f]);
        var model = Fit(table, new ImplicitItemKnnOptions());
        var scores = new float[model.MovieIndexBound];
        Assert.Multiple(() =>
        {
            Assert.That(model.NeighboursOf(5).Indices.Length, Is.Zero);
            Assert.That(model.NeighboursOf(0).Indices.Length, Is.Zero);
            Assert.That(model.NeighboursOf(-1).Indices.Length, Is.Zero);
            Assert.That(model.NeighboursOf(99).Indices.Length, Is.Zero);
            Assert.That(model.Predict(1, 5), Is.Zero);
            Assert.That(model.Predict(4, 1), Is.Zero, "user 4's only movie is nobody's neighbour");
            Assert.That(model.Predict(0, 1), Is.Zero);
            Assert.That(model.Predict(-2, 1), Is.Zero);
            Assert.That(model.Predict(model.UserIndexBound, 1), Is.Zero);
            Assert.That(model.Predict(1, 0), Is.Zero);
            Assert.That(model.Predict(1, -1), Is.Zero);
            Assert.That(model.Predict(1, model.MovieIndexBound), Is.Zero);
        });

        scores.AsSpan().Fill(float.NaN);
        model.ScoreAll(model.UserIndexBound + 5, scores);
        Assert.That(scores, Is.All.Zero);
        scores.AsSpan().Fill(float.NaN);
        model.ScoreAll(4, scores);
        Assert.That(scores, Is.All.Zero);
    }

    [Test]
    public void Score_all_and_batches_equal_single_predictions_exactly()
    {
        var table = TestRatings.Random(50, 40, 500, seed: 3);
        var model = Fit(table, new ImplicitItemKnnOptions { NumberOfNeighbours = 8 });
        var scores = new float[model.MovieIndexBound];
        var users = new List<int>();
        var movies = new List<int>();
        for (int u = 0; u <= model.UserIndexBound; u++)
        {
            model.ScoreAll(u, scores);
            for (int m = 0; m < model.MovieIndexBound; m++)
            {
                Assert.That(scores[m], Is.EqualTo(model.Predict(u, m)), $"user {u}, movie {m}");
            }

            // Long runs of one user, short runs and unknown movies mixed.
            int run = u % 3 == 0 ? 1 : model.MovieIndexBound + 1;
            for (int m = -1; m < run; m++)
            {
                users.Add(u);
                movies.Add(m);
            }
        }

        var output = new float[users.Count];
        model.Predict(users.ToArray(), movies.ToArray(), output);
        for (int i = 0; i < output.Length; i++)
        {
            Assert.That(output[i], Is.EqualTo(model.Predict(users[i], movies[i])), $"pair {i}: user {users[i]}, movie {movies[i]}");
        }
    }

    [Test]
    public void The_model_does_not_depend_on_the_thread_count()
    {
        var table = TestRatings.Random(80, 60, 1200, seed: 5);
        var one = Fit(table, new ImplicitItemKnnOptions { NumberOfNeighbours = 12, NumberOfThreads = 1 });
        var four = Fit(table, new ImplicitItemKnnOptions { NumberOfNeighbours = 12, NumberOfThreads = 4 });
        for (int m = 0; m < one.MovieIndexBound; m++)
        {
            Assert.That(four.NeighboursOf(m).Indices.ToArray(), Is.EqualTo(one.NeighboursOf(m).Indices.ToArray()));
            Assert.That(four.NeighboursOf(m).Similarities.ToArray(), Is.EqualTo(one.NeighboursOf(m).Similarities.ToArray()));
        }

        var a = new float[one.MovieIndexBound];
        var b = new float[one.MovieIndexBound];
        for (int u = 1; u < one.UserIndexBound; u++)
        {
            one.ScoreAll(u, a);
            four.ScoreAll(u, b);
            Assert.That(b, Is.EqualTo(a));
        }
    }

    [Test]
    public void Beats_popularity_under_leave_one_out_on_grouped_tastes()
    {
        var report = ExperimentRunner.Run(
            GroupedInteractions(),
            [BaselineCatalog.Popularity(), BaselineCatalog.ImplicitItemKnn(new ImplicitItemKnnOptions { NumberOfNeighbours = 20, NumberOfThreads = 2 })],
            new ExperimentOptions { Protocol = EvaluationProtocol.LeaveOneOut99, Negatives = 20, Seeds = 2 });
        var pop = report.Models[0].Metrics;
        var knn = report.Models[1].Metrics;
        Assert.That(report.Models[1].Model, Is.EqualTo("iknn"));
        Assert.That(knn["HR@10"].Mean, Is.GreaterThan(pop["HR@10"].Mean + 0.2));
        Assert.That(knn["NDCG@10"].Mean, Is.GreaterThan(pop["NDCG@10"].Mean + 0.1));
    }

    [TestCase(nameof(ImplicitItemKnnOptions.NumberOfNeighbours))]
    [TestCase(nameof(ImplicitItemKnnOptions.Shrinkage))]
    [TestCase(nameof(ImplicitItemKnnOptions.NumberOfThreads))]
    public void Invalid_options_are_rejected_naming_the_option(string name)
    {
        var options = name switch
        {
            nameof(ImplicitItemKnnOptions.NumberOfNeighbours) => new ImplicitItemKnnOptions { NumberOfNeighbours = 0 },
            nameof(ImplicitItemKnnOptions.Shrinkage) => new ImplicitItemKnnOptions { Shrinkage = float.NaN },
            _ => new ImplicitItemKnnOptions { NumberOfThreads = 0 },
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.ImplicitItemKnn(options))!;
        Assert.That(error.ParamName, Is.EqualTo(name));
        Assert.That(error.Message, Does.Contain(name));
        Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.ImplicitItemKnn(new ImplicitItemKnnOptions { Shrinkage = -1 }));
        Assert.Throws<ArgumentNullException>(() => BaselineCatalog.ImplicitItemKnn(null!));
    }

    private static ImplicitItemKnnModel Fit(RatingsTable table, ImplicitItemKnnOptions options) =>
        (ImplicitItemKnnModel)BaselineCatalog.ImplicitItemKnn(options).Fit(table);

    private static void AssertNeighbours(ImplicitItemKnnModel model, int movie, int[] indices, float[] similarities)
    {
        var (ids, sims) = model.NeighboursOf(movie);
        Assert.That(ids.ToArray(), Is.EqualTo(indices), $"neighbours of movie {movie}");
        Assert.That(sims.ToArray(), Is.EqualTo(similarities).Within(1e-6f), $"similarities of movie {movie}");
    }

    /// <summary>
    /// 200 users in four taste groups, each watching about 14 of its group's 25 movies plus 2 movies at
    /// random, in a random order. Every group is equally popular, so popularity cannot tell tastes apart.
    /// </summary>
    private static RatingsTable GroupedInteractions()
    {
        var random = new Random(17);
        const int groups = 4, moviesPerGroup = 25;
        var users = new List<int>();
        var movies = new List<int>();
        var seen = new HashSet<int>();
        for (int u = 1; u <= 200; u++)
        {
            int group = u % groups;
            seen.Clear();
            while (seen.Count < 14)
            {
                seen.Add(1 + (group * moviesPerGroup) + random.Next(moviesPerGroup));
            }

            while (seen.Count < 16)
            {
                seen.Add(1 + random.Next(groups * moviesPerGroup));
            }

            foreach (int m in seen)
            {
                users.Add(u);
                movies.Add(m);
            }
        }

        var ratings = new float[users.Count];
        var times = new long[users.Count];
        for (int i = 0; i < users.Count; i++)
        {
            ratings[i] = random.Next(1, 6);
            times[i] = random.Next(1_000_000);
        }

        return RatingsTable.Create([.. users], [.. movies], ratings, times);
    }
}
