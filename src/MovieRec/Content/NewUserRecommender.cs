using System.Numerics.Tensors;
using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Recommendation;

namespace MovieRec.Content;

/// <summary>Where a new user's list came from (<see cref="NewUserRecommender.Recommend"/>).</summary>
public enum NewUserSource
{
    /// <summary>The popular movies: the user has no rating and no demographics.</summary>
    Popularity,

    /// <summary>The model's scores for the user's demographics (a model that reads them).</summary>
    Demographics,

    /// <summary>The movies whose texts are closest to the running average of the liked ones.</summary>
    Content,

    /// <summary>The collaborative fold-in and content fused (<see cref="HybridModel.Fuse"/>).</summary>
    Hybrid,

    /// <summary>The user folded in from their ratings against the model's fixed movie factors.</summary>
    FoldIn,

    /// <summary>The favourites of the trained users who share the most liked movies (<see cref="Recommender.ForLikedMovies"/>).</summary>
    LikedMovies,
}

/// <summary>One recommended movie for a new user, and the liked movie it is closest to (0 when there is none to name).</summary>
/// <param name="Item">The movie and its score.</param>
/// <param name="BecauseOf">The liked movie whose vector is closest to it, for "because you liked X"; 0 for none.</param>
public sealed record NewUserItem(RankedItem Item, int BecauseOf);

/// <summary>A new user's recommendations and where they came from.</summary>
/// <param name="Source">The stage that made them.</param>
/// <param name="Items">The movies, best first.</param>
public sealed record NewUserRecommendations(NewUserSource Source, IReadOnlyList<NewUserItem> Items);

/// <summary>The stages of <see cref="NewUserRecommender"/> and what counts as a like.</summary>
public sealed record NewUserOptions
{
    /// <summary>
    /// The defaults of the stages, chosen on validation users (held out of training, given their first k ratings) by
    /// <c>report NewUsers --data ml-100k --seeds 3</c> with matrix factorisation: seed 1's choice (benchmarks/README.md,
    /// "New users").
    /// </summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="HybridFromRatings"/>: content alone never won on validation users.</summary>
        public const int HybridFromRatings = 1;

        /// <summary>Default <see cref="CollaborativeFromRatings"/> (seeds 2 and 3 chose 16 and 1).</summary>
        public const int CollaborativeFromRatings = 6;

        /// <summary>Default <see cref="ContentPrior"/> (every seed's choice).</summary>
        public const float ContentPrior = 1;

        /// <summary>Default <see cref="LikeThreshold"/>: 4 of 1 to 5, a definition rather than a setting.</summary>
        public const float LikeThreshold = 4;
    }

    /// <summary>Gets the number of ratings from which the hybrid replaces content alone.</summary>
    public int HybridFromRatings { get; init; } = Defaults.HybridFromRatings;

    /// <summary>Gets the number of ratings from which the fold-in alone replaces the hybrid.</summary>
    public int CollaborativeFromRatings { get; init; } = Defaults.CollaborativeFromRatings;

    /// <summary>Gets p of the hybrid's content weight p / (p + ratings).</summary>
    public float ContentPrior { get; init; } = Defaults.ContentPrior;

    /// <summary>Gets the lowest rating that counts as a like.</summary>
    public float LikeThreshold { get; init; } = Defaults.LikeThreshold;
}

/// <summary>
/// The one way to recommend to a user a model did not learn: by their demographics before any rating (when given),
/// then from their ratings by stage — content while they have few (the liked movies' texts), the hybrid of content and
/// the collaborative fold-in, then the fold-in alone — each stage used only when its parts are there: without movie
/// factors the liked movies speak through the users who share them, without a content model the fold-in serves
/// from the first rating. The server, the page and the CLI's <c>recommend --liked/--gender</c> all come here.
/// </summary>
/// <remarks>Thread-safe when its parts are (they are: the models score without shared state).</remarks>
public sealed class NewUserRecommender
{
    private readonly Recommender _recommender;
    private readonly IRatingPredictor _model;
    private readonly IUserFoldIn? _factors;
    private readonly ContentModel? _content;
    private readonly float[] _popularity;
    private readonly NewUserOptions _options;

    /// <summary>Creates the recommender over one model's parts.</summary>
    /// <param name="model">The model: its movie vectors name reasons; the liked-movies stage scores with it.</param>
    /// <param name="seen">The training ratings (the liked-movies stage reads who rated what; popularity counts them).</param>
    /// <param name="factors">The model's fold-in, or null when it has none.</param>
    /// <param name="content">The catalogue as content in the model's movie indices, or null.</param>
    /// <param name="options">The stages; null takes the defaults.</param>
    public NewUserRecommender(IRatingPredictor model, RatingsTable seen, IUserFoldIn? factors = null, ContentModel? content = null, NewUserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(seen);
        _model = model;
        _recommender = Recommender.Create(model, seen);
        _factors = factors is not null && factors.MovieIndexBound == model.MovieIndexBound ? factors : null;
        _content = content is not null && content.MovieIndexBound == model.MovieIndexBound ? content : null;
        _options = options ?? new NewUserOptions();
        _popularity = new float[model.MovieIndexBound];
        foreach (int movie in seen.Movies)
        {
            if ((uint)movie < (uint)_popularity.Length)
            {
                _popularity[movie]++;
            }
        }
    }

    /// <summary>Gets each movie's number of training ratings.</summary>
    public ReadOnlySpan<float> Popularity => _popularity;

    /// <summary>Recommends to a new user from what is known of them.</summary>
    /// <param name="ratings">Their ratings (movie index, rating), none for a user who has not rated; rated movies are left out.</param>
    /// <param name="options">Count, candidate pool and seed; null uses the defaults.</param>
    /// <param name="demographicScores">The model's scores for the user's demographics (one per movie index), used before the first rating; empty for none.</param>
    /// <param name="foldIn">Folds the user in (for a cache of fold-ins); null calls <see cref="IUserFoldIn.FoldIn"/>.</param>
    /// <returns>The movies and the stage that chose them.</returns>
    /// <exception cref="ArgumentException">A rated movie is not in the model's catalogue, or the demographic scores are not one per movie.</exception>
    public NewUserRecommendations Recommend(IReadOnlyList<(int Movie, float Rating)> ratings, RecommendationOptions? options = null, ReadOnlySpan<float> demographicScores = default, Func<FoldedInUser>? foldIn = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        options ??= new RecommendationOptions();
        int bound = _model.MovieIndexBound;
        var rated = new int[ratings.Count];
        var liked = new List<int>();
        for (int i = 0; i < ratings.Count; i++)
        {
            var (movie, rating) = ratings[i];
            if (movie < 1 || movie >= bound)
            {
                throw new ArgumentException($"Rated movie index {movie} is not a known movie; expected 1..{bound - 1}.", nameof(ratings));
            }

            rated[i] = movie;
            if (rating >= _options.LikeThreshold)
            {
                liked.Add(movie);
            }
        }

        if (!demographicScores.IsEmpty && demographicScores.Length != bound)
        {
            throw new ArgumentException($"demographicScores has {demographicScores.Length} scores; expected {bound}, one per movie index.", nameof(demographicScores));
        }

        var scores = new float[bound];
        NewUserSource source;
        FactorMatrix? reasons = _model.MovieVectors;
        int n = ratings.Count;
        var content = liked.Count > 0 ? _content : null;
        if (n == 0)
        {
            if (demographicScores.IsEmpty)
            {
                _popularity.CopyTo(scores, 0);
                source = NewUserSource.Popularity;
            }
            else
            {
                demographicScores.CopyTo(scores);
                source = NewUserSource.Demographics;
            }

            reasons = null;
        }
        else if (content is not null && (_factors is null || n < _options.HybridFromRatings))
        {
            ScoreContent(content, liked, scores);
            source = NewUserSource.Content;
            reasons = content.MovieVectors;
        }
        else if (_factors is not null && content is not null && n < _options.CollaborativeFromRatings)
        {
            _factors.ScoreAll(FoldIn(ratings, foldIn), scores);
            var text = new float[bound];
            ScoreContent(content, liked, text);
            HybridModel.Fuse(scores, text, _options.ContentPrior / (_options.ContentPrior + n), scores);
            source = NewUserSource.Hybrid;
            reasons = content.MovieVectors;
        }
        else if (_factors is not null)
        {
            _factors.ScoreAll(FoldIn(ratings, foldIn), scores);
            source = NewUserSource.FoldIn;
        }
        else if (liked.Count > 0)
        {
            var items = _recommender.ForLikedMovies(liked, options).Where(item => Array.IndexOf(rated, item.Index) < 0).ToList();
            return new NewUserRecommendations(NewUserSource.LikedMovies, [.. items.Select(item => new NewUserItem(item, BecauseOf(reasons, item.Index, liked)))]);
        }
        else
        {
            _popularity.CopyTo(scores, 0);
            source = NewUserSource.Popularity;
            reasons = null;
        }

        var top = Recommender.Top(scores, options, rated);
        return new NewUserRecommendations(source, [.. top.Select(item => new NewUserItem(item, BecauseOf(reasons, item.Index, liked)))]);
    }

    private FoldedInUser FoldIn(IReadOnlyList<(int Movie, float Rating)> ratings, Func<FoldedInUser>? foldIn) =>
        foldIn?.Invoke() ?? _factors!.FoldIn([.. ratings.Select(r => r.Movie)], [.. ratings.Select(r => r.Rating)]);

    private static void ScoreContent(ContentModel content, List<int> liked, Span<float> scores)
    {
        var profile = content.NewProfile();
        foreach (int movie in liked)
        {
            content.AddLike(profile, movie);
        }

        content.Score(profile, scores);
    }

    /// <summary>The reason for a recommendation: of the liked movies (the first 20), the one whose vector is closest to
    /// <paramref name="movie"/>'s by cosine.</summary>
    /// <param name="vectors">Movie vectors (a model's factors or the content model's); null gives no reason.</param>
    /// <param name="movie">The recommended movie.</param>
    /// <param name="liked">The liked movies, the ones to name first.</param>
    /// <returns>The liked movie to name; 0 for none.</returns>
    public static int BecauseOf(FactorMatrix? vectors, int movie, IReadOnlyList<int> liked)
    {
        ArgumentNullException.ThrowIfNull(liked);
        if (vectors is null || liked.Count == 0 || movie >= vectors.Rows)
        {
            return 0;
        }

        var target = vectors.Row(movie);
        float targetNorm = TensorPrimitives.Norm(target);
        int best = 0;
        double bestCosine = double.NegativeInfinity;
        foreach (int source in liked.Take(20))
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

        return best;
    }
}
