using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics.Tensors;
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
    private const int ReasonSources = 20;
    private readonly ConcurrentDictionary<long, (long ChangedAt, long Version, FoldedInUser User)> _foldIns = new();

    /// <summary>A user's recommendations, or null when the user does not exist.</summary>
    public async Task<Recommendations?> ForUserAsync(long userId, int count, CancellationToken cancellationToken)
    {
        var user = await store.UserAsync(userId, cancellationToken).ConfigureAwait(false);
        return user is null ? null : await ForUserAsync(user, count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A user's recommendations from their current ratings: the model's own when nothing changed since it learnt the
    /// user; else, for a user with few ratings, content (the liked movies' texts) and then the hybrid of content and
    /// the collaborative fold-in; else the fold-in alone; the popular movies for a user with no rating.
    /// </summary>
    public async Task<Recommendations> ForUserAsync(UserRow user, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var ratings = await store.RatingsAsync(user.UserId, cancellationToken).ConfigureAwait(false);
        var scale = await store.ScaleAsync(cancellationToken).ConfigureAwait(false);
        using var lease = host.Acquire();
        var model = lease.Model;
        var catalog = model.Catalog;
        var rated = new List<(int Movie, float Rating)>(ratings.Count);
        foreach (var rating in ratings)
        {
            int movie = catalog.MovieIndexOf(rating.MovieId);
            if (movie > 0)
            {
                rated.Add((movie, rating.Rating));
            }
        }

        float liking = LikeThreshold(scale);
        var scores = new float[model.Model.MovieIndexBound];
        int index = catalog.UserIndexOf(user.UserId);
        var content = model.Content is { } c && c.MovieIndexBound == scores.Length && rated.Any(r => r.Rating >= liking) ? c : null;
        string source;
        FactorMatrix? reasons = model.Model.MovieVectors;
        if (rated.Count == 0)
        {
            model.Popularity.CopyTo(scores, 0);
            source = "popularity";
        }
        else if (index > 0 && user.ChangedAt <= model.Record.SnapshotAt)
        {
            // Nothing changed since training: the user as the model learnt them.
            model.Model.ScoreAll(index, scores);
            source = "model";
        }
        else if (content is not null && (rated.Count < options.HybridFromRatings || (rated.Count < options.CollaborativeFromRatings && model.Factors is null)))
        {
            ScoreContent(content, rated, liking, scores);
            source = "content";
            reasons = content.MovieVectors;
        }
        else if (content is not null && model.Factors is { } hybridFactors && rated.Count < options.CollaborativeFromRatings)
        {
            hybridFactors.ScoreAll(FoldIn(model, user, rated), scores);
            var contentScores = new float[scores.Length];
            ScoreContent(content, rated, liking, contentScores);
            HybridModel.Fuse(scores, contentScores, options.HybridContentPrior / (options.HybridContentPrior + rated.Count), scores);
            source = "hybrid";
            reasons = content.MovieVectors;
        }
        else if (model.Factors is { } factors)
        {
            factors.ScoreAll(FoldIn(model, user, rated), scores);
            source = "fold-in";
        }
        else if (index > 0)
        {
            // A model without fold-in knows only the users it was trained on; the others get the popular movies.
            model.Model.ScoreAll(index, scores);
            source = "model";
        }
        else
        {
            model.Popularity.CopyTo(scores, 0);
            source = "popularity";
        }

        var top = Recommender.Top(scores, new RecommendationOptions { Count = count }, rated.Select(r => r.Movie).ToArray());
        var movies = top.Select(item => Describe(model, item, Reason(model, reasons, item.Index, rated, liking))).ToList();
        metrics.Recommended(source, clock.Elapsed.TotalMilliseconds);
        return new Recommendations(source, model.Record.Version, movies);
    }

    /// <summary>The lowest rating that counts as a like: three quarters up the scale (4 of 1 to 5).</summary>
    internal static float LikeThreshold(RatingScale scale) => MathF.Round((scale.Lowest + (0.75f * (scale.Max - scale.Lowest))) / scale.Step) * scale.Step;

    /// <summary>Content scores: the cosine between each movie and the running average of the liked movies' vectors.</summary>
    private static void ScoreContent(ContentModel content, List<(int Movie, float Rating)> rated, float liking, Span<float> scores)
    {
        var profile = content.NewProfile();
        foreach (var (movie, rating) in rated)
        {
            if (rating >= liking && movie < content.MovieIndexBound)
            {
                content.AddLike(profile, movie);
            }
        }

        content.Score(profile, scores);
    }

    /// <summary>Movies closest to a movie, or null when the serving model does not know it.</summary>
    public Recommendations? Similar(long movieId, int count)
    {
        using var lease = host.Acquire();
        var model = lease.Model;
        int movie = model.Catalog.MovieIndexOf(movieId);
        if (movie == 0)
        {
            return null;
        }

        var top = model.Recommender.SimilarMovies(movie, new RecommendationOptions { Count = count });
        return new Recommendations("similarity", model.Record.Version, [.. top.Select(item => Describe(model, item, null))]);
    }

    /// <summary>Movies that people who liked a movie also liked, or null when the serving model does not know it.</summary>
    public Recommendations? AlsoLiked(long movieId, int count)
    {
        using var lease = host.Acquire();
        var model = lease.Model;
        int movie = model.Catalog.MovieIndexOf(movieId);
        if (movie == 0)
        {
            return null;
        }

        var top = model.Recommender.AlsoLiked(movie, new RecommendationOptions { Count = count });
        return new Recommendations("co-occurrence", model.Record.Version, [.. top.Select(item => Describe(model, item, null))]);
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

    /// <summary>"Because you liked X": of the user's 20 highest-rated liked movies, the one whose vector is closest to the recommended one's; null when they liked none.</summary>
    private static string? Reason(ServingModel model, FactorMatrix? vectors, int movie, List<(int Movie, float Rating)> rated, float liking)
    {
        if (vectors is null || rated.Count == 0 || movie >= vectors.Rows)
        {
            return null;
        }

        var target = vectors.Row(movie);
        float targetNorm = TensorPrimitives.Norm(target);
        int best = 0;
        double bestCosine = double.NegativeInfinity;
        foreach (var (source, _) in rated.Where(r => r.Rating >= liking).OrderByDescending(r => r.Rating).Take(ReasonSources))
        {
            if (source >= vectors.Rows)
            {
                continue;
            }

            var row = vectors.Row(source);
            double cosine = TensorPrimitives.Dot(target, row) / Math.Max(1e-12, targetNorm * TensorPrimitives.Norm(row));
            if (cosine > bestCosine)
            {
                (best, bestCosine) = (source, cosine);
            }
        }

        return best == 0 ? null : $"because you liked {model.Catalog.Titles[best]}";
    }

    private static RecommendedMovie Describe(ServingModel model, RankedItem item, string? reason)
    {
        var catalog = model.Catalog;
        return new RecommendedMovie(catalog.MovieIds[item.Index], catalog.Titles[item.Index], catalog.Genres[item.Index].Split('|', StringSplitOptions.RemoveEmptyEntries), item.Score, reason, item.Index < model.Movies.Count ? model.Movies.Descriptions[item.Index] : null);
    }
}
