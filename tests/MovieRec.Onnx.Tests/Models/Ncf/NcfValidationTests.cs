using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Tests.Models.Ncf;

public sealed class NcfValidationTests
{
    /// <summary>A small NeuMF that trains in a fraction of a second on <see cref="NcfTestData.Grouped"/>.</summary>
    private static readonly NcfOptions s_small = new()
    {
        Architecture = NcfArchitecture.NeuMF,
        ApproximationRank = 4,
        MlpLayers = [8, 4],
        Training = NcfOptions.Defaults.Training with { Epochs = 3, BatchSize = 64, LearningRate = 0.01 },
    };

    [Test]
    public void Create_HoldsOutEachUsersLatestRating_AndSamplesUnratedNegatives()
    {
        var train = NcfTestData.Grouped();
        var validation = NcfValidation.Create(train, 20, seed: 3)!;
        var latest = new Dictionary<int, (long Time, int Movie)>();
        var rated = new HashSet<(int, int)>();
        for (int i = 0; i < train.Count; i++)
        {
            int u = train.Users[i];
            rated.Add((u, train.Movies[i]));
            if (!latest.TryGetValue(u, out var l) || train.Timestamps[i] >= l.Time)
            {
                latest[u] = (train.Timestamps[i], train.Movies[i]);
            }
        }

        var fitRows = new HashSet<(int, int)>();
        for (int i = 0; i < validation.FitPart.Count; i++)
        {
            fitRows.Add((validation.FitPart.Users[i], validation.FitPart.Movies[i]));
        }

        Assert.That(validation.CaseCount, Is.EqualTo(latest.Count));
        Assert.That(validation.FitPart.Count + validation.CaseCount, Is.EqualTo(train.Count));
        Assert.That(validation.Data.RowCount, Is.EqualTo(validation.CaseCount * 21));
        foreach (var (user, (_, movie)) in latest)
        {
            Assert.That(fitRows, Does.Not.Contain((user, movie)), $"user {user}'s latest rating stays in training");
        }
    }

    [Test]
    public void EpochSelection_IsDeterministic_AndStopsWithinTheEpochBudget()
    {
        var options = s_small with { FineTuneLearningRate = 0.01, EpochSelection = NcfEpochSelection.Retrain, Training = s_small.Training with { Epochs = 4 } };
        var train = NcfTestData.Grouped();

        using var first = NcfCatalog.Create(options).Fit(train);
        using var second = NcfCatalog.Create(options).Fit(train);
        using var kept = NcfCatalog.Create(options with { EpochSelection = NcfEpochSelection.KeepBest }).Fit(train);

        using var scratch = NcfCatalog.Create(options with { Pretrain = false }).Fit(train);

        var firstChoice = NcfSelection.Read(first.Bundle);
        var scratchChoice = NcfSelection.Read(scratch.Bundle);
        static double[] Losses(BundleModel model) => [.. model.Bundle.History.Select(e => e.TrainingLoss)];

        // Fine-tuning may keep the pre-trained weights (0 epochs); a model trained from scratch runs at least one.
        Assert.That(Losses(first), Has.Length.InRange(0, 4));
        Assert.That(Losses(scratch), Has.Length.InRange(1, 4));
        Assert.That(Losses(second), Is.EqualTo(Losses(first)));
        Assert.That(NcfSelection.Read(second.Bundle), Is.EqualTo(firstChoice).Using<NcfSelection>((a, b) => a.Stages.SequenceEqual(b.Stages) && a.Alpha == b.Alpha));
        Assert.That(firstChoice.Stages.Select(s => s.Stage), Is.EqualTo(new[] { NcfArchitecture.Gmf, NcfArchitecture.Mlp, NcfArchitecture.NeuMF }));
        Assert.That(firstChoice.Stages.Select(s => s.Epochs), Has.All.InRange(0, 4));
        Assert.That(firstChoice.Stages[^1].ValidationNdcg, Is.EqualTo(firstChoice.ValidationNdcg));
        Assert.That(Losses(first), Has.Length.EqualTo(firstChoice.Stages[^1].Epochs), "the retrain runs the chosen fine-tuning epochs");
        Assert.That(first.Bundle.BestEpoch, Is.EqualTo(firstChoice.Stages[^1].Epochs));
        Assert.That(scratchChoice.Stages.Select(s => s.Stage), Is.EqualTo(new[] { NcfArchitecture.NeuMF }));
        Assert.That(scratchChoice.Stages[0].Epochs, Is.EqualTo(Losses(scratch).Length), "a retrained stage runs its chosen epochs");
        for (int m = 1; m <= 80; m += 7)
        {
            Assert.That(second.Predict(3, m), Is.EqualTo(first.Predict(3, m)));
            Assert.That(float.IsFinite(kept.Predict(3, m)), Is.True);
        }
    }

    [Test]
    public void SelectAlpha_KeepsTheBlendWithTheBestValidationNdcg()
    {
        // With KeepBest and a fine-tuning step too small to move the weights, the pre-trained NeuMF is
        // α·GMF + (1 − α)·MLP of the standalone GMF and MLP trained on the same fit part with the same seeds.
        var options = s_small with
        {
            FineTuneOptimizer = OptimizerKind.Sgd,
            FineTuneLearningRate = 1e-12,
            FineTuneEpochs = 1,
            EpochSelection = NcfEpochSelection.KeepBest,
            SelectAlpha = true,
        };
        var train = NcfTestData.Grouped();
        using var neumf = NcfCatalog.Create(options).Fit(train);
        using var again = NcfCatalog.Create(options).Fit(train);
        using var gmf = NcfCatalog.Create(options with { Architecture = NcfArchitecture.Gmf, SelectAlpha = false }).Fit(train);
        using var mlp = NcfCatalog.Create(options with { Architecture = NcfArchitecture.Mlp, SelectAlpha = false }).Fit(train);
        var validation = NcfValidation.Create(train, NcfOptions.Defaults.ValidationNegatives, options.Training.Seed)!;
        int[] users = [.. validation.Users.ToArray().Select(u => (int)u)];
        int[] movies = [.. validation.Movies.ToArray().Select(m => (int)m)];
        var g = new float[users.Length];
        var m = new float[users.Length];
        gmf.Predict(users, movies, g);
        mlp.Predict(users, movies, m);
        double Ndcg(double alpha) => validation.Score(g.Select((x, k) => (alpha * x) + ((1 - alpha) * m[k])).ToArray()).Ndcg;
        double best = Enumerable.Range(0, 11).Max(k => Ndcg(k / 10.0));

        double? alpha = NcfSelection.Read(neumf.Bundle).Alpha;
        Assert.That(alpha, Is.Not.Null);
        double chosen = alpha!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(chosen * 10, Is.EqualTo(Math.Round(chosen * 10)).Within(1e-9), "α comes from the grid 0, 0.1, ..., 1");
            Assert.That(Ndcg(chosen), Is.EqualTo(best).Within(1e-9));
            Assert.That(NcfSelection.Read(again.Bundle).Alpha, Is.EqualTo(chosen));
            Assert.That(neumf.Bundle.Model.Metadata["movierec.ncf.alpha"], Is.Not.Empty);
            Assert.That(NcfSelection.Read(gmf.Bundle).Alpha, Is.Null);
        });
        for (int k = 0; k < users.Length; k += 37)
        {
            Assert.That(neumf.Predict(users[k], movies[k]), Is.EqualTo((chosen * g[k]) + ((1 - chosen) * m[k])).Within(1e-4), $"row {k}");
        }
    }

    [Test]
    public void FineTuning_KeepsThePretrainedBlend_WhenNoEpochImprovesValidation()
    {
        // Adam at learning rate 1 wrecks the pre-trained weights in one epoch; the selection keeps the
        // α-blend of the standalone GMF and MLP instead (0 fine-tuning epochs).
        var options = s_small with
        {
            FineTuneOptimizer = OptimizerKind.Adam,
            FineTuneLearningRate = 1,
            FineTuneEpochs = 1,
            Alpha = 0.4,
            EpochSelection = NcfEpochSelection.KeepBest,
        };
        var train = NcfTestData.Grouped();
        using var neumf = NcfCatalog.Create(options).Fit(train);
        using var gmf = NcfCatalog.Create(options with { Architecture = NcfArchitecture.Gmf }).Fit(train);
        using var mlp = NcfCatalog.Create(options with { Architecture = NcfArchitecture.Mlp }).Fit(train);

        Assert.That(neumf.Bundle.History, Is.Empty);
        Assert.That(neumf.Bundle.BestEpoch, Is.EqualTo(0));
        for (int user = 1; user < 10; user++)
        {
            for (int movie = 1; movie < 40; movie += 3)
            {
                float expected = (0.4f * gmf.Predict(user, movie)) + (0.6f * mlp.Predict(user, movie));
                Assert.That(neumf.Predict(user, movie), Is.EqualTo(expected).Within(1e-4), $"user {user}, movie {movie}");
            }
        }
    }
}
