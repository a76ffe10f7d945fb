using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Tests.Training;

[TestFixture]
public sealed class TrainerOptionsTests
{
    [Test]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new TrainerOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Epochs, Is.EqualTo(TrainerOptions.Defaults.Epochs).And.EqualTo(5));
            Assert.That(options.BatchSize, Is.EqualTo(256));
            Assert.That(options.Shuffle, Is.True);
            Assert.That(options.Schedule, Is.SameAs(LearningRateSchedule.Constant));
            Assert.That(options.Patience, Is.Zero);
            Assert.That(options.RestoreBestWeights, Is.True);
            Assert.That(options.CheckpointPath, Is.Null);
            Assert.That(options.Device, Is.EqualTo(ExecutionDevice.Auto));
            Assert.That(options.CudaDeviceId, Is.Zero);
            Assert.That(options.IntraOpThreads, Is.Zero);
        });
    }

    [Test]
    public void Overrides_AreKept()
    {
        var options = new TrainerOptions { Epochs = 2, BatchSize = 1024, Patience = 3, Schedule = LearningRateSchedule.Exponential(0.5) };

        Assert.Multiple(() =>
        {
            Assert.That(options.Epochs, Is.EqualTo(2));
            Assert.That(options.BatchSize, Is.EqualTo(1024));
            Assert.That(options.Patience, Is.EqualTo(3));
            Assert.That(options.Schedule.ToString(), Is.EqualTo("Exponential(0.5)"));
        });
    }

    [Test]
    public void ExportOptions_Defaults_AreEmpty()
    {
        var options = new ExportOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.ModelKind, Is.Null);
            Assert.That(options.VocabularySizes, Is.Empty);
            Assert.That(options.FuseLstm, Is.False);
        });
    }
}
