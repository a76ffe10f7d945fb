using System.Buffers;
using MovieRec.Abstractions;

namespace MovieRec.Content;

/// <summary>
/// A blend of a collaborative model and the content model: score = (1 − w)·z<sub>c</sub> + w·z<sub>t</sub>, where
/// z<sub>c</sub> and z<sub>t</sub> are the two models' scores standardised (mean 0, standard deviation 1 over the
/// validation candidates) and w, the content weight, depends on how many training ratings the movie has: one weight
/// per group of <see cref="GateCounts"/> (<see cref="Weights"/>), so a cold movie can lean on its text while a
/// well-known one leans on the ratings.
/// </summary>
/// <remarks>
/// A movie with no training rating (a cold-start item) is unknown to the collaborative model: its collaborative score is
/// the similarity-weighted mean of the collaborative scores of the training movies nearest to it by content
/// (<see cref="HybridOptions.ColdNeighbours"/>), or z<sub>c</sub> = 0, the collaborative average, when it has none. Scores rank movies; they are not ratings.
/// Disposing the hybrid disposes the collaborative model when it holds native resources (the deep models).
/// </remarks>
public sealed class HybridModel : IRatingPredictor, IDisposable
{
    private readonly int[] _ratingCounts;
    private readonly int[] _gateCounts;
    private readonly float[] _weights;
    private readonly float[] _movieWeights;
    private readonly ColdNeighbour[]?[] _coldNeighbours;
    private readonly ScoreScale _collaborativeScale;
    private readonly ScoreScale _contentScale;

    internal HybridModel(string name, IRatingPredictor collaborative, ContentModel content, int[] gateCounts, float[] weights, int[] ratingCounts, ScoreScale collaborativeScale, ScoreScale contentScale, ColdNeighbour[]?[] coldNeighbours)
    {
        _coldNeighbours = coldNeighbours;
        Name = name;
        Collaborative = collaborative;
        Content = content;
        _gateCounts = gateCounts;
        _weights = weights;
        _ratingCounts = ratingCounts;
        _collaborativeScale = collaborativeScale;
        _contentScale = contentScale;
        _movieWeights = new float[Math.Max(content.MovieIndexBound, ratingCounts.Length)];
        for (int m = 0; m < _movieWeights.Length; m++)
        {
            _movieWeights[m] = weights[GroupOfMovie(m)];
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the collaborative model.</summary>
    public IRatingPredictor Collaborative { get; }

    /// <summary>Gets the content model.</summary>
    public ContentModel Content { get; }

    /// <summary>Gets the training-rating counts at which a movie moves to the next weight group (empty: one group).</summary>
    public IReadOnlyList<int> GateCounts => _gateCounts;

    /// <summary>Gets the content weight of each group, in [0, 1]: the first for movies with fewer than <c>GateCounts[0]</c> training ratings.</summary>
    public IReadOnlyList<float> Weights => _weights;

    /// <inheritdoc/>
    public PredictionKind Predicts => PredictionKind.Ranking;

    /// <inheritdoc/>
    public int UserIndexBound => Math.Max(Collaborative.UserIndexBound, Content.UserIndexBound);

    /// <inheritdoc/>
    public int MovieIndexBound => Content.MovieIndexBound;

    /// <inheritdoc/>
    public FactorMatrix? UserVectors => null;

    /// <summary>Gets the content model's movie vectors: similar movies are movies with similar texts.</summary>
    public FactorMatrix? MovieVectors => Content.MovieVectors;

    /// <summary>The content weight the hybrid gives a movie, from its number of training ratings.</summary>
    /// <param name="movie">A movie index; one out of range is a movie with no training rating.</param>
    /// <returns>The weight, in [0, 1].</returns>
    public float WeightOf(int movie) => (uint)movie < (uint)_movieWeights.Length ? _movieWeights[movie] : _weights[0];

    /// <inheritdoc/>
    public float Predict(int user, int movie) =>
        Blend(movie, Knows(movie) ? Collaborative.Predict(user, movie) : Imputed(user, movie, null), Content.Predict(user, movie));

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        PredictorChecks.CheckBatch(users, movies, output);
        float[] content = ArrayPool<float>.Shared.Rent(users.Length);
        try
        {
            Parts(users, movies, output, content);
            for (int i = 0; i < users.Length; i++)
            {
                float w = WeightOf(movies[i]);
                output[i] = ((1 - w) * output[i]) + (w * content[i]);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(content);
        }
    }

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        int known = Collaborative.MovieIndexBound;
        float[] collaborative = ArrayPool<float>.Shared.Rent(known);
        try
        {
            Collaborative.ScoreAll(user, collaborative.AsSpan(0, known));
            Content.ScoreAll(user, scores);
            for (int m = 0; m < MovieIndexBound; m++)
            {
                scores[m] = Blend(m, m < known && Knows(m) ? collaborative[m] : Imputed(user, m, collaborative.AsSpan(0, known)), scores[m]);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(collaborative);
        }
    }

    /// <summary>Disposes the collaborative model (when it holds native resources) and the content model.</summary>
    public void Dispose()
    {
        (Collaborative as IDisposable)?.Dispose();
        Content.Dispose();
    }

    /// <summary>The weight group of a movie: how many gate counts its number of training ratings reaches.</summary>
    internal int GroupOfMovie(int movie)
    {
        int count = (uint)movie < (uint)_ratingCounts.Length ? _ratingCounts[movie] : 0;
        int group = 0;
        while (group < _gateCounts.Length && count >= _gateCounts[group])
        {
            group++;
        }

        return group;
    }

    /// <summary>
    /// The two standardised halves of each pair's score, before weighting: z<sub>c</sub> (imputed for a cold movie, 0 with
    /// no neighbour) and z<sub>t</sub>. The trainer weighs them per group when it chooses the weights.
    /// </summary>
    internal void Parts(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> collaborative, Span<float> content)
    {
        Collaborative.Predict(users, movies, collaborative[..users.Length]);
        ((IRatingPredictor)Content).Predict(users, movies, content[..users.Length]);
        for (int i = 0; i < users.Length; i++)
        {
            float c = Knows(movies[i]) ? collaborative[i] : Imputed(users[i], movies[i], null);
            collaborative[i] = float.IsNaN(c) ? 0f : _collaborativeScale.Standardize(c);
            content[i] = _contentScale.Standardize(content[i]);
        }
    }

    private float Imputed(int user, int movie, ReadOnlySpan<float> userScores)
    {
        if ((uint)movie >= (uint)_coldNeighbours.Length || _coldNeighbours[movie] is not { Length: > 0 } neighbours)
        {
            return float.NaN;
        }

        float sum = 0, weights = 0;
        foreach (var neighbour in neighbours)
        {
            sum += neighbour.Similarity * (userScores.IsEmpty ? Collaborative.Predict(user, neighbour.Movie) : userScores[neighbour.Movie]);
            weights += neighbour.Similarity;
        }

        return sum / weights;
    }

    private bool Knows(int movie) => (uint)movie < (uint)_ratingCounts.Length && _ratingCounts[movie] > 0;

    /// <summary>
    /// Fuses a collaborative and a content score for every movie of one user the way the hybrid does, with scales taken
    /// over the catalogue: each vector standardised over its movies 1.., then (1 − w)·z<sub>c</sub> + w·z<sub>t</sub>.
    /// For users the models did not train on, such as a new user folded in from a few ratings.
    /// </summary>
    /// <param name="collaborative">The collaborative scores, one per movie index (a NaN counts as the average).</param>
    /// <param name="content">The content scores, as long.</param>
    /// <param name="contentWeight">w, from 0 (collaborative only) to 1 (content only).</param>
    /// <param name="destination">Receives the fused scores; may be either input.</param>
    /// <exception cref="ArgumentException">The lengths differ or the weight is outside 0..1.</exception>
    public static void Fuse(ReadOnlySpan<float> collaborative, ReadOnlySpan<float> content, float contentWeight, Span<float> destination)
    {
        if (collaborative.Length != content.Length || destination.Length != content.Length)
        {
            throw new ArgumentException($"The score vectors differ in length: collaborative {collaborative.Length}, content {content.Length}, destination {destination.Length}.", nameof(destination));
        }

        if (!(contentWeight is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(contentWeight), contentWeight, "Expected a content weight from 0 to 1.");
        }

        if (content.Length < 2)
        {
            return;
        }

        var collaborativeScale = ScoreScale.Of(collaborative[1..]);
        var contentScale = ScoreScale.Of(content[1..]);
        for (int m = 0; m < destination.Length; m++)
        {
            destination[m] = Blend(contentWeight, collaborativeScale, contentScale, collaborative[m], content[m]);
        }
    }

    internal static float Blend(float weight, ScoreScale collaborativeScale, ScoreScale contentScale, float collaborative, float content) =>
        ((1 - weight) * (float.IsNaN(collaborative) ? 0f : collaborativeScale.Standardize(collaborative))) + (weight * contentScale.Standardize(content));

    /// <summary>Blends one pair's scores with the movie's weight; a NaN collaborative score counts as its average.</summary>
    private float Blend(int movie, float collaborative, float content) => Blend(WeightOf(movie), _collaborativeScale, _contentScale, collaborative, content);

    /// <summary>A training movie near a cold one by content, and their cosine (greater than 0).</summary>
    internal readonly record struct ColdNeighbour(int Movie, float Similarity);

    /// <summary>The mean and standard deviation a model's scores are standardised with.</summary>
    internal readonly record struct ScoreScale(float Mean, float Deviation)
    {
        public float Standardize(float score) => (score - Mean) / Deviation;

        /// <summary>The mean and deviation of the finite scores (deviation 1 when they do not vary).</summary>
        public static ScoreScale Of(ReadOnlySpan<float> scores)
        {
            double sum = 0, squares = 0;
            int count = 0;
            foreach (float score in scores)
            {
                if (float.IsFinite(score))
                {
                    sum += score;
                    squares += (double)score * score;
                    count++;
                }
            }

            if (count == 0)
            {
                return new ScoreScale(0, 1);
            }

            double mean = sum / count;
            double deviation = Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean)));
            return new ScoreScale((float)mean, deviation > 1e-9 ? (float)deviation : 1f);
        }
    }
}
