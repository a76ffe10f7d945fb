using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Tests.Training.Optimizers;

[TestFixture]
public sealed class LearningRateScheduleTests
{
    [Test]
    public void Schedules_ScaleTheBaseRate()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LearningRateSchedule.Constant.RateAt(0.1, 7), Is.EqualTo(0.1));
            Assert.That(LearningRateSchedule.StepDecay(2, 0.5).RateAt(1.0, 0), Is.EqualTo(1.0));
            Assert.That(LearningRateSchedule.StepDecay(2, 0.5).RateAt(1.0, 3), Is.EqualTo(0.5));
            Assert.That(LearningRateSchedule.StepDecay(2, 0.5).RateAt(1.0, 4), Is.EqualTo(0.25));
            Assert.That(LearningRateSchedule.Exponential(0.9).RateAt(1.0, 2), Is.EqualTo(0.81).Within(1e-15));
            Assert.That(LearningRateSchedule.Cosine(4, 0.1).RateAt(1.0, 0), Is.EqualTo(1.0).Within(1e-15));
            Assert.That(LearningRateSchedule.Cosine(4, 0.1).RateAt(1.0, 2), Is.EqualTo(0.55).Within(1e-15));
            Assert.That(LearningRateSchedule.Cosine(4, 0.1).RateAt(1.0, 9), Is.EqualTo(0.1).Within(1e-15));
        });
    }

    [Test]
    public void BadFactors_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Exponential(1.5));
    }
}
