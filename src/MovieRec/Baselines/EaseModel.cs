using System.Buffers;
using System.Numerics.Tensors;
using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>
/// An EASE model (<see cref="EaseTrainer"/>): a user's score for a movie is the sum, over the movies they interacted with
/// in training, of the learned item–item weight. Scores rank; they are not ratings.
/// </summary>
/// <remarks>Immutable and thread-safe. A user with no training interaction, or a movie with none, scores 0.</remarks>
public sealed class EaseModel : IRatingPredictor
{
    private readonly int _userBound;
    private readonly int _movieBound;
    private readonly int[] _userOffsets;
    private readonly int[] _userMovies;
    private readonly int[] _compact;
    private readonly int[] _items;
    private readonly float[] _weights;

    internal EaseModel(string name, int userBound, int movieBound, int[] userOffsets, int[] userMovies, int[] compact, int[] items, float[] weights)
    {
        Name = name;
        _userBound = userBound;
        _movieBound = movieBound;
        _userOffsets = userOffsets;
        _userMovies = userMovies;
        _compact = compact;
        _items = items;
        _weights = weights;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public PredictionKind Predicts => PredictionKind.Ranking;

    /// <inheritdoc/>
    public int UserIndexBound => _userBound;

    /// <inheritdoc/>
    public int MovieIndexBound => _movieBound;

    /// <inheritdoc/>
    public FactorMatrix? UserVectors => null;

    /// <inheritdoc/>
    public FactorMatrix? MovieVectors => null;

    /// <summary>Gets the number of movies in the weight matrix (those with a training interaction).</summary>
    public int ItemCount => _items.Length;

    /// <inheritdoc/>
    public float Predict(int user, int movie)
    {
        if ((uint)user >= (uint)_userBound || (uint)movie >= (uint)_movieBound || _compact[movie] < 0)
        {
            return 0f;
        }

        int n = _items.Length;
        int column = _compact[movie];
        float score = 0;
        for (int s = _userOffsets[user]; s < _userOffsets[user + 1]; s++)
        {
            score += _weights[((long)_compact[_userMovies[s]] * n) + column];
        }

        return score;
    }

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, _movieBound);
        scores[.._movieBound].Clear();
        if ((uint)user >= (uint)_userBound || _userOffsets[user] == _userOffsets[user + 1])
        {
            return;
        }

        int n = _items.Length;
        float[] sum = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var acc = sum.AsSpan(0, n);
            acc.Clear();
            for (int s = _userOffsets[user]; s < _userOffsets[user + 1]; s++)
            {
                TensorPrimitives.Add(acc, _weights.AsSpan(_compact[_userMovies[s]] * n, n), acc);
            }

            for (int c = 0; c < n; c++)
            {
                scores[_items[c]] = acc[c];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sum);
        }
    }
}
