using System.Text;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Tests.Models.Ncf;

public sealed class NcfTrainerTests
{
    private static readonly NcfOptions s_fast = new()
    {
        ApproximationRank = 8,
        MlpLayers = [16, 8],
        FineTuneLearningRate = 0.005,
        FineTuneEpochs = 6,
        Training = NcfOptions.Defaults.Training with { Epochs = 12, BatchSize = 64, LearningRate = 0.01, NumberOfThreads = 1 },
    };

    [TestCase(NcfArchitecture.Gmf, false)]
    [TestCase(NcfArchitecture.Mlp, false)]
    [TestCase(NcfArchitecture.NeuMF, false)]
    [TestCase(NcfArchitecture.NeuMF, true)]
    public void Implicit_LeaveOneOut_BeatsPopularity(NcfArchitecture architecture, bool pretrain)
    {
        var ratings = NcfTestData.Grouped();
        var ncf = NcfCatalog.Create(s_fast with { Architecture = architecture, Pretrain = pretrain });
        var options = new ExperimentOptions { Protocol = EvaluationProtocol.LeaveOneOut99, Negatives = 20, RankingCutoff = 5, TopKs = [] };

        var report = ExperimentRunner.Run(ratings, [ncf, BaselineCatalog.Popularity()], options);

        double model = report.Models[0].Metrics["HR@5"].Mean, popularity = report.Models[1].Metrics["HR@5"].Mean;
        Assert.That(model, Is.GreaterThan(popularity + 0.2), $"{ncf.Name} HR@5 {model:F3}, popularity {popularity:F3}");
    }

    [Test]
    public void Implicit_LossDecreases_AndScoresAreLogits()
    {
        using var model = NcfCatalog.Create(s_fast with { Architecture = NcfArchitecture.Gmf }).Fit(NcfTestData.Grouped());

        Assert.Multiple(() =>
        {
            Assert.That(model.Bundle.History, Has.Count.EqualTo(12));
            Assert.That(model.Bundle.History[^1].TrainingLoss, Is.LessThan(model.Bundle.History[0].TrainingLoss * 0.8));
            Assert.That(model.Predicts, Is.Not.EqualTo(PredictionKind.Rating));
            Assert.That(model.Bundle.History.Select(e => e.Seconds), Has.All.GreaterThan(0));
            Assert.That(NcfSelection.Read(model.Bundle).Stages, Is.Empty, "no epoch selection");
        });
    }

    [Test]
    public void Progress_MovesWithinAnEpoch()
    {
        var fractions = new List<double>();
        var options = s_fast with { Architecture = NcfArchitecture.Gmf, Training = s_fast.Training with { Epochs = 1, BatchSize = 8 } };
        using var model = NcfCatalog.Create(options).Fit(NcfTestData.Grouped(), new SyncFraction(fractions.Add));
        Assert.Multiple(() =>
        {
            Assert.That(fractions.Count(f => f is > 0 and < 1), Is.GreaterThanOrEqualTo(2), string.Join(", ", fractions));
            Assert.That(fractions, Is.Ordered);
            Assert.That(fractions[^1], Is.EqualTo(1.0));
        });
    }

    [Test]
    public void SameSeed_SameScores_OtherSeed_OtherScores()
    {
        var ratings = NcfTestData.Grouped();
        var options = s_fast with { Architecture = NcfArchitecture.NeuMF, Pretrain = false, Training = s_fast.Training with { Epochs = 3 } };
        using var a = NcfCatalog.Create(options).Fit(ratings);
        using var b = NcfCatalog.Create(options).Fit(ratings);
        using var c = NcfCatalog.Create(options with { Training = options.Training with { Seed = 2 } }).Fit(ratings);
        var scoresA = new float[a.MovieIndexBound];
        var scoresB = new float[b.MovieIndexBound];
        var scoresC = new float[c.MovieIndexBound];
        a.ScoreAll(3, scoresA);
        b.ScoreAll(3, scoresB);
        c.ScoreAll(3, scoresC);

        Assert.That(scoresB, Is.EqualTo(scoresA));
        Assert.That(scoresC, Is.Not.EqualTo(scoresA));
    }

    [Test]
    public void MlpDropout_ChangesTraining_NotScoring()
    {
        var ratings = NcfTestData.Grouped();
        var options = s_fast with { Architecture = NcfArchitecture.Mlp, Training = s_fast.Training with { Epochs = 3 } };
        using var plain = NcfCatalog.Create(options).Fit(ratings);
        using var dropped = NcfCatalog.Create(options with { MlpDropout = 0.3 }).Fit(ratings);
        using var again = NcfCatalog.Create(options with { MlpDropout = 0.3 }).Fit(ratings);
        var a = new float[dropped.MovieIndexBound];
        var b = new float[dropped.MovieIndexBound];
        var c = new float[again.MovieIndexBound];
        var p = new float[plain.MovieIndexBound];
        dropped.ScoreAll(3, a);
        dropped.ScoreAll(3, b);
        again.ScoreAll(3, c);
        plain.ScoreAll(3, p);

        Assert.Multiple(() =>
        {
            Assert.That(b, Is.EqualTo(a), "scoring uses the whole tower, without random masks");
            Assert.That(c, Is.EqualTo(a), "same seed, same masks, same model");
            Assert.That(p, Is.Not.EqualTo(a), "dropout changed what was learned");
            Assert.That(dropped.Bundle.Model.OperatorTypes, Has.None.EqualTo("Dropout"));
        });
    }

    [Test]
    public void WeightAveraging_KeepsTheMovingAverageOfTheEpochWeights()
    {
        // Epoch e's weights do not depend on the epoch budget (negatives and order are drawn per epoch),
        // so the 2-epoch model with averaging is (β·w1 + w2) / (1 + β) of the plain 1- and 2-epoch models.
        var ratings = NcfTestData.Grouped();
        var options = s_fast with { Architecture = NcfArchitecture.Gmf };
        using var one = NcfCatalog.Create(options with { Training = options.Training with { Epochs = 1 } }).Fit(ratings);
        using var two = NcfCatalog.Create(options with { Training = options.Training with { Epochs = 2 } }).Fit(ratings);
        using var averaged = NcfCatalog.Create(options with { Training = options.Training with { Epochs = 2, WeightAveraging = 0.25 } }).Fit(ratings);
        using var single = NcfCatalog.Create(options with { Training = options.Training with { Epochs = 1, WeightAveraging = 0.25 } }).Fit(ratings);

        foreach (string name in new[] { "gmf.user", "gmf.movie", "gmf.out.weight" })
        {
            float[] w1 = one.Bundle.Model.GetInitializer(name).ToFloats(), w2 = two.Bundle.Model.GetInitializer(name).ToFloats();
            float[] avg = averaged.Bundle.Model.GetInitializer(name).ToFloats();
            Assert.That(w2, Is.Not.EqualTo(w1), name);
            Assert.That(single.Bundle.Model.GetInitializer(name).ToFloats(), Is.EqualTo(w1), $"{name}: one epoch averages to itself");
            for (int k = 0; k < avg.Length; k++)
            {
                Assert.That(avg[k], Is.EqualTo(((0.25 * w1[k]) + w2[k]) / 1.25).Within(1e-6), $"{name}[{k}]");
            }
        }
    }

    [Test]
    public void Pretrained_NeuMF_StartsAsAlphaBlendOfGmfAndMlp()
    {
        // Fine-tuning with a negligible SGD step leaves NeuMF where pre-training put it:
        // its logit is α·GMF + (1 − α)·MLP, with the GMF and MLP trained standalone from the same options.
        var ratings = NcfTestData.Grouped();
        var options = s_fast with { Alpha = 0.3, FineTuneOptimizer = OptimizerKind.Sgd, FineTuneLearningRate = 1e-12, FineTuneEpochs = 1, Training = s_fast.Training with { Epochs = 3 } };
        using var gmf = NcfCatalog.Create(options with { Architecture = NcfArchitecture.Gmf }).Fit(ratings);
        using var mlp = NcfCatalog.Create(options with { Architecture = NcfArchitecture.Mlp }).Fit(ratings);
        using var neumf = NcfCatalog.Create(options with { Architecture = NcfArchitecture.NeuMF, Pretrain = true }).Fit(ratings);

        for (int user = 1; user < 10; user++)
        {
            for (int movie = 1; movie < 20; movie += 3)
            {
                float expected = (0.3f * gmf.Predict(user, movie)) + (0.7f * mlp.Predict(user, movie));
                Assert.That(neumf.Predict(user, movie), Is.EqualTo(expected).Within(1e-4), $"user {user}, movie {movie}");
            }
        }

        Assert.That(gmf.Predict(1, 1), Is.Not.EqualTo(mlp.Predict(1, 1)));
    }

    [Test]
    public void LearningRateDecay_ScalesTheRateOfEachEpoch()
    {
        // Epoch e trains at lr · decay^e: with a vanishing decay, epochs after the first leave the weights
        // where the first epoch put them.
        var ratings = NcfTestData.Grouped();
        var options = s_fast with { Architecture = NcfArchitecture.Gmf };
        using var one = NcfCatalog.Create(options with { Training = options.Training with { Epochs = 1 } }).Fit(ratings);
        using var decayed = NcfCatalog.Create(options with { Training = options.Training with { Epochs = 3, LearningRateDecay = 1e-7 } }).Fit(ratings);
        using var constant = NcfCatalog.Create(options with { Training = options.Training with { Epochs = 3 } }).Fit(ratings);

        double decayedGap = 0, constantGap = 0;
        for (int user = 1; user < 10; user++)
        {
            for (int movie = 1; movie < 40; movie += 3)
            {
                float start = one.Predict(user, movie);
                decayedGap = Math.Max(decayedGap, Math.Abs(decayed.Predict(user, movie) - start));
                constantGap = Math.Max(constantGap, Math.Abs(constant.Predict(user, movie) - start));
            }
        }

        Assert.That(decayedGap, Is.LessThan(1e-3));
        Assert.That(constantGap, Is.GreaterThan(0.05));
    }

    [Test]
    public void Negatives_AreNeverRated_AndRedrawnEachEpoch()
    {
        var ratings = NcfTestData.Grouped();
        var set = NcfTrainingSet.Create(ratings, NcfTask.Implicit, 4);
        var rated = new HashSet<(long, long)>();
        for (int i = 0; i < ratings.Count; i++)
        {
            rated.Add((ratings.Users[i], ratings.Movies[i]));
        }

        set.SampleNegatives(1, 0);
        var first = set.Movies.ToArray();
        set.SampleNegatives(1, 1);
        var second = set.Movies.ToArray();
        set.SampleNegatives(1, 0);

        Assert.Multiple(() =>
        {
            Assert.That(set.RowCount, Is.EqualTo(ratings.Count * 5));
            Assert.That(set.Labels.ToArray().Count(l => l == 1f), Is.EqualTo(ratings.Count));
            Assert.That(set.Movies.ToArray(), Is.EqualTo(first), "same seed and epoch, same negatives");
            Assert.That(second, Is.Not.EqualTo(first));
        });
        for (int i = 0; i < set.RowCount; i++)
        {
            bool positive = set.Labels[i] == 1f;
            Assert.That(rated.Contains((set.Users[i], second[i])), Is.EqualTo(positive), $"row {i}");
        }
    }

    [Test]
    public void RepeatLatest_AddsEachUsersLatestInteractionsOnce()
    {
        // User 1: movies 10, 11, 12 at times 5, 9, 9 (tie: the later row is later); user 2: one rating.
        var train = RatingsTable.Create([1, 1, 1, 2], [10, 11, 12, 10], [4f, 3f, 5f, 2f], [5L, 9L, 9L, 1L]);

        var plain = NcfTrainingSet.Create(train, NcfTask.Implicit, 1);
        var repeated = NcfTrainingSet.Create(train, NcfTask.Implicit, 1, repeatLatest: 2);
        var rating = NcfTrainingSet.Create(train, NcfTask.Rating, 1, repeatLatest: 2);

        static IEnumerable<(long, long)> Positives(NcfTrainingSet set) =>
            Enumerable.Range(0, set.RowCount).Where(i => set.Labels[i] == 1f).Select(i => (set.Users[i], set.Movies[i]));
        Assert.Multiple(() =>
        {
            Assert.That(plain.RowCount, Is.EqualTo(8));
            Assert.That(repeated.RowCount, Is.EqualTo(14), "4 positives + 3 repeated (two of user 1, the only one of user 2), each with a negative");
            Assert.That(Positives(repeated), Is.EquivalentTo(Positives(plain).Concat([(1L, 12L), (1L, 11L), (2L, 10L)])));
            Assert.That(rating.RowCount, Is.EqualTo(4), "the rating task trains on every rating once");
        });
    }

    [Test]
    public void Rating_RandomSplit_BeatsTheGlobalMean_OnTheRatingScale()
    {
        var ratings = NcfTestData.Latent();
        var ncf = NcfCatalog.Create(s_fast with { Architecture = NcfArchitecture.NeuMF, Pretrain = false, Task = NcfTask.Rating, Training = s_fast.Training with { Epochs = 40, LearningRate = 0.02 } });
        var options = new ExperimentOptions { Protocol = EvaluationProtocol.Random80To20, TopKs = [] };

        var report = ExperimentRunner.Run(ratings, [ncf, BaselineCatalog.GlobalMean()], options);

        double rmse = report.Models[0].Metrics["RMSE"].Mean, mean = report.Models[1].Metrics["RMSE"].Mean;
        Assert.That(rmse, Is.LessThan(mean * 0.8), $"NeuMF RMSE {rmse:F3}, global mean {mean:F3}");
        using var model = ncf.Fit(ratings);
        var all = new float[model.MovieIndexBound];
        model.ScoreAll(5, all);
        Assert.That(all, Is.All.InRange(1f, 5f));
        Assert.That(model.Predicts, Is.EqualTo(PredictionKind.Rating));
    }

    [Test]
    public void NetflixPrizeFormat_TrainsAndRecommendsTitles()
    {
        // A small catalogue in the Netflix Prize layout: movie_titles.csv and combined_data_*.txt
        // blocks "movieId:" followed by "customerId,rating,date".
        var ratings = NcfTestData.Grouped(users: 64, movies: 80, perUser: 10);
        string folder = Path.Combine(Path.GetTempPath(), "movierec-ncf-netflix-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var titles = new StringBuilder();
            for (int m = 1; m <= 80; m++)
            {
                titles.Append(m).Append(",2001,Group ").Append(m % 4).Append(" film ").Append(m).Append('\n');
            }

            File.WriteAllText(Path.Combine(folder, "movie_titles.csv"), titles.ToString(), Encoding.Latin1);
            for (int part = 1; part <= 2; part++)
            {
                var text = new StringBuilder();
                foreach (int movie in Enumerable.Range(1, 80).Where(m => (m <= 40) == (part == 1)))
                {
                    text.Append(movie).Append(":\n");
                    for (int i = 0; i < ratings.Count; i++)
                    {
                        if (ratings.Movies[i] == movie)
                        {
                            var date = new DateTime(2004, 1, 1).AddDays(ratings.Timestamps[i]);
                            text.Append(100000 + ratings.Users[i]).Append(',').Append((int)ratings.Ratings[i]).Append(',').Append(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                        }
                    }
                }

                File.WriteAllText(Path.Combine(folder, $"combined_data_{part}.txt"), text.ToString());
            }

            var dataset = NetflixPrize.Load(folder);
            using var model = NcfCatalog.Create(s_fast with { Architecture = NcfArchitecture.NeuMF, Pretrain = false }).Fit(dataset.Ratings);
            int user = dataset.UserIds.IndexOf(100000 + 6);
            var scores = new float[model.MovieIndexBound];
            model.ScoreAll(user, scores);
            scores[0] = float.NegativeInfinity;
            var table = dataset.Ratings;
            for (int i = 0; i < table.Count; i++)
            {
                if (table.Users[i] == user)
                {
                    scores[table.Movies[i]] = float.NegativeInfinity;
                }
            }

            var top = Enumerable.Range(0, scores.Length).OrderByDescending(m => scores[m]).Take(5).Select(m => dataset.Movies.Titles[m]).ToArray();

            Assert.That(dataset.Ratings.Count, Is.EqualTo(ratings.Count));
            Assert.That(top.Count(t => t.StartsWith("Group 2 ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(4), string.Join("; ", top) + " | rated: " + string.Join("; ", Enumerable.Range(0, table.Count).Where(i => table.Users[i] == user).Select(i => dataset.Movies.Titles[table.Movies[i]])));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Fit_EmptyOrInvalidTable_Throws()
    {
        var trainer = NcfCatalog.Gmf();

        Assert.Throws<ArgumentException>(() => trainer.Fit(RatingsTable.Empty));
        Assert.Throws<ArgumentException>(() => trainer.Fit(RatingsTable.Create([1, 0], [1, 2], [4, 5])));
    }

    private sealed class SyncFraction(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
