namespace MovieRec.Tests.Repository;

/// <summary>The repository's root folder (the one holding MovieRec.sln), for tests that read its source and docs.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(Find);

    /// <summary>Gets the root folder.</summary>
    public static string Path => s_path.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MovieRec.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MovieRec.sln not found above the test binaries.");
    }
}
