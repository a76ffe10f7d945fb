namespace MovieRec.Cli.Commands;

/// <summary>
/// Checks where a command will write before it does any work, so that a long training or evaluation is never thrown
/// away at the end because of a wrong output path.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Checks that <paramref name="path"/> can be written as a file: not a folder, in a folder that exists and accepts files.</summary>
    /// <exception cref="ArgumentException">The path cannot be written; the message names the option and the value.</exception>
    public static void CheckFile(string option, string path)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"{option} '{path}' is a folder; give a file name inside it.");
        }

        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"{option} '{path}': the folder '{folder}' does not exist.");
        }

        try
        {
            Data.InputFiles.RefuseSpecialTarget(full, option);
        }
        catch (IOException e)
        {
            throw new ArgumentException(e.Message.Replace($"'{full}'", $"'{path}'", StringComparison.Ordinal), e);
        }

        Probe(option, path, folder);
    }

    /// <summary>Creates <paramref name="path"/> as a folder when it is missing and checks that files can be written in it.</summary>
    /// <exception cref="ArgumentException">The folder cannot be created or written; the message names the option and the value.</exception>
    public static void CheckFolder(string option, string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new ArgumentException($"{option} '{path}' is a file; give a folder.");
        }

        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{option} '{path}': the folder cannot be created ({e.Message}).", e);
        }

        Probe(option, path, full);
    }

    /// <summary>Checks that two paths name different files (writing one must not overwrite the other).</summary>
    /// <exception cref="ArgumentException">Both name the same file.</exception>
    public static void CheckDistinct(string option, string path, string otherOption, string other)
    {
        if (string.Equals(Path.GetFullPath(path), Path.GetFullPath(other), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            throw new ArgumentException($"{option} '{path}' is the same file as {otherOption}; writing it would overwrite it. Give another file name.");
        }
    }

    private static void Probe(string option, string path, string folder)
    {
        string probe = Path.Combine(folder, $".movierec-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{option} '{path}': cannot write in '{folder}' ({e.Message}).", e);
        }
    }
}
