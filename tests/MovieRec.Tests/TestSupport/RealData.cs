namespace MovieRec.Tests.TestSupport;

/// <summary>Finds a real dataset under MOVIEREC_DATA, or ignores the test.</summary>
public static class RealData
{
    public static string Folder(string name, params string[] requiredFiles)
    {
        string? root = Environment.GetEnvironmentVariable("MOVIEREC_DATA");
        if (string.IsNullOrEmpty(root))
        {
            Assert.Ignore("MOVIEREC_DATA is not set; real-data test skipped.");
        }

        string folder = Path.Combine(root!, name);
        foreach (string file in requiredFiles)
        {
            if (!File.Exists(Path.Combine(folder, file)))
            {
                Assert.Ignore($"{name}/{file} is not under MOVIEREC_DATA; real-data test skipped.");
            }
        }

        return folder;
    }
}
