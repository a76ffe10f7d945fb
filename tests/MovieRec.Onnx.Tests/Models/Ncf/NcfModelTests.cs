using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.Ncf;

namespace MovieRec.Onnx.Tests.Models.Ncf;

public sealed class NcfModelTests
{
    private static readonly NcfOptions s_options = new()
    {
        Architecture = NcfArchitecture.NeuMF,
        Pretrain = false,
        Factors = 4,
        MlpLayers = [8, 4],
        ScoringBatchSize = 7,
        Training = NcfOptions.Defaults.Training with { Epochs = 2, BatchSize = 64, LearningRate = 0.01, IntraOpThreads = 1 },
    };

    [Test]
    public void BatchedPredictAndScoreAll_MatchSinglePredictions()
    {
        using var model = NcfCatalog.Create(s_options).Fit(NcfTestData.Grouped());
        int[] users = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
        int[] movies = [1, 5, 9, 13, 17, 21, 25, 29, 33, 37, 41, 45, 49, 53, 57, 61, 65];
        var batch = new float[users.Length];
        model.Predict(users, movies, batch);
        var all = new float[model.MovieIndexBound];
        model.ScoreAll(4, all);

        for (int i = 0; i < users.Length; i++)
        {
            Assert.That(batch[i], Is.EqualTo(model.Predict(users[i], movies[i])).Within(1e-6));
        }

        for (int m = 0; m < all.Length; m++)
        {
            Assert.That(all[m], Is.EqualTo(model.Predict(4, m)).Within(1e-6));
        }
    }

    [Test]
    public void UnknownUsersAndMovies_ScoreFinite_LikeIndexZero()
    {
        using var model = NcfCatalog.Create(s_options).Fit(NcfTestData.Grouped());

        Assert.Multiple(() =>
        {
            Assert.That(model.Predict(-5, model.MovieIndexBound + 3), Is.EqualTo(model.Predict(0, 0)));
            Assert.That(float.IsFinite(model.Predict(model.UserIndexBound, 1)), Is.True);
            Assert.That(model.Predict(model.UserIndexBound, 1), Is.EqualTo(model.Predict(0, 1)));
        });
    }

    [Test]
    public void SaveAndLoad_GiveTheSameScoresAndMetadata()
    {
        string path = Path.Combine(Path.GetTempPath(), "movierec-ncf-" + Guid.NewGuid().ToString("N") + ".onnx");
        try
        {
            using var model = NcfCatalog.Create(s_options with { Task = NcfTask.Rating }).Fit(NcfTestData.Grouped());
            model.Save(path);
            using var loaded = NcfModel.Load(path);
            var a = new float[model.MovieIndexBound];
            var b = new float[loaded.MovieIndexBound];
            model.ScoreAll(9, a);
            loaded.ScoreAll(9, b);

            Assert.Multiple(() =>
            {
                Assert.That(b, Is.EqualTo(a));
                Assert.That(loaded.Name, Is.EqualTo("neumf-nopre-rating"));
                Assert.That(loaded.Task, Is.EqualTo(NcfTask.Rating));
                Assert.That(loaded.Architecture, Is.EqualTo(NcfArchitecture.NeuMF));
                Assert.That(loaded.UserIndexBound, Is.EqualTo(model.UserIndexBound));
                Assert.That(loaded.OnnxModel.Inputs.Select(i => i.Name), Is.EquivalentTo(new[] { "user", "movie" }));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Load_OtherOnnxFile_ThrowsInvalidData()
    {
        string path = Path.Combine(Path.GetTempPath(), "movierec-ncf-" + Guid.NewGuid().ToString("N") + ".onnx");
        try
        {
            using var model = NcfCatalog.Create(s_options).Fit(NcfTestData.Grouped());
            var stripped = MovieRec.Onnx.Format.OnnxModel.FromBytes(model.OnnxModel.ToBytes());
            stripped.WithMetadata(NcfModel.NameKey, "x").WithMetadata(NcfModel.TaskKey, "Nonsense").Save(path);

            Assert.Throws<InvalidDataException>(() => NcfModel.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void GmfVectors_DotProduct_RanksLikeTheModel()
    {
        using var model = NcfCatalog.Create(s_options with { Architecture = NcfArchitecture.Gmf }).Fit(NcfTestData.Grouped());
        var users = model.UserVectors!;
        var movies = model.MovieVectors!;
        static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            float s = 0;
            for (int i = 0; i < a.Length; i++)
            {
                s += a[i] * b[i];
            }

            return s;
        }

        Assert.That(users.Columns, Is.EqualTo(4));
        Assert.That(movies.Rows, Is.EqualTo(model.MovieIndexBound));
        for (int m = 2; m < 30; m++)
        {
            float modelGap = model.Predict(3, m) - model.Predict(3, 1);
            float vectorGap = Dot(users.Row(3), movies.Row(m)) - Dot(users.Row(3), movies.Row(1));
            Assert.That(vectorGap, Is.EqualTo(modelGap).Within(1e-4));
        }
    }

    [Test]
    public void Mlp_HasNoVectors_NeuMFHas()
    {
        using var mlp = NcfCatalog.Create(s_options with { Architecture = NcfArchitecture.Mlp }).Fit(NcfTestData.Grouped());
        using var neumf = NcfCatalog.Create(s_options).Fit(NcfTestData.Grouped());

        Assert.Multiple(() =>
        {
            Assert.That(mlp.UserVectors, Is.Null);
            Assert.That(mlp.MovieVectors, Is.Null);
            Assert.That(neumf.MovieVectors!.Rows, Is.EqualTo(neumf.MovieIndexBound));
        });
    }

    [Test]
    public void ToBundle_ImplicitModel_ScoresTheProbability()
    {
        var dataset = MovieRec.Data.SyntheticDataset.Generate(2000, seed: 4);
        using var model = NcfCatalog.Create(s_options with { Architecture = NcfArchitecture.Gmf }).Fit(dataset.Ratings);
        using var deep = DeepRatingModel.Create(model.ToBundle(dataset, dataset.Ratings));

        Assert.That(deep.MovieVectors!.Columns, Is.EqualTo(4));
        for (int m = 1; m < 30; m += 3)
        {
            double probability = 1 / (1 + Math.Exp(-model.Predict(2, m)));
            Assert.That(deep.Predict(2, m), Is.EqualTo(probability).Within(1e-5));
        }
    }

    [Test]
    public void Sixteen_threads_scoring_through_the_graph_get_what_one_thread_gets()
    {
        var dataset = MovieRec.Data.SyntheticDataset.Generate(2000, seed: 4);
        using var model = NcfCatalog.Create(s_options with { Architecture = NcfArchitecture.NeuMF }).Fit(dataset.Ratings);
        using var deep = DeepRatingModel.Create(model.ToBundle(dataset, dataset.Ratings));
        var expectedDeep = new float[deep.MovieIndexBound];
        var expectedNcf = new float[model.MovieIndexBound];
        deep.ScoreAll(3, expectedDeep);
        model.ScoreAll(3, expectedNcf);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, t =>
        {
            var fromDeep = new float[deep.MovieIndexBound];
            var fromNcf = new float[model.MovieIndexBound];
            for (int run = 0; run < 10; run++)
            {
                deep.ScoreAll(3, fromDeep);
                model.ScoreAll(3, fromNcf);
                if (!fromDeep.AsSpan().SequenceEqual(expectedDeep) || !fromNcf.AsSpan().SequenceEqual(expectedNcf))
                {
                    failures.Add($"thread {t} run {run}");
                }
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(deep.Interaction, Is.EqualTo(ScoreInteraction.Graph), "every score is an ONNX Runtime run");
            Assert.That(failures, Is.Empty);
        });
    }

    [Test]
    public void ToBundle_NeuMF_ScoreAllThroughTheGraph_MatchesPairPredictions()
    {
        var dataset = MovieRec.Data.SyntheticDataset.Generate(2000, seed: 4);
        using var model = NcfCatalog.Create(s_options with { Architecture = NcfArchitecture.NeuMF }).Fit(dataset.Ratings);
        using var deep = DeepRatingModel.Create(model.ToBundle(dataset, dataset.Ratings));
        Assert.That(deep.Interaction, Is.EqualTo(ScoreInteraction.Graph));
        var all = new float[deep.MovieIndexBound];

        deep.ScoreAll(2, all);

        for (int m = 0; m < all.Length; m++)
        {
            Assert.That(all[m], Is.EqualTo(deep.Predict(2, m)).Within(1e-6), $"movie {m}");
        }
    }

    [Test]
    public void Disposed_ThrowsOnScoring()
    {
        var model = NcfCatalog.Create(s_options).Fit(NcfTestData.Grouped());
        model.Dispose();
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Predict(1, 1));
    }

    [Test]
    public void Predict_MismatchedSpans_Throws()
    {
        using var model = NcfCatalog.Create(s_options).Fit(NcfTestData.Grouped());

        Assert.Throws<ArgumentException>(() => model.Predict(new int[3], new int[2], new float[3]));
    }
}
