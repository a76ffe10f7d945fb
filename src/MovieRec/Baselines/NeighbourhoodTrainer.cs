using System.Runtime.InteropServices;
using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Baselines;

/// <summary>
/// Trains a user-based or item-based k-nearest-neighbour model: pairwise similarities over
/// co-rated entries, truncated to the most similar neighbours of each row.
/// </summary>
/// <remarks>
/// Similarities are accumulated row by row through the shared raters (cost Σ over raters of their
/// rating count squared), in parallel and independently per row, so results do not depend on the
/// thread count. Only positive similarities are kept. Predictions follow Koren's kNN-baseline
/// ("Factor in the neighbors", TKDD 2010): r̂ = b_ui + Σ s·(r - b) / (δ + Σ s) over the k most similar
/// neighbours that rated the target, where b is the regularised bias baseline.
/// </remarks>
public sealed class NeighbourhoodTrainer : IRatingTrainer
{
    private readonly bool _userBased;

    internal NeighbourhoodTrainer(bool userBased, NeighbourhoodOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionChecks.AtLeast(options.NumberOfNeighbours, 1, nameof(options.NumberOfNeighbours));
        OptionChecks.NonNegative(options.Shrinkage, nameof(options.Shrinkage));
        OptionChecks.NonNegative(options.Damping, nameof(options.Damping));
        OptionChecks.AtLeast(options.MinimumSupport, 1, nameof(options.MinimumSupport));
        OptionChecks.AtLeast(options.MaximumStoredNeighbours, options.NumberOfNeighbours, nameof(options.MaximumStoredNeighbours));
        OptionChecks.Threads(options.NumberOfThreads, nameof(options.NumberOfThreads));
        if (!Enum.IsDefined(options.Similarity))
        {
            OptionChecks.Throw(nameof(options.Similarity), options.Similarity, "expected Cosine or Pearson");
        }

        _userBased = userBased;
        Options = options;
    }

    /// <summary>The options this trainer uses.</summary>
    public NeighbourhoodOptions Options { get; }

    /// <inheritdoc/>
    public string Name => _userBased ? "ubcf" : "ibcf";

    /// <inheritdoc/>
    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var data = RatingMatrix.Create(train, nameof(train));
        var o = Options;
        var biases = BiasTerms.Fit(data, BiasOptions.Defaults.NumberOfIterations, (float)BiasOptions.Defaults.UserLambda, (float)BiasOptions.Defaults.MovieLambda);

        // Residuals (or raw ratings) in both row layouts.
        var userResiduals = Residuals(data.UserOffsets, data.UserMovies, data.UserRatings, biases, byUser: true, o.BaselineAdjusted);
        var movieResiduals = Residuals(data.MovieOffsets, data.MovieUsers, data.MovieRatings, biases, byUser: false, o.BaselineAdjusted);
        progress?.Report(0.1);

        // Entities are the rows whose similarities we need; raters link them.
        var (entityOffsets, entityRaters, entityValues) = _userBased
            ? (data.UserOffsets, data.UserMovies, userResiduals)
            : (data.MovieOffsets, data.MovieUsers, movieResiduals);
        var (raterOffsets, raterEntities, raterValues) = _userBased
            ? (data.MovieOffsets, data.MovieUsers, movieResiduals)
            : (data.UserOffsets, data.UserMovies, userResiduals);
        int entityBound = entityOffsets.Length - 1;
        int threads = OptionChecks.Threads(o.NumberOfThreads, nameof(o.NumberOfThreads));
        var (offsets, ids, sims) = NeighbourLists.Build(
            entityBound,
            threads,
            () => new Accumulator(entityBound),
            (a, acc) => acc.Neighbours(a, entityOffsets, entityRaters, entityValues, raterOffsets, raterEntities, raterValues, o),
            progress,
            0.1,
            cancellationToken);

        // Prediction always uses residuals against the bias baseline, whatever the similarities used.
        var predictionResiduals = o.BaselineAdjusted
            ? userResiduals
            : Residuals(data.UserOffsets, data.UserMovies, data.UserRatings, biases, byUser: true, adjust: true);
        return new NeighbourhoodModel(Name, _userBased, o.NumberOfNeighbours, (float)o.Damping, biases, data, predictionResiduals, offsets, ids, sims);
    }

    private static float[] Residuals(int[] offsets, int[] columns, float[] ratings, BiasTerms biases, bool byUser, bool adjust)
    {
        var result = new float[ratings.Length];
        for (int row = 0; row + 1 < offsets.Length; row++)
        {
            for (int t = offsets[row]; t < offsets[row + 1]; t++)
            {
                float baseline = byUser ? biases.Baseline(row, columns[t]) : biases.Baseline(columns[t], row);
                result[t] = adjust ? ratings[t] - baseline : ratings[t];
            }
        }

        return result;
    }

    private sealed class Accumulator(int entityBound)
    {
        private readonly int[] _count = new int[entityBound];
        private readonly double[] _xy = new double[entityBound];
        private readonly double[] _x = new double[entityBound];
        private readonly double[] _y = new double[entityBound];
        private readonly double[] _xx = new double[entityBound];
        private readonly double[] _yy = new double[entityBound];
        private readonly List<int> _touched = new(entityBound);
        private readonly float[] _sim = new float[entityBound];
        private readonly List<int> _candidates = new(entityBound);

        public (int[] Ids, float[] Sims) Neighbours(int a, int[] entityOffsets, int[] entityRaters, float[] entityValues, int[] raterOffsets, int[] raterEntities, float[] raterValues, NeighbourhoodOptions o)
        {
            _touched.Clear();
            for (int t = entityOffsets[a]; t < entityOffsets[a + 1]; t++)
            {
                int rater = entityRaters[t];
                double x = entityValues[t];
                for (int s = raterOffsets[rater]; s < raterOffsets[rater + 1]; s++)
                {
                    int b = raterEntities[s];
                    if (b == a)
                    {
                        continue;
                    }

                    double y = raterValues[s];
                    if (_count[b] == 0)
                    {
                        _touched.Add(b);
                    }

                    _count[b]++;
                    _xy[b] += x * y;
                    _x[b] += x;
                    _y[b] += y;
                    _xx[b] += x * x;
                    _yy[b] += y * y;
                }
            }

            _candidates.Clear();
            foreach (int b in _touched)
            {
                int n = _count[b];
                if (n >= o.MinimumSupport)
                {
                    double num = _xy[b], dx = _xx[b], dy = _yy[b];
                    if (o.Similarity == SimilarityMeasure.Pearson)
                    {
                        num -= _x[b] * _y[b] / n;
                        dx -= _x[b] * _x[b] / n;
                        dy -= _y[b] * _y[b] / n;
                    }

                    double denominator = Math.Sqrt(dx * dy);
                    if (denominator > 1e-12)
                    {
                        double sim = num / denominator * ((n - 1) / (n - 1 + (double)o.Shrinkage));
                        if (sim > 0 && double.IsFinite(sim))
                        {
                            _sim[b] = (float)sim;
                            _candidates.Add(b);
                        }
                    }
                }

                _count[b] = 0;
                _xy[b] = _x[b] = _y[b] = _xx[b] = _yy[b] = 0;
            }

            return NeighbourLists.Best(_sim, CollectionsMarshal.AsSpan(_candidates), o.MaximumStoredNeighbours);
        }
    }
}
