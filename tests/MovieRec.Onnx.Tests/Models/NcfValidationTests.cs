using MovieRec.Onnx.Models;

namespace MovieRec.Onnx.Tests.Models;

public sealed class NcfValidationTests
{
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
        var options = new NcfOptions
        {
            Architecture = NcfArchitecture.NeuMF,
            Factors = 4,
            MlpLayers = [8, 4],
            Epochs = 4,
            BatchSize = 64,
            LearningRate = 0.01,
            FineTuneLearningRate = 0.01,
            EpochSelection = NcfEpochSelection.Retrain,
        };
        var train = NcfTestData.Grouped();

        using var first = NcfCatalog.Create(options).Fit(train);
        using var second = NcfCatalog.Create(options).Fit(train);
        using var kept = NcfCatalog.Create(options with { EpochSelection = NcfEpochSelection.KeepBest }).Fit(train);

        Assert.That(first.TrainingLosses.Count, Is.InRange(1, 4));
        Assert.That(second.TrainingLosses, Is.EqualTo(first.TrainingLosses));
        for (int m = 1; m <= 80; m += 7)
        {
            Assert.That(second.Predict(3, m), Is.EqualTo(first.Predict(3, m)));
            Assert.That(float.IsFinite(kept.Predict(3, m)), Is.True);
        }
    }
}
