using System.Numerics.Tensors;
using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Baselines;

/// <summary>
/// Trains BPR-MF (Rendle et al. 2009, "BPR: Bayesian Personalized Ranking from Implicit Feedback"; name <c>bpr</c>):
/// user and movie factors and a movie bias fitted so that a user's interacted movies score above the others.
/// </summary>
/// <remarks>
/// Every training rating is an interaction, whatever its value. Each epoch draws as many triples (u, i, j) as there are
/// interactions: (u, i) a training interaction drawn uniformly, j a movie with an interaction that u has none with,
/// drawn uniformly; one SGD step raises ln σ(x_ui − x_uj) with x_ui = b_i + p_u·q_i, under an L2 weight. Training is
/// sequential and seeded: same seed, same model. The result is a <see cref="MatrixFactorizationModel"/> that ranks
/// (it does not predict ratings); new users fold in by the implicit least-squares solve of <c>ials</c>.
/// </remarks>
public sealed class BprTrainer : IReseedableTrainer
{
    internal BprTrainer(BprOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionChecks.AtLeast(options.ApproximationRank, 1, nameof(options.ApproximationRank));
        OptionChecks.AtLeast(options.NumberOfIterations, 1, nameof(options.NumberOfIterations));
        OptionChecks.Positive(options.LearningRate, nameof(options.LearningRate));
        OptionChecks.NonNegative(options.Lambda, nameof(options.Lambda));
        OptionChecks.Positive(options.InitialStandardDeviation, nameof(options.InitialStandardDeviation));
        Options = options;
    }

    /// <summary>Gets the options this trainer uses.</summary>
    public BprOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "bpr";

    /// <inheritdoc/>
    public int Seed => Options.Seed;

    /// <inheritdoc/>
    public IRatingTrainer WithSeed(int seed) => seed == Options.Seed ? this : new BprTrainer(Options with { Seed = seed });

    /// <inheritdoc/>
    /// <remarks>Repetition r trains with seed <see cref="BprOptions.Seed"/> + r.</remarks>
    public IRatingTrainer ForRepetition(int repetition) => WithSeed(Options.Seed + repetition);

    /// <inheritdoc/>
    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var data = RatingMatrix.Create(train, nameof(train));
        var o = Options;
        int rank = o.ApproximationRank;
        var random = new Random(o.Seed);
        var users = new FactorMatrix(data.UserBound, rank);
        var movies = new FactorMatrix(data.MovieBound, rank);
        Gaussian.Fill(users, random, (float)o.InitialStandardDeviation);
        Gaussian.Fill(movies, random, (float)o.InitialStandardDeviation);
        var bias = new float[data.MovieBound];

        // Each user's movies, sorted, to test "u has no interaction with j" by binary search.
        var sorted = data.UserMovies.ToArray();
        for (int u = 0; u < data.UserBound; u++)
        {
            Array.Sort(sorted, data.UserOffsets[u], data.UserOffsets[u + 1] - data.UserOffsets[u]);
        }

        var items = Enumerable.Range(0, data.MovieBound).Where(m => data.UsersOf(m).Length > 0).ToArray();
        var rowUsers = train.Users;
        var rowMovies = train.Movies;
        float rate = (float)o.LearningRate;
        float lambda = (float)o.Lambda;
        var difference = new float[rank];
        var step = new float[rank];
        for (int epoch = 0; epoch < o.NumberOfIterations; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int s = 0; s < data.Count; s++)
            {
                int row = random.Next(data.Count);
                int u = rowUsers[row];
                int i = rowMovies[row];
                int start = data.UserOffsets[u];
                int length = data.UserOffsets[u + 1] - start;
                if (length >= items.Length)
                {
                    continue; // u has interacted with every movie: nothing ranks below.
                }

                int j;
                do
                {
                    j = items[random.Next(items.Length)];
                }
                while (Array.BinarySearch(sorted, start, length, j) >= 0);

                var p = users.MutableRow(u);
                var qi = movies.MutableRow(i);
                var qj = movies.MutableRow(j);
                TensorPrimitives.Subtract(qi, qj, difference);
                float x = bias[i] - bias[j] + TensorPrimitives.Dot(p, difference);
                float g = 1f / (1f + MathF.Exp(x)); // σ(−x), the gradient of ln σ(x)

                // q_i += η(g·p − λq_i), q_j += η(−g·p − λq_j), p += η(g·(q_i − q_j) − λp), all from the old values.
                TensorPrimitives.Multiply(p, rate * g, step);
                TensorPrimitives.MultiplyAdd(qi, 1f - (rate * lambda), step, qi);
                TensorPrimitives.Multiply(qj, 1f - (rate * lambda), qj);
                TensorPrimitives.Subtract(qj, step, qj);
                TensorPrimitives.Multiply(p, 1f - (rate * lambda), p);
                TensorPrimitives.MultiplyAdd(difference, rate * g, p, p);
                bias[i] += rate * (g - (lambda * bias[i]));
                bias[j] += rate * (-g - (lambda * bias[j]));
            }

            progress?.Report((epoch + 1.0) / o.NumberOfIterations);
        }

        var terms = new BiasTerms(0f, new float[data.UserBound], bias, data.MinRating, data.MaxRating);
        var foldIn = new FoldInSettings(AlternatingLeastSquaresOptions.Defaults.OneClassLambda, AlternatingLeastSquaresOptions.Defaults.OneClassLambda, AlternatingLeastSquaresOptions.Defaults.Alpha, AlternatingLeastSquaresOptions.Defaults.C);
        return new MatrixFactorizationModel(Name, false, terms, users, movies, foldIn);
    }
}
