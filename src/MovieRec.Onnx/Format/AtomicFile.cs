using System.Diagnostics;
using System.Globalization;

namespace MovieRec.Onnx.Format;

/// <summary>
/// Writes a file so that a failure never leaves it half-written: the content goes to a temporary
/// file in the same folder, is flushed to disk, then replaces the target in one rename.
/// </summary>
/// <remarks>
/// A temporary file is named <c>.NAME.PID.GUID.tmp</c>. A process killed mid-write cannot delete its own, so each
/// write first removes the temporary files of the same target left by processes that no longer run.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; the folder is created when missing.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="write">Writes the whole content to the stream it is given; an exception leaves the old file untouched.</param>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        Data.InputFiles.RefuseSpecialTarget(full, "Output");
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string name = Path.GetFileName(full);
        RemoveStale(folder, name);
        string temp = Path.Combine(folder, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (IOException e)
        {
            File.Delete(temp);

            // Name the file being written, not the temporary one beside it (a full disk, a folder without permission).
            string reason = e.Message.Replace($" : '{temp}'", string.Empty, StringComparison.Ordinal).Replace(temp, full, StringComparison.Ordinal).TrimEnd('.');
            throw new IOException($"Could not write '{full}': {reason}.", e);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Deletes temporary files of <paramref name="name"/> whose writing process has exited.</summary>
    internal static void RemoveStale(string folder, string name)
    {
        string prefix = "." + name + ".";
        foreach (string temp in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
        {
            string[] parts = Path.GetFileName(temp)[prefix.Length..].Split('.');
            if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && Guid.TryParseExact(parts[1], "N", out _) && !IsRunning(pid))
            {
                try
                {
                    File.Delete(temp);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another writer may be removing it at the same moment; it will be retried on the next write.
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
