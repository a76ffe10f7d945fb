using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>
/// A trained user-based or item-based k-nearest-neighbour model (see <see cref="NeighbourhoodTrainer"/>).
/// </summary>
/// <remarks>
/// r̂(u, i) = b_ui + Σ_j s_ij (r_uj - b_uj) / (δ + Σ_j s_ij) over the k most similar movies j that u rated
/// (item-based), or over the k most similar users v that rated i (user-based), where b is the bias
/// baseline μ + b_u + b_i and δ the damping (<see cref="NeighbourhoodOptions.Damping"/>); clamped to the training range. Cold start: without neighbours (unknown user
/// or movie, or no rated neighbour) the prediction is the bias baseline, then the global mean.
/// </remarks>
public sealed class NeighbourhoodModel : IRatingPredictor
{
    [ThreadStatic]
    private static float[]? s_scratch;

    private readonly bool _userBased;
    private readonly int _k;
    private readonly float _damping;
    private readonly BiasTerms _biases;
    private readonly RatingMatrix _data;
    private readonly float[] _userResiduals;
    private readonly int[] _offsets;
    private readonly int[] _ids;
    private readonly float[] _sims;

    internal NeighbourhoodModel(string name, bool userBased, int k, float damping, BiasTerms biases, RatingMatrix data, float[] userResiduals, int[] offsets, int[] ids, float[] sims)
    {
        Name = name;
        _userBased = userBased;
        _k = k;
        _damping = damping;
        _biases = biases;
        _data = data;
        _offsets = offsets;
        _ids = ids;
        _sims = sims;

        _userResiduals = userResiduals;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public PredictionKind Predicts => PredictionKind.Rating;

    /// <inheritdoc/>
    public int UserIndexBound => _data.UserBound;

    /// <inheritdoc/>
    public int MovieIndexBound => _data.MovieBound;

    /// <inheritdoc/>
    public FactorMatrix? UserVectors => null;

    /// <inheritdoc/>
    public FactorMatrix? MovieVectors => null;

    /// <summary>Whether neighbours are users (user-based) rather than movies (item-based).</summary>
    public bool IsUserBased => _userBased;

    /// <summary>The stored neighbours of a user (user-based) or movie (item-based), most similar first.</summary>
    /// <param name="index">User or movie index; an unknown index has none.</param>
    /// <returns>Neighbour indices and their similarities in (0, 1].</returns>
    public (ReadOnlyMemory<int> Indices, ReadOnlyMemory<float> Similarities) NeighboursOf(int index)
    {
        if ((uint)index >= (uint)(_offsets.Length - 1))
        {
            return (ReadOnlyMemory<int>.Empty, ReadOnlyMemory<float>.Empty);
        }

        int start = _offsets[index];
        int count = _offsets[index + 1] - start;
        return (new ReadOnlyMemory<int>(_ids, start, count), new ReadOnlyMemory<float>(_sims, start, count));
    }

    /// <inheritdoc/>
    public float Predict(int user, int movie)
    {
        float baseline = _biases.Baseline(user, movie);
        if ((uint)user >= (uint)_data.UserBound || (uint)movie >= (uint)_data.MovieBound || user == 0 || movie == 0)
        {
            return _biases.Clamp(baseline);
        }

        double num = 0, den = 0;
        int used = 0;
        if (_userBased)
        {
            for (int t = _offsets[user]; t < _offsets[user + 1] && used < _k; t++)
            {
                int v = _ids[t];
                int at = _data.MoviesOf(v).BinarySearch(movie);
                if (at >= 0)
                {
                    num += _sims[t] * _userResiduals[_data.UserOffsets[v] + at];
                    den += _sims[t];
                    used++;
                }
            }
        }
        else
        {
            var rated = _data.MoviesOf(user);
            int rowStart = _data.UserOffsets[user];
            for (int t = _offsets[movie]; t < _offsets[movie + 1] && used < _k; t++)
            {
                int at = rated.BinarySearch(_ids[t]);
                if (at >= 0)
                {
                    num += _sims[t] * _userResiduals[rowStart + at];
                    den += _sims[t];
                    used++;
                }
            }
        }

        return _biases.Clamp(den > 0 ? baseline + (float)(num / (den + _damping)) : baseline);
    }

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        var dest = scores[..MovieIndexBound];
        _biases.BaselineAll(user, dest);
        if ((uint)user >= (uint)_data.UserBound || user == 0)
        {
            _biases.ClampAll(dest);
            return;
        }

        int bound = MovieIndexBound;
        var scratch = s_scratch is { } s && s.Length >= 3 * bound ? s : s_scratch = new float[3 * bound];
        var num = scratch.AsSpan(0, bound);
        var den = scratch.AsSpan(bound, bound);
        var aux = scratch.AsSpan(2 * bound, bound);
        num.Clear();
        den.Clear();
        aux.Clear();
        if (_userBased)
        {
            // aux counts neighbours used per movie.
            for (int t = _offsets[user]; t < _offsets[user + 1]; t++)
            {
                int v = _ids[t];
                float sim = _sims[t];
                var movies = _data.MoviesOf(v);
                int rowStart = _data.UserOffsets[v];
                for (int j = 0; j < movies.Length; j++)
                {
                    int m = movies[j];
                    if (aux[m] < _k)
                    {
                        aux[m]++;
                        num[m] += sim * _userResiduals[rowStart + j];
                        den[m] += sim;
                    }
                }
            }
        }
        else
        {
            // aux[j] = 1 + residual marker: whether u rated j, with the residual in num's place below.
            var movies = _data.MoviesOf(user);
            int rowStart = _data.UserOffsets[user];
            var residual = aux;
            var rated = den;
            for (int j = 0; j < movies.Length; j++)
            {
                residual[movies[j]] = _userResiduals[rowStart + j];
                rated[movies[j]] = 1f;
            }

            for (int m = 1; m < bound; m++)
            {
                double n = 0, d = 0;
                int used = 0;
                for (int t = _offsets[m]; t < _offsets[m + 1] && used < _k; t++)
                {
                    int j = _ids[t];
                    if (rated[j] != 0f)
                    {
                        n += _sims[t] * residual[j];
                        d += _sims[t];
                        used++;
                    }
                }

                num[m] = d > 0 ? (float)(n / (d + _damping)) : 0f;
            }

            for (int m = 1; m < bound; m++)
            {
                dest[m] += num[m];
            }

            _biases.ClampAll(dest);
            return;
        }

        for (int m = 1; m < bound; m++)
        {
            if (den[m] > 0)
            {
                dest[m] += num[m] / (den[m] + _damping);
            }
        }

        _biases.ClampAll(dest);
    }
}
