using Microsoft.ML.OnnxRuntime;
using MovieRec.Abstractions;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Tests.Models;

namespace MovieRec.Onnx.Tests.Models.Ncf;

public sealed class NcfModelTests
{
    private static readonly NcfOptions s_options = new()
    {
        Architecture = NcfArchitecture.NeuMF,
        Pretrain = false,
        ApproximationRank = 4,
        MlpLayers = [8, 4],
        Training = NcfOptions.Defaults.Training with { Epochs = 2, BatchSize = 64, LearningRate = 0.01, NumberOfThreads = 1 },
    };

    [Test]
    public void BatchedPredictAndScoreAll_MatchSinglePredictions_AcrossBatchBoundaries()
    {
        using var model = NcfCatalog.Create(s_options).Fit(NcfTestData.Grouped());
        // More pairs than one scoring batch (4096), so the last batch is a short one.
        int count = 4096 + 77;
        var users = Enumerable.Range(0, count).Select(i => 1 + (i % (model.UserIndexBound - 1))).ToArray();
        var movies = Enumerable.Range(0, count).Select(i => 1 + ((i * 7) % (model.MovieIndexBound - 1))).ToArray();
        var batch = new float[count];
        model.Predict(users, movies, batch);
        var all = new float[model.MovieIndexBound];
        model.ScoreAll(4, all);

        for (int i = 0; i < count; i += 97)
        {
            Assert.That(batch[i], Is.EqualTo(model.Predict(users[i], movies[i])), $"pair {i}");
        }

        Assert.That(batch[^1], Is.EqualTo(model.Predict(users[^1], movies[^1])));
        for (int m = 0; m < all.Length; m++)
        {
            Assert.That(all[m], Is.EqualTo(model.Predict(4, m)), $"movie {m}");
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
        string path = Path.Combine(Path.GetTempPath(), "movierec-ncf-" + Guid.NewGuid().ToString("N") + ".mrb");
        try
        {
            using var model = NcfCatalog.Create(s_options with { Task = NcfTask.Rating }).Fit(NcfTestData.Grouped());
            model.Save(path);
            using var loaded = BundleModel.Load(path, NcfTrainer.BundleSchema);
            var a = new float[model.MovieIndexBound];
            var b = new float[loaded.MovieIndexBound];
            model.ScoreAll(9, a);
            loaded.ScoreAll(9, b);

            Assert.Multiple(() =>
            {
                Assert.That(b, Is.EqualTo(a));
                Assert.That(loaded.Name, Is.EqualTo("neumf-nopre-rating"));
                Assert.That(loaded.Predicts, Is.EqualTo(PredictionKind.Rating));
                Assert.That(loaded.Bundle.Metadata[NcfTrainer.TaskKey], Is.EqualTo(nameof(NcfTask.Rating)));
                Assert.That(loaded.Bundle.Metadata[NcfTrainer.ArchitectureKey], Is.EqualTo(nameof(NcfArchitecture.NeuMF)));
                Assert.That(loaded.UserIndexBound, Is.EqualTo(model.UserIndexBound));
                Assert.That(loaded.Bundle.Model.Inputs.Select(i => i.Name), Is.EquivalentTo(new[] { "user", "movie" }));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void RatingTask_ScoresStayWithinTheTrainingRange()
    {
        var train = NcfTestData.Grouped();
        using var model = NcfCatalog.Create(s_options with { Task = NcfTask.Rating, Training = s_options.Training with { LearningRate = 0.2 } }).Fit(train);
        var all = new float[model.MovieIndexBound];
        float low = train.Ratings.ToArray().Min(), high = train.Ratings.ToArray().Max();

        for (int u = 0; u < model.UserIndexBound; u++)
        {
            model.ScoreAll(u, all);
            Assert.That(all, Has.All.InRange(low, high), $"user {u}");
        }
    }

    [Test]
    public void NcfSelection_OfAnotherModel_ThrowsInvalidData()
    {
        var dataset = MovieRec.Data.SyntheticDataset.Generate(1000, seed: 2);
        using var other = RatingCnnTrainer.Create(TinyModels.Options(RatingCnnVariant.TextCnn) with
        {
            Training = TinyModels.Options(RatingCnnVariant.TextCnn).Training with { Epochs = 1 },
        }).Fit(dataset, dataset.Ratings);

        Assert.Throws<InvalidDataException>(() => NcfSelection.Read(other.Bundle));
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
    public void ImplicitModel_RanksByTheLogit_ItsRatingOutputIsTheProbability()
    {
        var dataset = MovieRec.Data.SyntheticDataset.Generate(2000, seed: 4);
        using var model = NcfCatalog.Create(s_options with { Architecture = NcfArchitecture.Gmf }).Fit(dataset, dataset.Ratings);
        using var session = new InferenceSession(model.Bundle.Model.ToBytes());
        long[] movies = [1, 4, 7, 10, 13, 16, 19, 22, 25, 28];
        long[] users = [.. movies.Select(_ => 2L)];
        using var userValue = OrtValue.CreateTensorValueFromMemory(users, [users.Length]);
        using var movieValue = OrtValue.CreateTensorValueFromMemory(movies, [movies.Length]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["user", "movie"], [userValue, movieValue], ["rating"]);
        var probabilities = results[0].GetTensorDataAsSpan<float>().ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(model.Predicts, Is.Not.EqualTo(PredictionKind.Rating));
            Assert.That(model.Bundle.ScoreOutput, Is.EqualTo("score"));
            Assert.That(model.MovieVectors!.Columns, Is.EqualTo(4));
        });
        for (int i = 0; i < movies.Length; i++)
        {
            double probability = 1 / (1 + Math.Exp(-model.Predict(2, (int)movies[i])));
            Assert.That(probabilities[i], Is.EqualTo(probability).Within(1e-5), $"movie {movies[i]}");
        }
    }

    [Test]
    public void Sixteen_threads_scoring_through_the_graph_get_what_one_thread_gets()
    {
        var dataset = MovieRec.Data.SyntheticDataset.Generate(2000, seed: 4);
        using var deep = NcfCatalog.Create(s_options with { Architecture = NcfArchitecture.NeuMF }).Fit(dataset, dataset.Ratings);
        var expectedDeep = new float[deep.MovieIndexBound];
        var expectedPairs = new float[200];
        int[] pairUsers = [.. Enumerable.Range(0, 200).Select(i => 1 + (i % 40))];
        int[] pairMovies = [.. Enumerable.Range(0, 200).Select(i => 1 + (i % 60))];
        deep.ScoreAll(3, expectedDeep);
        deep.Predict(pairUsers, pairMovies, expectedPairs);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, t =>
        {
            var fromDeep = new float[deep.MovieIndexBound];
            var fromPairs = new float[200];
            for (int run = 0; run < 10; run++)
            {
                deep.ScoreAll(3, fromDeep);
                deep.Predict(pairUsers, pairMovies, fromPairs);
                if (!fromDeep.AsSpan().SequenceEqual(expectedDeep) || !fromPairs.AsSpan().SequenceEqual(expectedPairs))
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
        using var deep = NcfCatalog.Create(s_options with { Architecture = NcfArchitecture.NeuMF }).Fit(dataset, dataset.Ratings);
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
