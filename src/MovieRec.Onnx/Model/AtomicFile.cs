namespace MovieRec.Onnx.Model;

/// <summary>
/// Writes a file so that a failure never leaves it half-written: the content goes to a temporary
/// file in the same folder, is flushed to disk, then replaces the target in one rename.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; the folder is created when missing.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="write">Writes the whole content to the stream it is given; an exception leaves the old file untouched.</param>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
