using MovieRec.Data;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.Ncf;

namespace MovieRec.Onnx.Tests.Models.Ncf;

public sealed class NcfDeepTrainerTests
{
    [Test]
    public void Fit_GivesABundleModel_ThatScoresLikeTheNcfModel()
    {
        var dataset = SyntheticDataset.Generate(3000, seed: 5);
        var options = new NcfOptions { Architecture = NcfArchitecture.NeuMF, Pretrain = false, Task = NcfTask.Rating, Factors = 4, MlpLayers = [8, 4], Training = NcfOptions.Defaults.Training with { Epochs = 2, IntraOpThreads = 1 } };
        var settings = new DeepTrainingSettings { Training = t => t with { Epochs = 2, Seed = 3, IntraOpThreads = 1 } };
        var trainer = NcfDeepTrainer.Create(options, settings);
        using var reference = NcfCatalog.Create(trainer.Options).Fit(dataset.Ratings);

        using var model = trainer.Fit(dataset, dataset.Ratings);

        Assert.Multiple(() =>
        {
            Assert.That(model.Name, Is.EqualTo("neumf-nopre-rating"));
            Assert.That(model.Bundle.History, Has.Count.EqualTo(2));
            Assert.That(model.MovieVectors, Is.Not.Null);
            Assert.That(model.Bundle.Catalog.Titles[3], Is.EqualTo(dataset.Movies.Titles[3]));
        });
        for (int u = 1; u < 20; u++)
        {
            for (int m = 1; m < 40; m += 7)
            {
                Assert.That(model.Predict(u, m), Is.EqualTo(reference.Predict(u, m)).Within(1e-4), $"user {u}, movie {m}");
            }
        }
    }

    [Test]
    public void Create_AppliesTheSettings()
    {
        var trainer = NcfDeepTrainer.Create(new NcfOptions(), new DeepTrainingSettings { Training = t => t with { Epochs = 7, LearningRate = 0.01, BatchSize = 128, Seed = 9, WeightDecay = 0.1 } });

        Assert.Multiple(() =>
        {
            Assert.That(trainer.Options.Training.Epochs, Is.EqualTo(7));
            Assert.That(trainer.Options.Training.LearningRate, Is.EqualTo(0.01));
            Assert.That(trainer.Options.Training.BatchSize, Is.EqualTo(128));
            Assert.That(trainer.Options.Training.Seed, Is.EqualTo(9));
            Assert.That(trainer.Options.Training.WeightDecay, Is.EqualTo(0.1));
        });
    }

    [Test]
    public void Register_AddsTrainCommandModels()
    {
        NcfCatalog.Register();

        Assert.Multiple(() =>
        {
            Assert.That(DeepModelCatalog.Create("neumf"), Is.InstanceOf<NcfDeepTrainer>());
            // A name means what it means in evaluate: gmf, mlp, neumf learn from implicit feedback, -rating regresses.
            Assert.That(((NcfDeepTrainer)DeepModelCatalog.Create("neumf")).Options.Task, Is.EqualTo(NcfTask.Implicit));
            Assert.That(((NcfDeepTrainer)DeepModelCatalog.Create("neumf-rating")).Options.Task, Is.EqualTo(NcfTask.Rating));
            Assert.That(((NcfDeepTrainer)DeepModelCatalog.Create("gmf")).Options.Task, Is.EqualTo(NcfTask.Implicit));
            Assert.That(DeepModelCatalog.ModelNames, Has.None.EndsWith("-implicit"));
            var tuned = ((NcfDeepTrainer)DeepModelCatalog.Create("neumf", new DeepTrainingSettings { Tuned = true, Training = t => t with { Seed = 4 } })).Options;
            Assert.That(tuned with { Name = null, MlpLayers = null, Training = tuned.Training with { Seed = 1 } }, Is.EqualTo(NcfOptions.Tuned() with { MlpLayers = null }));
            Assert.That(tuned.ResolveMlpLayers(), Is.EqualTo(NcfOptions.Tuned().ResolveMlpLayers()));
            Assert.That(tuned.Name, Is.EqualTo("neumf"));
            Assert.That(((NcfDeepTrainer)DeepModelCatalog.Create("neumf")).Options.Factors, Is.EqualTo(NcfOptions.Defaults.Factors));
        });
    }
}
