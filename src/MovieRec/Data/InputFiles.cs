using System.Runtime.InteropServices;

namespace MovieRec.Data;

/// <summary>
/// The one check of the files MovieRec reads and writes: an input must be a regular file once links are followed (a
/// pipe would be waited on forever, <c>/dev/zero</c> read until memory runs out), and an existing output must be one
/// too (writing the model over <c>/dev/null</c> would replace the device with a file). Lines have a length limit.
/// </summary>
/// <remarks>
/// The file's type comes from the runtime's own <c>stat</c> (System.Native, part of .NET on Linux and macOS); on Windows,
/// or where it cannot be asked, a file of length 0 that cannot be told apart from a device is treated as regular.
/// </remarks>
public static class InputFiles
{
    /// <summary>The longest line (or CSV record) a loader reads: 1 MiB.</summary>
    public const int MaxLineBytes = 1 << 20;

    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private static bool s_noStat;

    /// <summary>Checks that <paramref name="path"/> names a regular file, following links.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What it is, for the message, such as <c>Dataset file</c>.</param>
    /// <exception cref="FileNotFoundException">Nothing is there (the message names the file).</exception>
    /// <exception cref="IOException">It is a folder, a device, a pipe or a socket (the message names the file and the kind).</exception>
    public static void RequireRegular(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new IOException($"{what} '{path}' is a folder, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{what} '{path}' does not exist.", path);
        }

        if (KindOf(path) is { } kind and not "file")
        {
            throw new IOException($"{what} '{path}' is a {kind}, not a regular file; expected a file.");
        }
    }

    /// <summary>Checks that writing <paramref name="path"/> would replace at most a regular file (or create one).</summary>
    /// <param name="path">The output.</param>
    /// <param name="what">What it is, for the message, such as <c>Model bundle</c>.</param>
    /// <exception cref="IOException">Something other than a regular file is there (the message names it and the kind).</exception>
    public static void RefuseSpecialTarget(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path) && KindOf(path) is { } kind and not "file")
        {
            throw new IOException($"{what} '{path}' is a {kind}, not a regular file; refusing to replace it. Give a file name.");
        }
    }

    /// <summary>"file", "directory", "pipe", "device", "socket", or null when the type cannot be asked.</summary>
    internal static string? KindOf(string path)
    {
        if (OperatingSystem.IsWindows() || s_noStat)
        {
            return null;
        }

        var status = new byte[256];
        try
        {
            if (Stat(path, status) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_noStat = true;
            return null;
        }

        return (BitConverter.ToInt32(status, 4) & TypeMask) switch
        {
            RegularType => "file",
            0x4000 => "directory",
            0x1000 => "pipe",
            0x2000 or 0x6000 => "device",
            0xC000 => "socket",
            _ => "special file",
        };
    }

    // The runtime's stat: a FileStatus whose second field is the mode (dotnet/runtime, System.Native); it follows links.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Stat(string path, byte[] status);
}
