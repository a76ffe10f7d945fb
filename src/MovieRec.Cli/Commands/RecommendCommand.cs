using System.CommandLine;
using System.Globalization;
using MovieRec.Onnx.Models;
using MovieRec.Content;
using MovieRec.Recommendation;
using Spectre.Console;

namespace MovieRec.Cli.Commands;

/// <summary>
/// <c>movierec recommend</c>: a user's favourites from a model bundle (seen movies left out), or,
/// with <c>--liked</c> or <c>--gender/--age/--occupation</c> instead of <c>--user</c>, a new user's (cold start).
/// </summary>
internal static class RecommendCommand
{
    public static Command Create()
    {
        var bundle = BundleOptions.Bundle();
        var user = new Option<long?>("--user", "-u") { Description = "Raw user id of the dataset." };
        var gender = new Option<string?>("--gender") { Description = "New user (cold start): F or M." };
        var age = new Option<int?>("--age") { Description = "New user (cold start): age in years." };
        var occupation = new Option<int>("--occupation") { Description = "New user (cold start): occupation index as the dataset encodes it.", DefaultValueFactory = _ => 0 };
        var liked = new Option<string?>("--liked") { Description = "New user (cold start) known by movies they liked: comma-separated raw movie ids." };
        var includeSeen = new Option<bool>("--include-seen") { Description = "Keep movies the user rated in training." };
        var (count, pool, seed) = BundleOptions.Ranking();
        var command = new Command("recommend", "A user's favourite movies: the highest predicted scores.")
        {
            bundle, user, gender, age, occupation, liked, includeSeen, count, pool, seed,
        };
        command.SetAction((ParseResult result) =>
        {
            OptionRules.RefuseMixed(result, "each names a different user; give --user for a known user, --liked for a new one known by movies, or --gender and --age", [user], [liked], [gender, age, occupation]);
            using var model = BundleModel.Load(result.GetValue(bundle)!);
            var catalog = model.Bundle.Dataset;
            var options = new RecommendationOptions { Count = result.GetValue(count), CandidatePool = result.GetValue(pool), Seed = result.GetValue(seed), ExcludeSeen = !result.GetValue(includeSeen) };
            if (result.GetValue(user) is { } rawUser)
            {
                var recommender = Recommender.Create(model, catalog.Seen);
                int index = catalog.UserIndexOf(rawUser);
                if (index == 0)
                {
                    AnsiConsole.MarkupLineInterpolated($"[yellow]User {rawUser} is not in the bundle; showing the unknown-user (cold-start) scores.[/]");
                }

                RecommendationTable.Write(catalog, recommender.Favourites(index, options), $"Favourites of user {rawUser} ({model.Name})", "predicted");
                return 0;
            }

            if (result.GetValue(liked) is { } likedText)
            {
                var movies = new List<int>();
                foreach (string part in likedText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    int index = long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out long raw) ? catalog.MovieIndexOf(raw) : 0;
                    movies.Add(index > 0 ? index : throw new ArgumentException($"--liked: movie id '{part}' is not in the bundle's catalogue."));
                }

                if (movies.Count == 0)
                {
                    throw new ArgumentException("--liked: expected at least one raw movie id, for example --liked 1,50,260.");
                }

                var likes = new NewUserRecommender(model, catalog.Seen).Recommend([.. movies.Select(m => (m, NewUserOptions.Defaults.LikeThreshold))], options);
                RecommendationTable.Write(catalog, [.. likes.Items.Select(i => i.Item)], $"For a new user who liked {movies.Count} movie(s) ({model.Name})", "predicted");
                return 0;
            }

            if (result.GetValue(gender) is not { } g || result.GetValue(age) is not { } years)
            {
                throw new ArgumentException("Give --user ID, --liked MOVIE,MOVIE,... or --gender F|M and --age YEARS (and optionally --occupation) for a new user.");
            }

            var scores = new float[model.MovieIndexBound];
            long[] row;
            try
            {
                row = FeatureTables.NewUserRow(model.Bundle, g, years, result.GetValue(occupation));
            }
            catch (ArgumentException e) when (e.ParamName is "gender" or "age" or "occupation")
            {
                // Name the option, not the parameter.
                throw new ArgumentException($"--{e.ParamName}: {MovieRecCli.UserMessage(e)}", e);
            }

            model.ScoreAll(row, scores);
            var newUser = new NewUserRecommender(model, catalog.Seen).Recommend([], options, scores);
            RecommendationTable.Write(catalog, [.. newUser.Items.Select(i => i.Item)], string.Create(CultureInfo.InvariantCulture, $"Favourites of a new user ({g}, {years}) ({model.Name})"), "predicted");
            return 0;
        });
        return command;
    }
}
