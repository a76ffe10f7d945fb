using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// Locates and loads the native ONNX Runtime library and its C API table.
/// </summary>
/// <remarks>
/// <para>The library is searched for, in order:</para>
/// <list type="number">
/// <item><description><see cref="Path"/>, when set before first use;</description></item>
/// <item><description>the file named by the environment variable <c>MOVIEREC_ORT_LIBRARY</c>;</description></item>
/// <item><description>the application's <c>runtimes/&lt;rid&gt;/native/</c> folder (where MovieRec's build puts it, and
/// where Microsoft's native ONNX Runtime packages put theirs), then the application folder, trying
/// <c>libonnxruntime.so.1</c>, <c>libonnxruntime.so</c>, <c>onnxruntime.dll</c> and <c>libonnxruntime.dylib</c>;</description></item>
/// <item><description>the operating system's default search (the application's dependency manifest,
/// <c>LD_LIBRARY_PATH</c>, <c>PATH</c>, ...).</description></item>
/// </list>
/// <para>MovieRec asks the library for C API version <see cref="RequiredApiVersion"/> (ONNX Runtime 1.11), the
/// lowest that has every function the binding calls, so any newer runtime works as well, including a GPU build.</para>
/// </remarks>
public static unsafe class OrtLibrary
{
    /// <summary>The environment variable that can name the native library's full path.</summary>
    public const string PathEnvironmentVariable = "MOVIEREC_ORT_LIBRARY";

    /// <summary>The C API version MovieRec needs (ONNX Runtime 1.11 introduced it).</summary>
    /// <remarks>Version 11 added the CUDA provider options object (<c>SessionOptionsAppendExecutionProvider_CUDA_V2</c>),
    /// the newest function the core binding calls. Optional features need more: see <see cref="OrtInfo.BuildInfo"/>
    /// (version 15) and <see cref="OrtEnvironment.LogLevel"/> (version 14).</remarks>
    public const int RequiredApiVersion = 11;

    private static readonly string[] s_fileNames = ["libonnxruntime.so.1", "libonnxruntime.so", "onnxruntime.dll", "libonnxruntime.dylib"];
    private static readonly Lock s_lock = new();
    private static string? s_path;
    private static string? s_loadedPath;
    private static string? s_version;
    private static nint s_apiBase;
    private static volatile nint* s_api;

    /// <summary>
    /// Full path of the native library to load, overriding the search; <see langword="null"/> (the default) searches.
    /// </summary>
    /// <remarks>Set it before the first use of any ONNX Runtime type; the library cannot be swapped once loaded.</remarks>
    /// <exception cref="InvalidOperationException">Set after the library was loaded.</exception>
    public static string? Path
    {
        get => s_path;
        set
        {
            lock (s_lock)
            {
                if (s_api != null && !string.Equals(value, s_path, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"OrtLibrary.Path cannot change to '{value}': ONNX Runtime was already loaded from '{s_loadedPath}'. Set it before the first use of any ONNX Runtime type.");
                }

                s_path = value;
            }
        }
    }

    /// <summary>Whether the library has been loaded.</summary>
    public static bool IsLoaded => s_api != null;

    /// <summary>The file the library was loaded from (the name given to the OS loader when found by its default search); loads it if needed.</summary>
    /// <exception cref="DllNotFoundException">The library could not be found or loaded.</exception>
    public static string LoadedPath
    {
        get
        {
            EnsureLoaded();
            return s_loadedPath!;
        }
    }

    /// <summary>The library's version string, for example <c>1.30.0</c>; loads it if needed.</summary>
    /// <exception cref="DllNotFoundException">The library could not be found or loaded.</exception>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return s_version!;
        }
    }

    /// <summary>Loads the library and its API table now (otherwise it happens on first use).</summary>
    /// <exception cref="DllNotFoundException">The library could not be found or loaded.</exception>
    /// <exception cref="OnnxRuntimeException">The library is older than <see cref="RequiredApiVersion"/> needs.</exception>
    public static void EnsureLoaded()
    {
        if (s_api == null)
        {
            Load();
        }
    }

    /// <summary>The API table, loading the library on first use.</summary>
    internal static nint* Api
    {
        get
        {
            var api = s_api;
            return api != null ? api : Load();
        }
    }

    /// <summary>
    /// The API table for a newer version than <see cref="RequiredApiVersion"/>, or null when the library is
    /// older (judged from its version string, so that the runtime does not print a complaint).
    /// </summary>
    internal static nint* TryGetApi(int version, [NotNullWhen(false)] out string? reason)
    {
        EnsureLoaded();
        if (version <= RequiredApiVersion)
        {
            reason = null;
            return s_api;
        }

        if (MinorVersion(s_version!) is int minor && minor < version)
        {
            reason = $"needs ONNX Runtime 1.{version} or newer (C API version {version}); the loaded library is {s_version}";
            return null;
        }

        var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)((nint*)s_apiBase)[0];
        var table = getApi((uint)version);
        reason = table == null ? $"needs C API version {version}, which ONNX Runtime {s_version} does not provide" : null;
        return table;
    }

    private static nint* Load()
    {
        lock (s_lock)
        {
            if (s_api != null)
            {
                return s_api;
            }

            var (handle, path) = Find();
            if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out var getApiBaseAddress))
            {
                throw new DllNotFoundException(
                    $"'{path}' was loaded but does not export OrtGetApiBase, so it is not an ONNX Runtime library. Set OrtLibrary.Path or {PathEnvironmentVariable} to the ONNX Runtime library.");
            }

            var apiBase = ((delegate* unmanaged[Cdecl]<nint>)getApiBaseAddress)();
            var getVersion = (delegate* unmanaged[Cdecl]<byte*>)((nint*)apiBase)[1];
            var version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "unknown";
            if (MinorVersion(version) is int minor && minor < RequiredApiVersion)
            {
                throw TooOld(path, version);
            }

            var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)((nint*)apiBase)[0];
            var api = getApi(RequiredApiVersion);
            if (api == null)
            {
                throw TooOld(path, version);
            }

            s_apiBase = apiBase;
            s_version = version;
            s_loadedPath = path;
            s_api = api;
            return api;
        }
    }

    internal static OnnxRuntimeException TooOld(string path, string version) => new(
        OrtErrorCode.NotImplemented,
        $"ONNX Runtime {version} (loaded from '{path}') does not provide C API version {RequiredApiVersion}, which MovieRec needs; use ONNX Runtime 1.{RequiredApiVersion} or newer.");

    private static int? MinorVersion(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 && parts[0] == "1" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? minor
            : null;
    }

    private static (nint Handle, string Path) Find()
    {
        var explicitPath = s_path ?? NullIfEmpty(Environment.GetEnvironmentVariable(PathEnvironmentVariable));
        var source = s_path is not null ? "OrtLibrary.Path" : PathEnvironmentVariable;
        return Locate(explicitPath, source, CandidateDirectories(), defaultSearch: true);
    }

    /// <summary>
    /// Loads the library from <paramref name="explicitPath"/> when given, else from the first of
    /// <paramref name="directories"/> holding one of the known file names, else (when <paramref name="defaultSearch"/>)
    /// through the operating system's search.
    /// </summary>
    /// <exception cref="DllNotFoundException">Nothing loaded; the message lists every place tried and how to set the path.</exception>
    internal static (nint Handle, string Path) Locate(string? explicitPath, string explicitSource, IEnumerable<string> directories, bool defaultSearch)
    {
        var tried = new List<string>();
        var failures = new StringBuilder();
        if (explicitPath is not null)
        {
            if (TryLoadFile(explicitPath, tried, failures) is nint explicitHandle)
            {
                return (explicitHandle, System.IO.Path.GetFullPath(explicitPath));
            }

            var problem = failures.Length > 0 ? failures.ToString() : Environment.NewLine + "  The file does not exist.";
            throw new DllNotFoundException(
                $"The ONNX Runtime library named by {explicitSource} ('{explicitPath}') could not be loaded.{problem}" + Environment.NewLine
                + $"Point {explicitSource} at an ONNX Runtime 1.{RequiredApiVersion} or newer library ({string.Join(", ", s_fileNames)}), or unset it to search the application's folders.");
        }

        foreach (var directory in directories)
        {
            foreach (var name in s_fileNames)
            {
                var candidate = System.IO.Path.Combine(directory, name);
                if (TryLoadFile(candidate, tried, failures) is nint handle)
                {
                    return (handle, candidate);
                }
            }
        }

        if (defaultSearch)
        {
            var assembly = typeof(OrtLibrary).Assembly;
            foreach (var name in (string[])["onnxruntime", .. s_fileNames])
            {
                tried.Add($"{name} (operating system search)");
                if (NativeLibrary.TryLoad(name, assembly, searchPath: null, out var handle))
                {
                    return (handle, name);
                }
            }
        }

        throw new DllNotFoundException(
            "The ONNX Runtime native library was not found. Looked at:" + Environment.NewLine + "  "
            + string.Join(Environment.NewLine + "  ", tried) + failures + Environment.NewLine
            + $"Set OrtLibrary.Path (before first use) or the environment variable {PathEnvironmentVariable} to the library's full path, "
            + "or build the application with MovieRec.Onnx so that the library is copied to runtimes/<rid>/native/.");
    }

    private static nint? TryLoadFile(string path, List<string> tried, StringBuilder failures)
    {
        tried.Add(path);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return NativeLibrary.Load(path);
        }
        catch (DllNotFoundException exception)
        {
            failures.Append(Environment.NewLine).Append("  '").Append(path).Append("' exists but failed to load: ").Append(exception.Message);
            return null;
        }
        catch (BadImageFormatException exception)
        {
            failures.Append(Environment.NewLine).Append("  '").Append(path).Append("' is not a library for this platform: ").Append(exception.Message);
            return null;
        }
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        var roots = new List<string> { AppContext.BaseDirectory };
        var assemblyDirectory = System.IO.Path.GetDirectoryName(typeof(OrtLibrary).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDirectory) && !roots.Contains(assemblyDirectory + System.IO.Path.DirectorySeparatorChar) && !roots.Contains(assemblyDirectory))
        {
            roots.Add(assemblyDirectory);
        }

        var rids = new List<string> { PortableRuntimeIdentifier() };
        if (!rids.Contains(RuntimeInformation.RuntimeIdentifier))
        {
            rids.Add(RuntimeInformation.RuntimeIdentifier);
        }

        foreach (var root in roots)
        {
            foreach (var rid in rids)
            {
                yield return System.IO.Path.Combine(root, "runtimes", rid, "native");
            }
        }

        foreach (var root in roots)
        {
            yield return root;
        }
    }

    private static string PortableRuntimeIdentifier()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var architecture = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };
        return os + "-" + architecture;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
