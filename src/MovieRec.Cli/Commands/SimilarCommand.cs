using System.CommandLine;
using MovieRec.Onnx.Models;
using MovieRec.Recommendation;

namespace MovieRec.Cli.Commands;

/// <summary><c>movierec similar</c>: movies whose model vectors are closest (cosine) to a movie's.</summary>
internal static class SimilarCommand
{
    public static Command Create()
    {
        var bundle = BundleOptions.Bundle();
        var movie = BundleOptions.Movie();
        var (count, pool, seed) = BundleOptions.Ranking();
        var command = new Command("similar", "Movies similar to a movie (cosine of the model's movie vectors).") { bundle, movie, count, pool, seed };
        command.SetAction((ParseResult result) =>
        {
            using var model = BundleModel.Load(result.GetValue(bundle)!);
            var catalog = model.Bundle.Dataset;
            int index = BundleOptions.MovieIndex(catalog, result.GetValue(movie));
            var options = new RecommendationOptions { Count = result.GetValue(count), CandidatePool = result.GetValue(pool), Seed = result.GetValue(seed) };
            RecommendationTable.Write(catalog, Recommender.Create(model).SimilarMovies(index, options), $"Movies similar to {catalog.Titles[index]} ({model.Name})", "cosine");
            return 0;
        });
        return command;
    }
}
