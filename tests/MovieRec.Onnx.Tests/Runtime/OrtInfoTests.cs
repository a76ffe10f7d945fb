using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

public sealed class OrtInfoTests
{
    [Test]
    public void Reports_version_build_and_providers()
    {
        Assert.That(OrtInfo.Version, Does.Match(@"^1\.\d+\.\d+"));
        Assert.That(OrtInfo.BuildInfo, Does.Contain("git-commit-id").Or.StartWith("not available"));
        Assert.That(OrtInfo.AvailableProviders, Does.Contain("CPUExecutionProvider"));
        Assert.That(File.Exists(OrtInfo.LibraryPath), Is.True, OrtInfo.LibraryPath);
    }

    [Test]
    public void TryEnableCuda_says_whether_CUDA_works_and_why_not()
    {
        var enabled = OrtInfo.TryEnableCuda(0, out var reason);

        if (enabled)
        {
            Assert.That(reason, Is.Null);
        }
        else
        {
            Assert.That(reason, Is.Not.Null.And.Not.Empty);
        }

        Assert.That(OrtInfo.TryEnableCuda(1000, out var noDevice), Is.False, "there is no GPU number 1000");
        Assert.That(noDevice, Is.Not.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => OrtInfo.TryEnableCuda(-1, out _));
    }
}
