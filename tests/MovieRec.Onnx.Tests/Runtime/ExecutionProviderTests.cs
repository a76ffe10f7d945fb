using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

public sealed class ExecutionProviderTests
{
    [Test]
    public void Describes_CPU_and_CUDA_devices()
    {
        Assert.That(ExecutionProvider.Cpu.Kind, Is.EqualTo(ExecutionProviderKind.Cpu));
        Assert.That(ExecutionProvider.Cpu.ToString(), Is.EqualTo("CPU"));
        Assert.That(ExecutionProvider.Cuda().ToString(), Is.EqualTo("CUDA:0"));
        Assert.That(ExecutionProvider.Cuda(2).DeviceId, Is.EqualTo(2));
        var first = ExecutionProvider.Cuda(1);
        var second = ExecutionProvider.Cuda(1);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(ExecutionProvider.Cuda(0), Is.Not.EqualTo(first));
    }

    [Test]
    public void Rejects_a_negative_device()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExecutionProvider.Cuda(-1));
    }
}
