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

    [Test]
    public void A_missing_explicit_library_is_reported_with_its_path_and_how_to_fix_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "movierec-no-such-dir", "libonnxruntime.so.1");

        var exception = Assert.Throws<DllNotFoundException>(() => OrtLibrary.Locate(path, "OrtLibrary.Path", [], defaultSearch: false));

        Assert.That(exception!.Message, Does.Contain(path).And.Contain("OrtLibrary.Path").And.Contain("does not exist"));
    }

    [Test]
    public void A_file_that_is_not_a_library_is_reported_with_the_loader_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"movierec-not-a-library-{Environment.ProcessId}.so");
        File.WriteAllText(path, "not a shared library");
        try
        {
            var exception = Assert.Throws<DllNotFoundException>(() => OrtLibrary.Locate(path, OrtLibrary.PathEnvironmentVariable, [], defaultSearch: false));

            Assert.That(exception!.Message, Does.Contain(path).And.Contain("failed to load").And.Contain(OrtLibrary.PathEnvironmentVariable));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_search_that_finds_nothing_lists_every_place_tried_and_how_to_set_the_path()
    {
        var directory = Path.Combine(Path.GetTempPath(), "movierec-empty-runtimes");

        var exception = Assert.Throws<DllNotFoundException>(() => OrtLibrary.Locate(null, string.Empty, [directory], defaultSearch: false));

        Assert.That(exception!.Message, Does.Contain(Path.Combine(directory, "libonnxruntime.so.1")));
        Assert.That(exception.Message, Does.Contain(Path.Combine(directory, "onnxruntime.dll")));
        Assert.That(exception.Message, Does.Contain("OrtLibrary.Path").And.Contain(OrtLibrary.PathEnvironmentVariable));
    }

    [Test]
    public void The_search_takes_the_first_directory_holding_a_known_file_name()
    {
        var loadedDirectory = Path.GetDirectoryName(OrtLibrary.LoadedPath)!;
        var empty = Path.Combine(Path.GetTempPath(), "movierec-empty-runtimes");

        var (handle, path) = OrtLibrary.Locate(null, string.Empty, [empty, loadedDirectory], defaultSearch: false);
        System.Runtime.InteropServices.NativeLibrary.Free(handle);

        Assert.That(Path.GetDirectoryName(path), Is.EqualTo(loadedDirectory));
    }

    [Test]
    public void A_library_too_old_for_the_API_is_reported_with_both_versions()
    {
        var exception = OrtLibrary.TooOld("/opt/ort/libonnxruntime.so.1", "1.8.1");

        Assert.That(exception.Message, Does.Contain("1.8.1").And.Contain($"C API version {OrtLibrary.RequiredApiVersion}").And.Contain("/opt/ort"));
    }
}
