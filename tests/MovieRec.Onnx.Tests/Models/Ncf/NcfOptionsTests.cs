using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Tests.Models.Ncf;

public sealed class NcfOptionsTests
{
    [Test]
    public void Defaults_FollowThePaper()
    {
        var options = new NcfOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Architecture, Is.EqualTo(NcfArchitecture.NeuMF));
            Assert.That(options.Task, Is.EqualTo(NcfTask.Implicit));
            Assert.That(options.ApproximationRank, Is.EqualTo(8));
            Assert.That(options.ResolveMlpLayers(), Is.EqualTo(new[] { 64, 32, 16, 8 }));
            Assert.That(options.NegativesPerPositive, Is.EqualTo(4));
            Assert.That(options.Training.BatchSize, Is.EqualTo(256));
            Assert.That(options.Training.LearningRate, Is.EqualTo(1e-3));
            Assert.That(options.Alpha, Is.EqualTo(0.5));
            Assert.That(options.Pretrain, Is.True);
            Assert.That(options.Training.NumberOfThreads, Is.EqualTo(1));
            Assert.That(options.FineTuneOptimizer, Is.EqualTo(OptimizerKind.Sgd));
            Assert.That(options.FineTuneLearningRate, Is.EqualTo(1e-3));
            Assert.That(options.ResolveName(), Is.EqualTo("neumf"));
        });
    }

    [Test]
    public void Overrides_ChangeTowerAndName()
    {
        var options = new NcfOptions { Architecture = NcfArchitecture.Mlp, ApproximationRank = 16, Task = NcfTask.Rating };

        Assert.Multiple(() =>
        {
            Assert.That(options.ResolveMlpLayers(), Is.EqualTo(new[] { 128, 64, 32, 16 }));
            Assert.That(options.ResolveName(), Is.EqualTo("mlp-rating"));
            Assert.That((options with { MlpLayers = [20, 10] }).ResolveMlpLayers(), Is.EqualTo(new[] { 20, 10 }));
            Assert.That((options with { Architecture = NcfArchitecture.NeuMF, Pretrain = false, Task = NcfTask.Implicit }).ResolveName(), Is.EqualTo("neumf-nopre"));
            Assert.That((options with { Name = "x" }).ResolveName(), Is.EqualTo("x"));
        });
    }

    [TestCase("ApproximationRank")]
    [TestCase("OddLayer")]
    [TestCase("Epochs")]
    [TestCase("LearningRate")]
    [TestCase("Alpha")]
    [TestCase("Negatives")]
    [TestCase("WeightDecay")]
    [TestCase("EpochSelection")]
    [TestCase("LearningRateDecay")]
    [TestCase("SelectAlpha")]
    [TestCase("MlpDropout")]
    [TestCase("WeightAveraging")]
    [TestCase("RepeatLatest")]
    public void InvalidOption_IsRejectedWithItsName(string which)
    {
        var options = which switch
        {
            "ApproximationRank" => new NcfOptions { ApproximationRank = 0 },
            "OddLayer" => new NcfOptions { MlpLayers = [63, 32] },
            "Epochs" => new NcfOptions { Training = NcfOptions.Defaults.Training with { Epochs = 0 } },
            "LearningRate" => new NcfOptions { Training = NcfOptions.Defaults.Training with { LearningRate = double.NaN } },
            "Alpha" => new NcfOptions { Alpha = 1.5 },
            "Negatives" => new NcfOptions { NegativesPerPositive = 0 },
            "EpochSelection" => new NcfOptions { EpochSelection = (NcfEpochSelection)7 },
            "LearningRateDecay" => new NcfOptions { Training = NcfOptions.Defaults.Training with { LearningRateDecay = 1.5 } },
            "SelectAlpha" => new NcfOptions { SelectAlpha = true },
            "MlpDropout" => new NcfOptions { MlpDropout = 1 },
            "WeightAveraging" => new NcfOptions { Training = NcfOptions.Defaults.Training with { WeightAveraging = -0.1 } },
            "RepeatLatest" => new NcfOptions { RepeatLatest = -1 },
            _ => new NcfOptions { Training = NcfOptions.Defaults.Training with { WeightDecay = -1 } },
        };

        var ex = Assert.Catch<ArgumentException>(() => NcfCatalog.Create(options))!;

        // The option as users write it: NcfOptions.ApproximationRank, NcfOptions.Training.Epochs.
        string name = which switch { "OddLayer" => "MlpLayers", "Negatives" => "NegativesPerPositive", _ => which };
        bool training = which is "Epochs" or "LearningRate" or "LearningRateDecay" or "WeightAveraging" or "WeightDecay";
        Assert.That(ex.Message, Does.StartWith((training ? "NcfOptions.Training." : "NcfOptions.") + name));
        Assert.That(ex, which == "SelectAlpha" ? Is.Not.InstanceOf<ArgumentOutOfRangeException>() : Is.InstanceOf<ArgumentOutOfRangeException>());
    }
}
