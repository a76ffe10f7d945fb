using System.Numerics.Tensors;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Evaluation;

namespace MovieRec.Tests.Content;

[TestFixture]
public sealed class ContentModelTests
{
    private static readonly string[] s_plots =
    [
        "A retired hitman seeks revenge after gangsters kill his dog and steal his car.",
        "Gangsters hunt a retired hitman who takes revenge for his murdered partner.",
        "Two strangers fall in love during a summer in Paris and write letters for years.",
        "A shy baker falls in love with a painter in Paris one rainy summer.",
        "Astronauts stranded on Mars grow potatoes while waiting for a rescue mission.",
    ];

    private static RecommendationDataset WithPlots(out RatingsTable ratings)
    {
        var dataset = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 2000, NumberOfUsers = 60, NumberOfMovies = 80, Seed = 5 });
        var descriptions = new string?[dataset.Movies.Count];
        for (int m = 1; m < descriptions.Length; m++)
        {
            descriptions[m] = s_plots[(m - 1) % s_plots.Length] + $" Part {m}.";
        }

        ratings = dataset.Ratings;
        return dataset.WithMovies(dataset.Movies.WithDescriptions(descriptions));
    }

    [Test]
    public void Tfidf_vectors_are_unit_length_and_similar_plots_are_closer()
    {
        var encoder = TfidfTextEncoder.Fit(s_plots.Concat(s_plots));
        var vectors = new float[3 * encoder.Dimension];
        encoder.Encode([s_plots[0], s_plots[1], s_plots[2]], vectors);
        var a = vectors.AsSpan(0, encoder.Dimension).ToArray();
        var b = vectors.AsSpan(encoder.Dimension, encoder.Dimension).ToArray();
        var c = vectors.AsSpan(2 * encoder.Dimension, encoder.Dimension).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(TensorPrimitives.Norm<float>(a), Is.EqualTo(1f).Within(1e-5f));
            Assert.That(TensorPrimitives.Dot<float>(a, b), Is.GreaterThan(TensorPrimitives.Dot<float>(a, c) + 0.1f));
            Assert.That(() => encoder.Encode(["x"], new float[encoder.Dimension + 1]), Throws.ArgumentException.With.Message.Contains("expected 1 texts"));
        });

        var unknown = new float[encoder.Dimension];
        encoder.Encode(["zzz qqq"], unknown);
        Assert.That(unknown, Is.All.EqualTo(0f));
    }

    [Test]
    public void Profile_is_the_running_average_of_the_liked_vectors()
    {
        var profile = new ContentProfile(3);
        profile.Add([1, 0, 3]);
        profile.Add([3, 2, 0]);
        profile.Add([2, 4, 0]);

        Assert.Multiple(() =>
        {
            Assert.That(profile.Count, Is.EqualTo(3));
            Assert.That(profile.Mean.ToArray(), Is.EqualTo(new[] { 2f, 2f, 1f }).Within(1e-6f));
            Assert.That(() => profile.Add([1, 2]), Throws.ArgumentException.With.Message.Contains("has 2 values"));
        });
    }

    [Test]
    public void A_user_scores_movies_by_cosine_to_the_average_of_their_liked_movies()
    {
        var dataset = WithPlots(out var ratings);
        var model = new ContentTrainer().Fit(dataset, ratings);
        const int user = 3;
        var liked = Enumerable.Range(0, ratings.Count).Where(i => ratings.Users[i] == user).Select(i => ratings.Movies[i]).ToArray();
        var profile = model.NewProfile();
        foreach (int movie in liked)
        {
            model.AddLike(profile, movie);
        }

        var viaProfile = new float[model.MovieIndexBound];
        model.Score(profile, viaProfile);
        var all = new float[model.MovieIndexBound];
        ((IRatingPredictor)model).ScoreAll(user, all);

        Assert.Multiple(() =>
        {
            Assert.That(liked, Is.Not.Empty);
            Assert.That(all, Is.EqualTo(viaProfile).Within(1e-5f));
            Assert.That(model.Predict(user, 7), Is.EqualTo(all[7]).Within(1e-6f));
            Assert.That(model.Predict(0, 7), Is.EqualTo(0f));
            Assert.That(model.Predict(user, 10_000), Is.EqualTo(0f));
            Assert.That(model.MovieIndexBound, Is.EqualTo(dataset.Movies.Count));
            Assert.That(model.EncoderName, Is.EqualTo("tfidf"));
        });
    }

    [Test]
    public void A_movie_nobody_rated_is_recommended_for_a_plot_like_the_ones_liked()
    {
        var dataset = WithPlots(out var ratings);
        int fresh = dataset.Movies.Count - 1;
        var train = ratings.Where(i => ratings.Movies[i] != fresh);
        var model = new ContentTrainer().Fit(dataset, train);
        var profile = model.NewProfile();
        int sameStory = fresh - s_plots.Length;   // the same plot as the fresh movie, another part
        model.AddLike(profile, sameStory);

        var top = model.Recommend(profile, new() { Count = 20 }, [sameStory]);

        Assert.That(top.Select(r => r.Index), Does.Contain(fresh));
    }

    [Test]
    public void Training_without_the_dataset_says_how_to_train()
    {
        var dataset = WithPlots(out var ratings);
        Assert.Multiple(() =>
        {
            Assert.That(() => new ContentTrainer().Fit(ratings), Throws.InvalidOperationException.With.Message.Contains("Fit(dataset, train)"));
            Assert.That(() => new ContentTrainer(new ContentOptions { MaxFeatures = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("ContentOptions.MaxFeatures"));
            Assert.That(new ContentTrainer().ReadsDescriptions, Is.True);
            Assert.That(dataset.Movies.DescriptionCount, Is.EqualTo(dataset.Movies.Count - 1));
        });
    }

    [Test]
    public void Without_a_description_the_title_and_genres_stand_in()
    {
        var dataset = SyntheticDataset.Generate(1000, seed: 2);
        string text = ContentText.Of(dataset.Movies, 1);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith(MovieRec.Data.MovieTitles.StripYear(dataset.Movies.Titles[1])));
            Assert.That(ContentText.Of(dataset.Movies, 0), Is.Empty);
        });
    }

    [Test]
    public void Cached_vectors_are_encoded_once_and_survive_in_the_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), "movierec-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            var counting = new CountingEncoder(TfidfTextEncoder.Fit(s_plots.Concat(s_plots)));
            string file = CachedTextEncoder.FileFor(folder, counting);
            var first = new float[2 * counting.Dimension];
            new CachedTextEncoder(counting, file).Encode([s_plots[0], s_plots[2]], first);
            var cached = new CachedTextEncoder(counting, file);
            var second = new float[3 * counting.Dimension];
            cached.Encode([s_plots[2], s_plots[0], s_plots[0]], second);

            Assert.Multiple(() =>
            {
                Assert.That(counting.Texts, Is.EqualTo(2));
                Assert.That(cached.Count, Is.EqualTo(2));
                Assert.That(second.AsSpan(0, counting.Dimension).ToArray(), Is.EqualTo(first.AsSpan(counting.Dimension).ToArray()));
                Assert.That(second.AsSpan(counting.Dimension, counting.Dimension).ToArray(), Is.EqualTo(first.AsSpan(0, counting.Dimension).ToArray()));
            });

            File.WriteAllText(file, "damaged");
            Assert.That(new CachedTextEncoder(counting, file).Count, Is.Zero);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }
    }

    [Test]
    public void Hybrid_weights_zero_and_one_rank_as_their_halves_and_a_cold_movie_is_ranked_by_content()
    {
        var dataset = WithPlots(out var ratings);
        int fresh = dataset.Movies.Count - 1;
        var train = ratings.Where(i => ratings.Movies[i] != fresh);
        var mf = BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = 4, NumberOfIterations = 10, Seed = 1, NumberOfThreads = 1 });
        using var collaborativeOnly = new HybridTrainer(new HybridOptions { Collaborative = mf, Weight = 0, ColdNeighbours = 0 }).Fit(dataset, train);
        using var imputed = new HybridTrainer(new HybridOptions { Collaborative = mf, Weight = 0 }).Fit(dataset, train);
        using var contentOnly = new HybridTrainer(new HybridOptions { Collaborative = mf, Weight = 1 }).Fit(dataset, train);
        using var chosen = new HybridTrainer(new HybridOptions { Collaborative = mf }).Fit(dataset, train);
        const int user = 4;
        int[] movies = [1, 2, 3, 4, 5, 6, 7, 8];

        Assert.Multiple(() =>
        {
            Assert.That(movies.OrderBy(m => collaborativeOnly.Predict(user, m)), Is.EqualTo(movies.OrderBy(m => collaborativeOnly.Collaborative.Predict(user, m))));
            Assert.That(movies.OrderBy(m => contentOnly.Predict(user, m)), Is.EqualTo(movies.OrderBy(m => contentOnly.Content.Predict(user, m))));
            Assert.That(collaborativeOnly.Predict(user, fresh), Is.EqualTo(0f), "a movie with no rating scores the collaborative average");
            Assert.That(contentOnly.Predict(user, fresh), Is.Not.EqualTo(0f));
            Assert.That(imputed.Predict(user, fresh), Is.Not.EqualTo(0f).And.Not.NaN, "its content neighbours' collaborative scores stand in");
            var imputedAll = new float[imputed.MovieIndexBound];
            imputed.ScoreAll(user, imputedAll);
            Assert.That(imputedAll[fresh], Is.EqualTo(imputed.Predict(user, fresh)).Within(1e-5f));
            Assert.That(chosen.GateCounts, Is.EqualTo(HybridOptions.Defaults.GateCounts));
            Assert.That(chosen.Weights, Has.Count.EqualTo(4).And.All.InRange(0f, 1f));
            Assert.That(chosen.Weights.Select(w => w * 10), Is.EqualTo(chosen.Weights.Select(w => MathF.Round(w * 10))).Within(1e-4f), "weights on the 0.1 grid");
            Assert.That(chosen.WeightOf(fresh), Is.EqualTo(chosen.Weights[0]), "a movie with no training rating is in the first group");
            Assert.That(collaborativeOnly.Weights, Has.All.EqualTo(0f), "a fixed weight holds for every group");
            var batch = new float[movies.Length];
            ((IRatingPredictor)chosen).Predict(Enumerable.Repeat(user, movies.Length).ToArray(), movies, batch);
            Assert.That(batch, Is.EqualTo(movies.Select(m => chosen.Predict(user, m)).ToArray()).Within(1e-5f));
            var all = new float[chosen.MovieIndexBound];
            chosen.ScoreAll(user, all);
            Assert.That(all[fresh], Is.EqualTo(chosen.Predict(user, fresh)).Within(1e-5f));
        });
    }

    [Test]
    public void The_gate_puts_each_movie_in_the_group_of_its_training_rating_count()
    {
        var dataset = WithPlots(out var ratings);
        int fresh = dataset.Movies.Count - 1;
        var train = ratings.Where(i => ratings.Movies[i] != fresh);
        var counts = Enumerable.Range(0, dataset.Movies.Count).Select(m => train.Movies.ToArray().Count(x => x == m)).ToArray();
        var mf = BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = 4, NumberOfIterations = 10, Seed = 1, NumberOfThreads = 1 });
        using var one = new HybridTrainer(new HybridOptions { Collaborative = mf, GateCounts = [], Validation = EvaluationProtocol.LeaveOneOut99 }).Fit(dataset, train);
        using var gated = new HybridTrainer(new HybridOptions { Collaborative = mf, GateCounts = [1, 3] }).Fit(dataset, train);
        Assert.Multiple(() =>
        {
            Assert.That(one.Weights, Has.Count.EqualTo(1));
            for (int m = 1; m < dataset.Movies.Count; m++)
            {
                int group = counts[m] == 0 ? 0 : counts[m] < 3 ? 1 : 2;
                Assert.That(gated.WeightOf(m), Is.EqualTo(gated.Weights[group]), $"movie {m} with {counts[m]} training ratings");
                Assert.That(one.WeightOf(m), Is.EqualTo(one.Weights[0]));
            }
        });
    }

    [Test]
    public void Hybrid_options_name_what_is_wrong()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new HybridTrainer(new HybridOptions()), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("HybridOptions.Collaborative"));
            Assert.That(() => new HybridTrainer(new HybridOptions { Collaborative = BaselineCatalog.FromName("mf"), Weight = 1.5f }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("HybridOptions.Weight = 1.5"));
            Assert.That(() => new HybridTrainer(new HybridOptions { Collaborative = BaselineCatalog.FromName("mf"), WeightStep = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("HybridOptions.WeightStep"));
            Assert.That(() => new HybridTrainer(new HybridOptions { Collaborative = BaselineCatalog.FromName("mf"), GateCounts = [5, 5] }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("HybridOptions.GateCounts = [5, 5]"));
            Assert.That(() => new HybridTrainer(new HybridOptions { Collaborative = BaselineCatalog.FromName("mf"), GateCounts = [0] }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("strictly increasing counts of 1 or more"));
            Assert.That(() => new HybridTrainer(new HybridOptions { Collaborative = BaselineCatalog.FromName("mf"), Validation = EvaluationProtocol.Random80To20 }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("HybridOptions.Validation"));
        });
    }

    private sealed class CountingEncoder(ITextEncoder inner) : ITextEncoder
    {
        public int Texts { get; private set; }

        public string Name => inner.Name;

        public int Dimension => inner.Dimension;

        public void Encode(IReadOnlyList<string> texts, Span<float> vectors)
        {
            Texts += texts.Count;
            inner.Encode(texts, vectors);
        }
    }
}
