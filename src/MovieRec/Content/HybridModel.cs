using System.Buffers;
using MovieRec.Abstractions;

namespace MovieRec.Content;

/// <summary>
/// A blend of a collaborative model and the content model: score = (1 − w)·z<sub>c</sub> + w·z<sub>t</sub>, where
/// z<sub>c</sub> and z<sub>t</sub> are the two models' scores standardised (mean 0, standard deviation 1 over the
/// validation candidates) and w is <see cref="Weight"/>.
/// </summary>
/// <remarks>
/// A movie with no training rating (a cold-start item) is unknown to the collaborative model: its collaborative score is
/// the similarity-weighted mean of the collaborative scores of the training movies nearest to it by content
/// (<see cref="HybridOptions.ColdNeighbours"/>), or z<sub>c</sub> = 0, the collaborative average, when it has none. Scores rank movies; they are not ratings.
/// Disposing the hybrid disposes the collaborative model when it holds native resources (the deep models).
/// </remarks>
public sealed class HybridModel : IRatingPredictor, IDisposable
{
    private readonly bool[] _collaborativeKnows;
    private readonly ColdNeighbour[]?[] _coldNeighbours;
    private readonly ScoreScale _collaborativeScale;
    private readonly ScoreScale _contentScale;

    internal HybridModel(string name, IRatingPredictor collaborative, ContentModel content, float weight, bool[] collaborativeKnows, ScoreScale collaborativeScale, ScoreScale contentScale, ColdNeighbour[]?[] coldNeighbours)
    {
        _coldNeighbours = coldNeighbours;
        Name = name;
        Collaborative = collaborative;
        Content = content;
        Weight = weight;
        _collaborativeKnows = collaborativeKnows;
        _collaborativeScale = collaborativeScale;
        _contentScale = contentScale;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the collaborative model.</summary>
    public IRatingPredictor Collaborative { get; }

    /// <summary>Gets the content model.</summary>
    public ContentModel Content { get; }

    /// <summary>Gets the content share w of the blend, in [0, 1].</summary>
    public float Weight { get; }

    /// <inheritdoc/>
    public bool PredictsRatings => false;

    /// <inheritdoc/>
    public int UserIndexBound => Math.Max(Collaborative.UserIndexBound, Content.UserIndexBound);

    /// <inheritdoc/>
    public int MovieIndexBound => Content.MovieIndexBound;

    /// <inheritdoc/>
    public FactorMatrix? UserVectors => null;

    /// <summary>Gets the content model's movie vectors: similar movies are movies with similar texts.</summary>
    public FactorMatrix? MovieVectors => Content.MovieVectors;

    /// <inheritdoc/>
    public float Predict(int user, int movie) =>
        Blend(Knows(movie) ? Collaborative.Predict(user, movie) : Imputed(user, movie, null), Content.Predict(user, movie));

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        PredictorChecks.CheckBatch(users, movies, output);
        float[] collaborative = ArrayPool<float>.Shared.Rent(users.Length);
        try
        {
            Collaborative.Predict(users, movies, collaborative.AsSpan(0, users.Length));
            for (int i = 0; i < users.Length; i++)
            {
                output[i] = Blend(Knows(movies[i]) ? collaborative[i] : Imputed(users[i], movies[i], null), Content.Predict(users[i], movies[i]));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(collaborative);
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
                scores[m] = Blend(m < known && Knows(m) ? collaborative[m] : Imputed(user, m, collaborative.AsSpan(0, known)), scores[m]);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(collaborative);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        (Collaborative as IDisposable)?.Dispose();
        Content.Dispose();
    }

    /// <summary>The collaborative score of a movie it does not know, from the movie's content neighbours; NaN without any.</summary>
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

    private bool Knows(int movie) => (uint)movie < (uint)_collaborativeKnows.Length && _collaborativeKnows[movie];

    /// <summary>Blends one pair's scores; a NaN collaborative score (an unknown movie) counts as its average.</summary>
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

    private float Blend(float collaborative, float content) => Blend(Weight, _collaborativeScale, _contentScale, collaborative, content);

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
