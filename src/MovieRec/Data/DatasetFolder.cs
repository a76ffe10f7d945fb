namespace MovieRec.Data;

/// <summary>Checks on dataset folders.</summary>
internal static class DatasetFolder
{
    public static void EnsureExists(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Dataset folder '{folder}' does not exist.");
        }
    }
}
