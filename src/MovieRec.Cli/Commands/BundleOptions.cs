using System.CommandLine;

namespace MovieRec.Cli.Commands;

/// <summary>Options shared by the commands that read a model bundle.</summary>
internal static class BundleOptions
{
    public static Option<string> Bundle() => new Option<string>("--bundle", "-b") { Description = "Model bundle written by 'movierec train'.", Required = true }.NotBlank("a model bundle file");

    public static Option<long> Movie() => new("--movie", "-m") { Description = "Raw movie id of the dataset.", Required = true };

    public static (Option<int> Count, Option<int> Pool, Option<int> Seed) Ranking() => (
        new Option<int>("-k", "--count") { Description = "Number of movies to list.", DefaultValueFactory = _ => 10 }.AtLeast(1),
        new Option<int>("--pool") { Description = "Pick the movies at random (seeded) among this many top candidates; 0 = exact top list.", DefaultValueFactory = _ => 0 }.AtLeast(0),
        new Option<int>("--seed") { Description = "Seed of the random pick.", DefaultValueFactory = _ => 0 });

    public static int MovieIndex(Onnx.Models.BundleDataset catalog, long rawId)
    {
        int index = catalog.MovieIndexOf(rawId);
        return index == 0
            ? throw new ArgumentException($"Movie {rawId} is not in the bundle's catalog ({catalog.MovieIds.Count - 1} movies).")
            : index;
    }
}
