using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Tests.Training;

[TestFixture]
public sealed class DeepTrainingOptionsTests
{
    [Test]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new DeepTrainingOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Epochs, Is.EqualTo(DeepTrainingOptions.Defaults.Epochs).And.EqualTo(5));
            Assert.That(options.BatchSize, Is.EqualTo(256));
            Assert.That(options.Seed, Is.EqualTo(1));
            Assert.That(options.Shuffle, Is.True);
            Assert.That(options.Schedule, Is.Null, "the exponential decay, 1 by default: a constant rate");
            Assert.That(options.LearningRateDecay, Is.EqualTo(1));
            Assert.That(options.ProgressInterval, Is.EqualTo(50));
            Assert.That(options.Patience, Is.Zero);
            Assert.That(options.RestoreBestWeights, Is.True);
            Assert.That(options.CheckpointPath, Is.Null);
            Assert.That(options.Device, Is.EqualTo(ExecutionDevice.Auto));
            Assert.That(options.CudaDeviceId, Is.Zero);
            Assert.That(options.NumberOfThreads, Is.EqualTo(1));
        });
    }

    [Test]
    public void Overrides_AreKept()
    {
        var options = new DeepTrainingOptions { Epochs = 2, BatchSize = 1024, Patience = 3, Schedule = LearningRateSchedule.Exponential(0.5) };

        Assert.Multiple(() =>
        {
            Assert.That(options.Epochs, Is.EqualTo(2));
            Assert.That(options.BatchSize, Is.EqualTo(1024));
            Assert.That(options.Patience, Is.EqualTo(3));
            Assert.That(options.Schedule!.ToString(), Is.EqualTo("Exponential(0.5)"));
        });
    }

    [Test]
    public void The_loop_applies_the_decay_unless_another_schedule_is_given()
    {
        var decayed = new DeepTrainingOptions { LearningRateDecay = 0.5 };
        Assert.Multiple(() =>
        {
            Assert.That(new DeepTrainingOptions().EffectiveSchedule, Is.SameAs(LearningRateSchedule.Constant));
            Assert.That(decayed.EffectiveSchedule.RateAt(1.0, 2), Is.EqualTo(0.25));
            Assert.That((decayed with { Schedule = LearningRateSchedule.StepDecay(2, 0.1) }).EffectiveSchedule.RateAt(1.0, 2), Is.EqualTo(0.1).Within(1e-15));
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
