using System.Collections.Concurrent;
using System.Diagnostics;
using MovieRec.Abstractions;
using MovieRec.AspNetCore.Storage;
using MovieRec.Content;
using MovieRec.Recommendation;

namespace MovieRec.AspNetCore.Serving;

/// <summary>A recommended movie.</summary>
/// <param name="MovieId">The dataset's movie id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Genres">Its genres.</param>
/// <param name="Score">The model's score (a predicted rating for a rating model).</param>
/// <param name="Reason">Why, where the model can say (the rated movie closest to it), or null.</param>
/// <param name="Description">Its plot description where the data folders have one, or null.</param>
public sealed record RecommendedMovie(long MovieId, string Title, IReadOnlyList<string> Genres, float Score, string? Reason, string? Description = null);

/// <summary>A list of recommended movies and where it came from.</summary>
/// <param name="Source">How the list was made: <c>model</c> (the user as trained), <c>fold-in</c> (the user re-solved
/// from their current ratings), <c>content</c> (a user with a few ratings: movies whose texts are closest to the liked
/// ones), <c>hybrid</c> (content fused with the fold-in), <c>popularity</c> (a user with no rating yet), <c>similarity</c>
/// or <c>co-occurrence</c>.</param>
/// <param name="ModelVersion">The version of the model that served it.</param>
/// <param name="Movies">The movies, best first.</param>
public sealed record Recommendations(string Source, long ModelVersion, IReadOnlyList<RecommendedMovie> Movies);

/// <summary>
/// Recommendations for users and movies from the serving model and the database: a user is read with their current
/// ratings, so a rating written a moment ago counts at once (the user is folded in against the fixed movie factors);
/// fold-ins are cached until the user's ratings or the model change.
/// </summary>
internal sealed class RecommendationService(ModelHost host, RatingStore store, ServerMetrics metrics, MovieRecServerOptions options)
{

    private const int CacheLimit = 100_000;
    private readonly ConcurrentDictionary<long, (long ChangedAt, long Version, FoldedInUser User)> _foldIns = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ServingModel, NewUserRecommender> _newUsers = [];

    /// <summary>A user's recommendations, or null when the user does not exist.</summary>
    public async Task<Recommendations?> ForUserAsync(long userId, int count, CancellationToken cancellationToken)
    {
        var user = await store.UserAsync(userId, cancellationToken).ConfigureAwait(false);
        return user is null ? null : await ForUserAsync(user, count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A user's recommendations from their current ratings: the model's own when nothing changed since it learnt the
    /// user; otherwise the library's one way for new users (<see cref="NewUserRecommender"/>): the popular movies before
    /// the first rating, then content, the hybrid and the fold-in by the number of ratings.
    /// </summary>
    /// <param name="user">The user; null for a visitor who has not rated yet (and so is no user yet).</param>
    /// <param name="count">How many movies.</param>
    /// <param name="cancellationToken">Cancels the database reads.</param>
    public async Task<Recommendations> ForUserAsync(UserRow? user, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var ratings = user is null ? [] : await store.RatingsAsync(user.UserId, cancellationToken).ConfigureAwait(false);
        var scale = await store.ScaleAsync(cancellationToken).ConfigureAwait(false);
        using var lease = host.Acquire();
        var model = lease.Model;
        var catalog = model.Dataset;
        var rated = new List<(int Movie, float Rating)>(ratings.Count);
        foreach (var rating in ratings)
        {
            int movie = catalog.MovieIndexOf(rating.MovieId);
            if (movie > 0)
            {
                rated.Add((movie, rating.Rating));
            }
        }

        var recommendation = new RecommendationOptions { Count = count };
        int index = user is null ? 0 : catalog.UserIndexOf(user.UserId);
        List<RecommendedMovie> movies;
        string source;
        if (user is not null && rated.Count > 0 && index > 0 && (user.ChangedAt <= model.Record.SnapshotAt || model.Factors is null))
        {
            // Nothing changed since training (or the model cannot fold in): the user as the model learnt them.
            var scores = new float[model.Model.MovieIndexBound];
            model.Model.ScoreAll(index, scores);
            float liking = LikeThreshold(scale);
            int[] liked = [.. rated.Where(r => r.Rating >= liking).OrderByDescending(r => r.Rating).Select(r => r.Movie)];
            movies = [.. Recommender.Top(scores, recommendation, rated.Select(r => r.Movie).ToArray()).Select(item => Describe(model, item, NewUserRecommender.BecauseOf(model.Model.MovieVectors, item.Index, liked)))];
            source = "model";
        }
        else
        {
            var result = NewUsers(model, scale).Recommend(rated, recommendation, foldIn: model.Factors is null || user is null ? null : () => FoldIn(model, user, rated));
            movies = [.. result.Items.Select(item => Describe(model, item.Item, item.BecauseOf))];
            source = SourceName(result.Source);
        }

        metrics.Recommended(source, clock.Elapsed.TotalMilliseconds);
        return new Recommendations(source, model.Record.Version, movies);
    }

    /// <summary>The lowest rating that counts as a like: three quarters up the scale (4 of 1 to 5).</summary>
    internal static float LikeThreshold(RatingScale scale) => MathF.Round((scale.Lowest + (0.75f * (scale.Max - scale.Lowest))) / scale.Step) * scale.Step;

    private static string SourceName(NewUserSource source) => source switch
    {
        NewUserSource.FoldIn => "fold-in",
        NewUserSource.LikedMovies => "liked-movies",
        _ => source.ToString().ToLowerInvariant(),
    };

    /// <summary>The serving model's new-user recommender, made once per model with the database's like threshold.</summary>
    private NewUserRecommender NewUsers(ServingModel model, RatingScale scale) =>
        _newUsers.GetValue(model, m => new NewUserRecommender(m.Model, m.Dataset.Seen, m.Factors, m.Content, new NewUserOptions
        {
            HybridFromRatings = options.HybridFromRatings,
            CollaborativeFromRatings = options.CollaborativeFromRatings,
            ContentPrior = options.HybridContentPrior,
            LikeThreshold = LikeThreshold(scale),
        }));

    /// <summary>Movies closest to a movie, or null when the serving model does not know it.</summary>
    public Recommendations? Similar(long movieId, int count)
    {
        using var lease = host.Acquire();
        var model = lease.Model;
        int movie = model.Dataset.MovieIndexOf(movieId);
        if (movie == 0)
        {
            return null;
        }

        var top = model.Recommender.SimilarMovies(movie, new RecommendationOptions { Count = count });
        return new Recommendations("similarity", model.Record.Version, [.. top.Select(item => Describe(model, item))]);
    }

    /// <summary>Movies that people who liked a movie also liked, or null when the serving model does not know it.</summary>
    public Recommendations? AlsoLiked(long movieId, int count)
    {
        using var lease = host.Acquire();
        var model = lease.Model;
        int movie = model.Dataset.MovieIndexOf(movieId);
        if (movie == 0)
        {
            return null;
        }

        var top = model.Recommender.AlsoLiked(movie, new RecommendationOptions { Count = count });
        return new Recommendations("co-occurrence", model.Record.Version, [.. top.Select(item => Describe(model, item))]);
    }

    private FoldedInUser FoldIn(ServingModel model, UserRow user, List<(int Movie, float Rating)> rated)
    {
        if (_foldIns.TryGetValue(user.UserId, out var cached) && cached.ChangedAt == user.ChangedAt && cached.Version == model.Record.Version)
        {
            return cached.User;
        }

        var folded = model.Factors!.FoldIn(rated.Select(r => r.Movie).ToArray(), rated.Select(r => r.Rating).ToArray());
        if (_foldIns.Count >= CacheLimit)
        {
            _foldIns.Clear();
        }

        _foldIns[user.UserId] = (user.ChangedAt, model.Record.Version, folded);
        metrics.FoldedIn();
        return folded;
    }

    /// <summary>A movie for the API, with "because you liked X" when <paramref name="becauseOf"/> names a liked movie.</summary>
    private static RecommendedMovie Describe(ServingModel model, RankedItem item, int becauseOf = 0)
    {
        var catalog = model.Dataset;
        string? reason = becauseOf > 0 ? $"because you liked {catalog.Titles[becauseOf]}" : null;
        return new RecommendedMovie(catalog.MovieIds[item.Index], catalog.Titles[item.Index], catalog.Genres[item.Index].Split('|', StringSplitOptions.RemoveEmptyEntries), item.Score, reason, item.Index < model.Movies.Count ? model.Movies.Descriptions[item.Index] : null);
    }
}
