using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using MovieRec.Abstractions;
using MovieRec.AspNetCore.Storage;
using MovieRec.Recommendation;

namespace MovieRec.AspNetCore.Serving;

/// <summary>A recommended movie.</summary>
/// <param name="MovieId">The dataset's movie id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Genres">Its genres.</param>
/// <param name="Score">The model's score (a predicted rating for a rating model).</param>
/// <param name="Reason">Why, where the model can say (the rated movie closest to it), or null.</param>
public sealed record RecommendedMovie(long MovieId, string Title, IReadOnlyList<string> Genres, float Score, string? Reason);

/// <summary>A list of recommended movies and where it came from.</summary>
/// <param name="Source">How the list was made: <c>model</c> (the user as trained), <c>fold-in</c> (the user re-solved
/// from their current ratings), <c>popularity</c> (a user with no rating yet), <c>similarity</c> or <c>co-occurrence</c>.</param>
/// <param name="ModelVersion">The version of the model that served it.</param>
/// <param name="Movies">The movies, best first.</param>
public sealed record Recommendations(string Source, long ModelVersion, IReadOnlyList<RecommendedMovie> Movies);

/// <summary>
/// Recommendations for users and movies from the serving model and the database: a user is read with their current
/// ratings, so a rating written a moment ago counts at once (the user is folded in against the fixed movie factors);
/// fold-ins are cached until the user's ratings or the model change.
/// </summary>
internal sealed class RecommendationService(ModelHost host, RatingStore store, ServerMetrics metrics)
{
    private const int CacheLimit = 100_000;
    private const int ReasonSources = 20;
    private readonly ConcurrentDictionary<long, (long ChangedAt, long Version, FoldedInUser User)> _foldIns = new();

    /// <summary>A user's recommendations, or null when the user does not exist.</summary>
    public async Task<Recommendations?> ForUserAsync(long userId, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var user = await store.UserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var ratings = await store.RatingsAsync(userId, cancellationToken).ConfigureAwait(false);
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

        var scores = new float[model.Model.MovieIndexBound];
        int index = catalog.UserIndexOf(userId);
        string source;
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
        else if (model.Factors is { } factors)
        {
            factors.ScoreAll(FoldIn(model, user, rated), scores);
            source = "fold-in";
        }
        else
        {
            // A model without fold-in knows only the users it was trained on; the others get the popular movies.
            if (index > 0)
            {
                model.Model.ScoreAll(index, scores);
                source = "model";
            }
            else
            {
                model.Popularity.CopyTo(scores, 0);
                source = "popularity";
            }
        }

        var top = Recommender.Top(scores, new RecommendationOptions { Count = count }, rated.Select(r => r.Movie).ToArray());
        var movies = top.Select(item => Describe(model, item, Reason(model, item.Index, rated))).ToList();
        metrics.Recommended(source, clock.Elapsed.TotalMilliseconds);
        return new Recommendations(source, model.Record.Version, movies);
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

    /// <summary>"Because you rated X": the user's highest-rated movie (of their top 20) whose vector is closest to the recommended one's.</summary>
    private static string? Reason(ServingModel model, int movie, List<(int Movie, float Rating)> rated)
    {
        var vectors = model.Model.MovieVectors;
        if (vectors is null || rated.Count == 0 || movie >= vectors.Rows)
        {
            return null;
        }

        var target = vectors.Row(movie);
        float targetNorm = TensorPrimitives.Norm(target);
        int best = 0;
        float bestRating = 0;
        double bestCosine = double.NegativeInfinity;
        foreach (var (source, rating) in rated.OrderByDescending(r => r.Rating).Take(ReasonSources))
        {
            if (source >= vectors.Rows)
            {
                continue;
            }

            var row = vectors.Row(source);
            double cosine = TensorPrimitives.Dot(target, row) / Math.Max(1e-12, targetNorm * TensorPrimitives.Norm(row));
            if (cosine > bestCosine)
            {
                (best, bestRating, bestCosine) = (source, rating, cosine);
            }
        }

        return best == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"because you rated {model.Catalog.Titles[best]} {bestRating}");
    }

    private static RecommendedMovie Describe(ServingModel model, RankedItem item, string? reason)
    {
        var catalog = model.Catalog;
        return new RecommendedMovie(catalog.MovieIds[item.Index], catalog.Titles[item.Index], catalog.Genres[item.Index].Split('|', StringSplitOptions.RemoveEmptyEntries), item.Score, reason);
    }
}
