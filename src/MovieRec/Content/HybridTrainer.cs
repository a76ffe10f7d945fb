using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Evaluation;

namespace MovieRec.Content;

/// <summary>
/// Trains the hybrid of a collaborative model and the content model (<see cref="HybridModel"/>), choosing its content
/// weights, one per group of movies by training-rating count, on validation data.
/// </summary>
/// <remarks>
/// When <see cref="HybridOptions.Weight"/> is null, the protocol of <see cref="HybridOptions.Validation"/> is carved from
/// the training ratings (by default <c>mixed</c>: each user's latest training rating held out and ranked among
/// <see cref="HybridOptions.Negatives"/> unrated movies, the held-out movies of 20 % of the users stripped of every
/// training rating), so validation holds the movies the hybrid will face: cold, barely known and well-known ones. Both
/// models are trained on the rest; one weight for all groups is chosen first among 0, <see cref="HybridOptions.WeightStep"/>,
/// …, 1 by NDCG@10, then each group's weight in turn with the others fixed, twice over (a tie keeps the current weight).
/// Both models are then trained again on all the training ratings. The test ratings are never seen.
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
        int[] gate = [.. Options.GateCounts];
        var weights = new float[gate.Length + 1];
        Array.Fill(weights, Options.Weight ?? 0.5f);
        var validation = Options.Weight is null ? ValidationSplit(train) : null;
        if (validation is not null)
        {
            var collaborative = collaborativeTrainer.Fit(dataset, validation.Train, new ScaledProgress(progress, 0, 0.45), cancellationToken);
            var content = contentTrainer.Fit(dataset, validation.Train, cancellationToken: cancellationToken);
            using var model = Build(collaborative, content, validation.Train, gate, weights, Candidates(validation));
            weights = ChooseWeights(model, validation);
        }

        var final = collaborativeTrainer.Fit(dataset, train, new ScaledProgress(progress, validation is null ? 0 : 0.5, 0.95), cancellationToken);
        try
        {
            var finalContent = contentTrainer.Fit(dataset, train, cancellationToken: cancellationToken);
            var scaled = validation is not null ? Candidates(validation) : (train.Users.ToArray(), train.Movies.ToArray());
            progress?.Report(1);
            return Build(final, finalContent, train, gate, weights, scaled);
        }
        catch
        {
            (final as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>The validation protocol carved from the training ratings, or null when they are too few for it.</summary>
    private EvaluationSplit? ValidationSplit(RatingsTable train)
    {
        try
        {
            var split = ProtocolSplits.Create(Options.Validation, train, Options.Seed, Options.Negatives);
            return split.Test.Count > 0 && split.Train.Count > 0 ? split : null;
        }
        catch (ArgumentException)
        {
            return null; // a user with fewer unrated movies than negatives: keep the fixed weights
        }
    }

    /// <summary>The hybrid of two trained models: scales over the pairs given, cold neighbours over the training movies.</summary>
    private HybridModel Build(IRatingPredictor collaborative, ContentModel content, RatingsTable train, int[] gate, float[] weights, (int[] Users, int[] Movies) pairs)
    {
        var counts = new int[Math.Max(content.MovieIndexBound, train.MovieIndexBound)];
        foreach (int m in train.Movies)
        {
            counts[m]++;
        }

        var knows = counts.Select(c => c > 0).ToArray();
        var (c, t) = Scores(collaborative, content, pairs.Users, pairs.Movies);
        var (collaborativeScale, contentScale) = Scales(c, t, knows, pairs.Movies);
        var neighbours = ColdNeighbours(content, knows, Math.Min(collaborative.MovieIndexBound, knows.Length), Options.ColdNeighbours);
        return new HybridModel(Name, collaborative, content, gate, weights, counts, collaborativeScale, contentScale, neighbours);
    }

    /// <summary>One weight for all groups first, then each group's in turn, twice over, by validation NDCG@10.</summary>
    private float[] ChooseWeights(HybridModel model, EvaluationSplit validation)
    {
        var (users, movies) = Candidates(validation);
        var c = new float[users.Length];
        var t = new float[users.Length];
        model.Parts(users, movies, c, t);
        var group = movies.Select(model.GroupOfMovie).ToArray();
        int candidates = validation.Candidates![0].Length;
        var blended = new float[users.Length];
        double Ndcg(float[] w)
        {
            for (int i = 0; i < blended.Length; i++)
            {
                float wi = w[group[i]];
                blended[i] = ((1 - wi) * c[i]) + (wi * t[i]);
            }

            return new HeldOutRanking(CutOff).AddAll<float>(blended, candidates).Ndcg;
        }

        int steps = (int)MathF.Round(1 / Options.WeightStep);
        float[] grid = [.. Enumerable.Range(0, steps + 1).Select(s => Math.Min(1f, s * Options.WeightStep))];
        var chosen = new float[model.Weights.Count];
        var trial = new float[chosen.Length];
        double best = double.NegativeInfinity;
        foreach (float w in grid)
        {
            Array.Fill(trial, w);
            double ndcg = Ndcg(trial);
            if (ndcg > best + 1e-12)
            {
                best = ndcg;
                Array.Fill(chosen, w);
            }
        }

        for (int pass = 0; pass < 2 && chosen.Length > 1; pass++)
        {
            for (int g = 0; g < chosen.Length; g++)
            {
                float keep = chosen[g];
                foreach (float w in grid)
                {
                    chosen[g] = w;
                    double ndcg = Ndcg(chosen);
                    if (ndcg > best + 1e-12)
                    {
                        best = ndcg;
                        keep = w;
                    }
                }

                chosen[g] = keep;
            }
        }

        return chosen;
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

    private static (int[] Users, int[] Movies) Candidates(EvaluationSplit split)
    {
        var lists = split.Candidates!;
        int candidates = lists[0].Length;
        var users = new int[lists.Count * candidates];
        var movies = new int[lists.Count * candidates];
        for (int c = 0; c < lists.Count; c++)
        {
            users.AsSpan(c * candidates, candidates).Fill(split.Test.Users[c]);
            lists[c].CopyTo(movies, c * candidates);
        }

        return (users, movies);
    }
}
