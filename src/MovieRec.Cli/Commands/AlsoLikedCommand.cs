using System.CommandLine;
using MovieRec.Onnx.Models;
using MovieRec.Recommendation;

namespace MovieRec.Cli.Commands;

/// <summary><c>movierec also-liked</c>: the favourites of the users who like a movie most, aggregated.</summary>
internal static class AlsoLikedCommand
{
    public static Command Create()
    {
        var bundle = BundleOptions.Bundle();
        var movie = BundleOptions.Movie();
        var (count, pool, seed) = BundleOptions.Ranking();
        var users = new Option<int>("--users") { Description = "How many users who like the movie most to ask.", DefaultValueFactory = _ => 20 }.AtLeast(1);
        var command = new Command("also-liked", "People who liked this movie also liked: their favourite movies, aggregated.") { bundle, movie, count, pool, seed, users };
        command.SetAction((ParseResult result) =>
        {
            using var model = BundleModel.Load(result.GetValue(bundle)!);
            var catalog = model.Bundle.Dataset;
            int index = BundleOptions.MovieIndex(catalog, result.GetValue(movie));
            var options = new RecommendationOptions { Count = result.GetValue(count), CandidatePool = result.GetValue(pool), Seed = result.GetValue(seed), NeighbourUsers = result.GetValue(users) };
            RecommendationTable.Write(catalog, Recommender.Create(model).AlsoLiked(index, options), $"People who liked {catalog.Titles[index]} also liked ({model.Name})", "score");
            return 0;
        });
        return command;
    }
}
