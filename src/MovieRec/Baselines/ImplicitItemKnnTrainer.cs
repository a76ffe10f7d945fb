using System.Runtime.InteropServices;
using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Baselines;

/// <summary>
/// Trains an item-based k-nearest-neighbour model for implicit feedback (name <c>iknn</c>), the
/// ItemKNN of the top-K literature: every training rating is an interaction, whatever its value.
/// </summary>
/// <remarks>
/// Movies are compared by the cosine of their binary user vectors,
/// sim(i, j) = |U_i ∩ U_j| / (√(|U_i|·|U_j|) + h) with U_i the users who rated i and h the shrinkage,
/// and each movie keeps its <see cref="ImplicitItemKnnOptions.NumberOfNeighbours"/> most similar movies
/// (positive similarities only; ties to the lower index). Co-occurrence counts are accumulated row by row
/// through the shared users (cost Σ over users of their rating count squared), in parallel and
/// independently per movie, so the model does not depend on the thread count. The score of a movie for
/// a user is the sum of the similarities of its neighbours the user rated (<see cref="ImplicitItemKnnModel"/>).
/// Unlike <see cref="NeighbourhoodTrainer"/> (<c>ibcf</c>), which predicts ratings and therefore ranks by
/// expected rating, this model ranks by how strongly a movie co-occurs with the user's history.
/// </remarks>
public sealed class ImplicitItemKnnTrainer : IRatingTrainer
{
    internal ImplicitItemKnnTrainer(ImplicitItemKnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionChecks.AtLeast(options.NumberOfNeighbours, 1, nameof(options.NumberOfNeighbours));
        OptionChecks.NonNegative(options.Shrinkage, nameof(options.Shrinkage));
        OptionChecks.Threads(options.NumberOfThreads, nameof(options.NumberOfThreads));
        Options = options;
    }

    /// <summary>The options this trainer uses.</summary>
    public ImplicitItemKnnOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "iknn";

    /// <inheritdoc/>
    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var data = RatingMatrix.Create(train, nameof(train));
        var o = Options;
        int movieBound = data.MovieBound;
        int threads = OptionChecks.Threads(o.NumberOfThreads, nameof(o.NumberOfThreads));
        var (offsets, ids, sims) = NeighbourLists.Build(
            movieBound,
            threads,
            () => new CoOccurrence(movieBound),
            (a, state) => state.Neighbours(a, data, o.NumberOfNeighbours, (float)o.Shrinkage),
            progress,
            0.0,
            cancellationToken);
        return new ImplicitItemKnnModel(Name, data.UserBound, data.UserOffsets, data.UserMovies, offsets, ids, sims);
    }

    /// <summary>One thread's scratch: co-occurrence counts with the movies touched, and the candidates.</summary>
    private sealed class CoOccurrence(int movieBound)
    {
        private readonly int[] _count = new int[movieBound];
        private readonly List<int> _touched = new(movieBound);
        private readonly float[] _sim = new float[movieBound];
        private readonly List<int> _candidates = new(movieBound);

        /// <summary>The k most similar movies of <paramref name="a"/>, in ascending index order.</summary>
        public (int[] Ids, float[] Sims) Neighbours(int a, RatingMatrix data, int k, float shrinkage)
        {
            var count = _count;
            var userOffsets = data.UserOffsets;
            var userMovies = data.UserMovies;
            var movieOffsets = data.MovieOffsets;
            var raters = data.UsersOf(a);
            _touched.Clear();
            foreach (int user in raters)
            {
                for (int s = userOffsets[user]; s < userOffsets[user + 1]; s++)
                {
                    int b = userMovies[s];
                    if (count[b]++ == 0)
                    {
                        _touched.Add(b);
                    }
                }
            }

            // The movie itself co-occurs with every rater; it is no neighbour of its own.
            count[a] = 0;
            _candidates.Clear();
            double sizeA = raters.Length;
            foreach (int b in _touched)
            {
                int common = count[b];
                count[b] = 0;
                if (common > 0)
                {
                    double sim = common / (Math.Sqrt(sizeA * (movieOffsets[b + 1] - movieOffsets[b])) + shrinkage);
                    if (sim > 0 && double.IsFinite(sim))
                    {
                        _sim[b] = (float)sim;
                        _candidates.Add(b);
                    }
                }
            }

            var (ids, sims) = NeighbourLists.Best(_sim, CollectionsMarshal.AsSpan(_candidates), k);

            // Ascending index order lets the model sum a user's neighbours in one fixed order, so that
            // Predict and ScoreAll give bit-identical scores.
            Array.Sort(ids, sims);
            return (ids, sims);
        }
    }
}
