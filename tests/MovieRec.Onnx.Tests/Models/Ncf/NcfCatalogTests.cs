using MovieRec.Onnx.Models.Ncf;

namespace MovieRec.Onnx.Tests.Models.Ncf;

public sealed class NcfCatalogTests
{
    [Test]
    public void FromName_CreatesEveryListedModel()
    {
        foreach (string name in NcfCatalog.ModelNames)
        {
            var trainer = NcfCatalog.FromName(name.ToUpperInvariant());
            Assert.That(trainer.Name, Is.EqualTo(name));
        }

        Assert.Multiple(() =>
        {
            Assert.That(NcfCatalog.FromName("neumf").Options.Pretrain, Is.True);
            Assert.That(NcfCatalog.FromName("neumf-nopre").Options.Pretrain, Is.False);
            Assert.That(NcfCatalog.FromName("gmf-rating").Options.Task, Is.EqualTo(NcfTask.Rating));
            Assert.That(NcfCatalog.FromName("gmf-rating").Options.Training.Epochs, Is.EqualTo(NcfOptions.Defaults.RatingEpochs));
            Assert.That(NcfCatalog.FromName("gmf").Options.Training.Epochs, Is.EqualTo(NcfOptions.Defaults.Training.Epochs));
            Assert.That(NcfCatalog.FromName("mlp").Options.Architecture, Is.EqualTo(NcfArchitecture.Mlp));
            Assert.That(NcfCatalog.FromName("neumf-tuned").Options with { MlpLayers = null }, Is.EqualTo(NcfOptions.Tuned() with { Name = "neumf-tuned", MlpLayers = null }));
            Assert.That(NcfCatalog.FromName("neumf-tuned").Options.ResolveMlpLayers(), Is.EqualTo(NcfOptions.Tuned().ResolveMlpLayers()));
            Assert.That(NcfCatalog.FromName("gmf-tuned").Options.Architecture, Is.EqualTo(NcfArchitecture.Gmf));
            Assert.That(NcfCatalog.FromName("mlp-tuned").Options.EpochSelection, Is.EqualTo(NcfEpochSelection.Retrain));
        });
        Assert.Throws<ArgumentException>(() => NcfCatalog.FromName("neumf-tuned-rating"));
    }

    [Test]
    public void ForRepetition_OffsetsOnlyTheSeed()
    {
        var trainer = NcfCatalog.Create(new NcfOptions { ApproximationRank = 16, Training = NcfOptions.Defaults.Training with { Seed = 7 } });

        Assert.That(trainer.ForRepetition(0), Is.SameAs(trainer));
        var third = (NcfTrainer)trainer.ForRepetition(2);
        Assert.That(third.Options, Is.EqualTo(trainer.Options with { Training = trainer.Options.Training with { Seed = 9 } }));
        Assert.That(third.Name, Is.EqualTo(trainer.Name));
    }

    [Test]
    public void Tuned_IsValid_AndDiffersFromThePaperSettingsWhereDocumented()
    {
        var tuned = NcfOptions.Tuned();
        Assert.DoesNotThrow(() => NcfCatalog.Create(tuned));
        Assert.Multiple(() =>
        {
            Assert.That(tuned.Architecture, Is.EqualTo(NcfArchitecture.NeuMF));
            Assert.That(tuned.Task, Is.EqualTo(NcfTask.Implicit));
            Assert.That(tuned.ApproximationRank, Is.EqualTo(16));
            Assert.That(tuned.ResolveMlpLayers(), Is.EqualTo(new[] { 128, 64, 32, 16 }));
            Assert.That(tuned.EmbeddingL2, Is.EqualTo(0.001));
            Assert.That(tuned.RepeatLatest, Is.EqualTo(10));
            Assert.That(tuned.Training.WeightAveraging, Is.EqualTo(NcfOptions.Defaults.Training.WeightAveraging), "averaging matched it on validation at twice the training time");
            Assert.That(tuned.EpochSelection, Is.EqualTo(NcfEpochSelection.Retrain), "the epoch bound is chosen on validation, not fixed");
            Assert.That(tuned.SelectAlpha, Is.True);
            Assert.That(tuned.NegativesPerPositive, Is.EqualTo(NcfOptions.Defaults.NegativesPerPositive));
            Assert.That(tuned.Training.LearningRate, Is.EqualTo(NcfOptions.Defaults.Training.LearningRate));
        });
    }

    [Test]
    public void FromName_Unknown_ListsTheNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => NcfCatalog.FromName("ncf"))!;

        Assert.That(ex.Message, Does.Contain("'ncf'").And.Contain("neumf-nopre"));
    }

    [Test]
    public void ShortFactories_SetTheirArguments()
    {
        Assert.Multiple(() =>
        {
            Assert.That(NcfCatalog.Gmf(16).Options.ApproximationRank, Is.EqualTo(16));
            Assert.That(NcfCatalog.Mlp(4, NcfTask.Rating).Options.ResolveMlpLayers(), Is.EqualTo(new[] { 32, 16, 8, 4 }));
            Assert.That(NcfCatalog.NeuMF(pretrain: false).Name, Is.EqualTo("neumf-nopre"));
        });
    }
}
