using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>
/// A trained item-based k-nearest-neighbour model for implicit feedback (see <see cref="ImplicitItemKnnTrainer"/>).
/// </summary>
/// <remarks>
/// score(u, i) = Σ sim(i, j) over the neighbours j of i that u rated in training: a ranking score, not a
/// rating (<see cref="Predicts"/> is <see cref="PredictionKind.Ranking"/>). Cold start: an unknown user or movie,
/// or a movie none of whose neighbours the user rated, scores 0. The terms are added in ascending order of
/// j in single precision by both <see cref="Predict(int, int)"/> and <see cref="ScoreAll"/>, so the two give
/// identical scores.
/// </remarks>
public sealed class ImplicitItemKnnModel : IRatingPredictor
{
    [ThreadStatic]
    private static bool[]? s_rated;

    private readonly int _userBound;
    private readonly int[] _userOffsets;
    private readonly int[] _userMovies;
    private readonly int[] _offsets;
    private readonly int[] _ids;
    private readonly float[] _sims;

    // The same pairs by neighbour: for movie j, the movies i that keep j as a neighbour (ascending) and sim(i, j).
    private readonly int[] _byNeighbourOffsets;
    private readonly int[] _byNeighbourIds;
    private readonly float[] _byNeighbourSims;

    internal ImplicitItemKnnModel(string name, int userBound, int[] userOffsets, int[] userMovies, int[] offsets, int[] ids, float[] sims)
    {
        Name = name;
        _userBound = userBound;
        _userOffsets = userOffsets;
        _userMovies = userMovies;
        _offsets = offsets;
        _ids = ids;
        _sims = sims;

        int movieBound = offsets.Length - 1;
        _byNeighbourOffsets = new int[movieBound + 1];
        foreach (int j in ids)
        {
            _byNeighbourOffsets[j + 1]++;
        }

        for (int j = 0; j < movieBound; j++)
        {
            _byNeighbourOffsets[j + 1] += _byNeighbourOffsets[j];
        }

        _byNeighbourIds = new int[ids.Length];
        _byNeighbourSims = new float[ids.Length];
        var next = _byNeighbourOffsets.AsSpan(0, movieBound).ToArray();
        for (int i = 0; i < movieBound; i++)
        {
            for (int t = offsets[i]; t < offsets[i + 1]; t++)
            {
                int at = next[ids[t]]++;
                _byNeighbourIds[at] = i;
                _byNeighbourSims[at] = sims[t];
            }
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public PredictionKind Predicts => PredictionKind.Ranking;

    /// <inheritdoc/>
    public int UserIndexBound => _userBound;

    /// <inheritdoc/>
    public int MovieIndexBound => _offsets.Length - 1;

    /// <inheritdoc/>
    public FactorMatrix? UserVectors => null;

    /// <inheritdoc/>
    public FactorMatrix? MovieVectors => null;

    /// <summary>The stored neighbours of a movie, in ascending index order (not by similarity).</summary>
    /// <param name="movie">Movie index; an unknown index has none.</param>
    /// <returns>Neighbour indices and their similarities, which are greater than 0 and at most 1.</returns>
    public (ReadOnlyMemory<int> Indices, ReadOnlyMemory<float> Similarities) NeighboursOf(int movie)
    {
        if ((uint)movie >= (uint)MovieIndexBound)
        {
            return (ReadOnlyMemory<int>.Empty, ReadOnlyMemory<float>.Empty);
        }

        int start = _offsets[movie];
        int count = _offsets[movie + 1] - start;
        return (new ReadOnlyMemory<int>(_ids, start, count), new ReadOnlyMemory<float>(_sims, start, count));
    }

    /// <inheritdoc/>
    public float Predict(int user, int movie)
    {
        if (user <= 0 || user >= _userBound || movie <= 0 || movie >= MovieIndexBound)
        {
            return 0f;
        }

        // Both lists ascend: look each neighbour up in what remains of the user's movies.
        var rated = _userMovies.AsSpan(_userOffsets[user], _userOffsets[user + 1] - _userOffsets[user]);
        float score = 0f;
        for (int t = _offsets[movie]; t < _offsets[movie + 1] && !rated.IsEmpty; t++)
        {
            int at = rated.BinarySearch(_ids[t]);
            if (at >= 0)
            {
                score += _sims[t];
                rated = rated[(at + 1)..];
            }
            else
            {
                rated = rated[~at..];
            }
        }

        return score;
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        PredictorChecks.CheckBatch(users, movies, output);
        int bound = MovieIndexBound;
        int i = 0;
        while (i < users.Length)
        {
            int user = users[i];
            int end = i + 1;
            while (end < users.Length && users[end] == user)
            {
                end++;
            }

            if (end - i < 4 || user <= 0 || user >= _userBound)
            {
                for (; i < end; i++)
                {
                    output[i] = Predict(user, movies[i]);
                }

                continue;
            }

            // A run of pairs of one user: mark the user's movies once, then each pair is a scan of its neighbours.
            var rated = s_rated is { } r && r.Length >= bound ? r : s_rated = new bool[bound];
            var movieRow = _userMovies.AsSpan(_userOffsets[user], _userOffsets[user + 1] - _userOffsets[user]);
            foreach (int j in movieRow)
            {
                rated[j] = true;
            }

            for (; i < end; i++)
            {
                int movie = movies[i];
                float score = 0f;
                if (movie > 0 && movie < bound)
                {
                    for (int t = _offsets[movie]; t < _offsets[movie + 1]; t++)
                    {
                        if (rated[_ids[t]])
                        {
                            score += _sims[t];
                        }
                    }
                }

                output[i] = score;
            }

            foreach (int j in movieRow)
            {
                rated[j] = false;
            }
        }
    }

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        var dest = scores[..MovieIndexBound];
        dest.Clear();
        if (user <= 0 || user >= _userBound)
        {
            return;
        }

        // Scatter each rated movie's similarities to the movies that keep it as a neighbour, in ascending order of the rated movie.
        for (int s = _userOffsets[user]; s < _userOffsets[user + 1]; s++)
        {
            int j = _userMovies[s];
            for (int t = _byNeighbourOffsets[j]; t < _byNeighbourOffsets[j + 1]; t++)
            {
                dest[_byNeighbourIds[t]] += _byNeighbourSims[t];
            }
        }
    }
}
