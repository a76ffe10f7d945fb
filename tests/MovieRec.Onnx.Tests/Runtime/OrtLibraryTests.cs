using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

public sealed class OrtLibraryTests
{
    [Test]
    public void Finds_the_library_the_build_copied_to_runtimes_rid_native()
    {
        OrtLibrary.EnsureLoaded();

        Assert.That(OrtLibrary.IsLoaded, Is.True);
        var expectedDirectory = Path.Combine(AppContext.BaseDirectory, "runtimes");
        if (Environment.GetEnvironmentVariable(OrtLibrary.PathEnvironmentVariable) is { Length: > 0 } explicitPath)
        {
            Assert.That(OrtLibrary.LoadedPath, Is.EqualTo(Path.GetFullPath(explicitPath)));
        }
        else
        {
            Assert.That(OrtLibrary.LoadedPath, Does.StartWith(expectedDirectory));
        }

        Assert.That(OrtLibrary.Version, Does.Match(@"^1\.\d+\.\d+"));
    }

    [Test]
    public void Path_cannot_change_once_the_library_is_loaded()
    {
        OrtLibrary.EnsureLoaded();

        var exception = Assert.Throws<InvalidOperationException>(() => OrtLibrary.Path = "/elsewhere/libonnxruntime.so.1");
        Assert.That(exception!.Message, Does.Contain(OrtLibrary.LoadedPath));
        Assert.That(OrtLibrary.Path, Is.Null);
    }
}
