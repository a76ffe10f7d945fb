using System.Runtime.InteropServices;

namespace MovieRec.Tests.Hostile;

/// <summary>Files that are not regular files, made where a dataset, bundle or output file is expected.</summary>
public static class SpecialFiles
{
    /// <summary>Whether pipes and device links can be made here (Linux and macOS).</summary>
    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Makes a named pipe at <paramref name="path"/>: reading it waits for a writer that never comes.</summary>
    public static void MakePipe(string path)
    {
        if (MakeFifo(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw new IOException($"mkfifo '{path}' failed with error {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Makes <paramref name="path"/> a link to <c>/dev/zero</c>, a device that reads zeros without end.</summary>
    public static void LinkToZeros(string path) => File.CreateSymbolicLink(path, "/dev/zero");

    /// <summary>Makes <paramref name="path"/> a link to a new pipe beside it: the check must follow the link.</summary>
    public static void LinkToPipe(string path)
    {
        string pipe = path + ".pipe";
        MakePipe(pipe);
        File.CreateSymbolicLink(path, pipe);
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
#pragma warning disable CA2101, CA5392, SYSLIB1054 // a test-only call of libc with an ASCII path
    private static extern int MakeFifo(string path, uint mode);
#pragma warning restore CA2101, CA5392, SYSLIB1054
}
