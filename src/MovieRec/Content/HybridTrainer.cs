using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Splits;

namespace MovieRec.Content;

/// <summary>
/// Trains the hybrid of a collaborative model and the content model (<see cref="HybridModel"/>), choosing the blend
/// weight on validation data.
/// </summary>
/// <remarks>
/// When <see cref="HybridOptions.Weight"/> is null, each user's latest training rating is held out
/// (<see cref="LeaveOneOutSplit.CreateValidation"/>) and ranked among <see cref="HybridOptions.Negatives"/> unrated
/// movies; both models are trained on the rest, and the weight with the best NDCG@10 among 0,
/// <see cref="HybridOptions.WeightStep"/>, …, 1 is kept (the smallest on a tie). Both models are then trained again on
/// all the training ratings. The test ratings are never seen.
/// </remarks>
public sealed class HybridTrainer : IRatingTrainer
{
    private const int CutOff = 10;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">The options; <see cref="HybridOptions.Collaborative"/> is required.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public HybridTrainer(HybridOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>Gets the options.</summary>
    public HybridOptions Options { get; }

    /// <summary>Gets true: movies are read through their descriptions (titles and genres where a movie has none).</summary>
    public bool ReadsDescriptions => true;

    /// <inheritdoc/>
    public string Name => Options.Name;

    /// <summary>Always throws: the content half reads the movies' texts, which a ratings table lacks.</summary>
    /// <param name="train">Training ratings.</param>
    /// <param name="progress">Unused.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"The '{Name}' model reads the movies' descriptions and titles; train it with Fit(dataset, train).");

    /// <inheritdoc/>
    IRatingPredictor IRatingTrainer.Fit(RecommendationDataset dataset, RatingsTable train, IProgress<double>? progress, CancellationToken cancellationToken) =>
        Fit(dataset, train, progress, cancellationToken);

    /// <summary>Trains on ratings that index <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The dataset whose movies' texts the content half encodes.</param>
    /// <param name="train">Training ratings.</param>
    /// <param name="progress">Receives the completed fraction (0 to 1); optional.</param>
    /// <param name="cancellationToken">Stops training.</param>
    /// <returns>The trained hybrid; dispose it to release the collaborative model's native resources.</returns>
    public HybridModel Fit(RecommendationDataset dataset, RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        PredictorChecks.CheckTrainingRatings(train, nameof(train));
        var collaborativeTrainer = Options.Collaborative!;
        var contentTrainer = new ContentTrainer(Options.Content);
        var validation = LeaveOneOutSplit.CreateValidation(train, Options.Negatives, Options.Seed);
        float weight = Options.Weight ?? 0.5f;
        bool choose = Options.Weight is null && validation is not null;
        if (choose)
        {
            var part = new ScaledProgress(progress, 0, 0.45);
            var collaborative = collaborativeTrainer.Fit(dataset, validation!.Train, part, cancellationToken);
            try
            {
                using var content = contentTrainer.Fit(dataset, validation.Train, cancellationToken: cancellationToken);
                weight = ChooseWeight(validation, collaborative, content);
            }
            finally
            {
                (collaborative as IDisposable)?.Dispose();
            }
        }

        var final = collaborativeTrainer.Fit(dataset, train, new ScaledProgress(progress, choose ? 0.5 : 0, 0.95), cancellationToken);
        try
        {
            var finalContent = contentTrainer.Fit(dataset, train, cancellationToken: cancellationToken);
            var knows = MoviesWithRatings(train, finalContent.MovieIndexBound);
            var (users, movies) = validation is not null ? Candidates(validation) : (train.Users.ToArray(), train.Movies.ToArray());
            var (c, t) = Scores(final, finalContent, users, movies);
            var (collaborativeScale, contentScale) = Scales(c, t, knows, movies);
            progress?.Report(1);
            return new HybridModel(Name, final, finalContent, weight, knows, collaborativeScale, contentScale, ColdNeighbours(finalContent, knows, Math.Min(final.MovieIndexBound, knows.Length), Options.ColdNeighbours));
        }
        catch
        {
            (final as IDisposable)?.Dispose();
            throw;
        }
    }

    private float ChooseWeight(LeaveOneOutSplit validation, IRatingPredictor collaborative, ContentModel content)
    {
        var knows = MoviesWithRatings(validation.Train, content.MovieIndexBound);
        var (users, movies) = Candidates(validation);
        var (c, t) = Scores(collaborative, content, users, movies);
        var (collaborativeScale, contentScale) = Scales(c, t, knows, movies);
        int candidates = 1 + validation.NumberOfNegatives;
        var blended = new float[users.Length];
        float best = 0;
        double bestNdcg = double.NegativeInfinity;
        int steps = (int)MathF.Round(1 / Options.WeightStep);
        for (int s = 0; s <= steps; s++)
        {
            float w = Math.Min(1f, s * Options.WeightStep);
            for (int i = 0; i < blended.Length; i++)
            {
                blended[i] = HybridModel.Blend(w, collaborativeScale, contentScale, knows[movies[i]] ? c[i] : float.NaN, t[i]);
            }

            double ndcg = new HeldOutRanking(CutOff).AddAll<float>(blended, candidates).Ndcg;
            if (ndcg > bestNdcg + 1e-12)
            {
                bestNdcg = ndcg;
                best = w;
            }
        }

        return best;
    }

    private static (float[] Collaborative, float[] Content) Scores(IRatingPredictor collaborative, ContentModel content, int[] users, int[] movies)
    {
        var c = new float[users.Length];
        var t = new float[users.Length];
        collaborative.Predict(users, movies, c);
        ((IRatingPredictor)content).Predict(users, movies, t);
        return (c, t);
    }

    /// <summary>The standardisation of each model's scores; the collaborative one over the movies it knows only.</summary>
    private static (HybridModel.ScoreScale Collaborative, HybridModel.ScoreScale Content) Scales(float[] collaborative, float[] content, bool[] knows, int[] movies)
    {
        var known = new float[collaborative.Length];
        for (int i = 0; i < known.Length; i++)
        {
            known[i] = knows[movies[i]] ? collaborative[i] : float.NaN;
        }

        return (HybridModel.ScoreScale.Of(known), HybridModel.ScoreScale.Of(content));
    }

    /// <summary>For each movie with no training rating, the training movies nearest to it by content (cosine above 0).</summary>
    private static HybridModel.ColdNeighbour[]?[] ColdNeighbours(ContentModel content, bool[] knows, int knownBound, int count)
    {
        var neighbours = new HybridModel.ColdNeighbour[]?[content.MovieIndexBound];
        if (count == 0)
        {
            return neighbours;
        }

        var vectors = content.MovieVectors;
        var similarity = new float[knownBound];
        for (int m = 1; m < content.MovieIndexBound; m++)
        {
            if (m < knows.Length && knows[m])
            {
                continue;
            }

            for (int k = 1; k < knownBound; k++)
            {
                similarity[k] = knows[k] ? System.Numerics.Tensors.TensorPrimitives.Dot(vectors.Row(m), vectors.Row(k)) : float.NegativeInfinity;
            }

            similarity[0] = float.NegativeInfinity;
            neighbours[m] = [.. Recommendation.Recommender.Top(similarity, new Recommendation.RecommendationOptions { Count = count }, [])
                .Where(r => r.Score > 0)
                .Select(r => new HybridModel.ColdNeighbour(r.Index, r.Score))];
        }

        return neighbours;
    }

    private static (int[] Users, int[] Movies) Candidates(LeaveOneOutSplit split)
    {
        int candidates = 1 + split.NumberOfNegatives;
        int cases = split.TestUsers.Length;
        var users = new int[cases * candidates];
        var movies = new int[cases * candidates];
        for (int c = 0; c < cases; c++)
        {
            int at = c * candidates;
            users.AsSpan(at, candidates).Fill(split.TestUsers[c]);
            movies[at] = split.TestMovies[c];
            for (int j = 1; j < candidates; j++)
            {
                movies[at + j] = split.Negatives[c, j - 1];
            }
        }

        return (users, movies);
    }

    private static bool[] MoviesWithRatings(RatingsTable train, int movieBound)
    {
        var knows = new bool[Math.Max(movieBound, train.MovieIndexBound)];
        foreach (int m in train.Movies)
        {
            knows[m] = true;
        }

        return knows;
    }
}
