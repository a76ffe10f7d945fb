using MovieRec.Onnx.Models.Ncf;

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
            Assert.That(options.Factors, Is.EqualTo(8));
            Assert.That(options.ResolveMlpLayers(), Is.EqualTo(new[] { 64, 32, 16, 8 }));
            Assert.That(options.NegativesPerPositive, Is.EqualTo(4));
            Assert.That(options.BatchSize, Is.EqualTo(256));
            Assert.That(options.LearningRate, Is.EqualTo(1e-3));
            Assert.That(options.Alpha, Is.EqualTo(0.5));
            Assert.That(options.Pretrain, Is.True);
            Assert.That(options.IntraOpThreads, Is.EqualTo(1));
            Assert.That(options.FineTuneOptimizer, Is.EqualTo(NcfOptimizerKind.Sgd));
            Assert.That(options.FineTuneLearningRate, Is.EqualTo(1e-3));
            Assert.That(options.ResolveName(), Is.EqualTo("neumf"));
        });
    }

    [Test]
    public void Overrides_ChangeTowerAndName()
    {
        var options = new NcfOptions { Architecture = NcfArchitecture.Mlp, Factors = 16, Task = NcfTask.Rating };

        Assert.Multiple(() =>
        {
            Assert.That(options.ResolveMlpLayers(), Is.EqualTo(new[] { 128, 64, 32, 16 }));
            Assert.That(options.ResolveName(), Is.EqualTo("mlp-rating"));
            Assert.That((options with { MlpLayers = [20, 10] }).ResolveMlpLayers(), Is.EqualTo(new[] { 20, 10 }));
            Assert.That((options with { Architecture = NcfArchitecture.NeuMF, Pretrain = false, Task = NcfTask.Implicit }).ResolveName(), Is.EqualTo("neumf-nopre"));
            Assert.That((options with { Name = "x" }).ResolveName(), Is.EqualTo("x"));
        });
    }

    [TestCase("Factors")]
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
            "Factors" => new NcfOptions { Factors = 0 },
            "OddLayer" => new NcfOptions { MlpLayers = [63, 32] },
            "Epochs" => new NcfOptions { Epochs = 0 },
            "LearningRate" => new NcfOptions { LearningRate = double.NaN },
            "Alpha" => new NcfOptions { Alpha = 1.5 },
            "Negatives" => new NcfOptions { NegativesPerPositive = 0 },
            "EpochSelection" => new NcfOptions { EpochSelection = (NcfEpochSelection)7 },
            "LearningRateDecay" => new NcfOptions { LearningRateDecay = 1.5 },
            "SelectAlpha" => new NcfOptions { SelectAlpha = true },
            "MlpDropout" => new NcfOptions { MlpDropout = 1 },
            "WeightAveraging" => new NcfOptions { WeightAveraging = -0.1 },
            "RepeatLatest" => new NcfOptions { RepeatLatest = -1 },
            _ => new NcfOptions { WeightDecay = -1 },
        };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NcfCatalog.Create(options))!;

        Assert.That(ex.Message, Does.Contain(which == "OddLayer" ? "MlpLayers" : which));
    }
}
