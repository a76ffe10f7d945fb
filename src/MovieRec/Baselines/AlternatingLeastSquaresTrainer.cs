using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Baselines;

/// <summary>
/// Trains a latent-factor model by alternating least squares: with the movie vectors fixed, each
/// user's vector is the exact solution of a regularised least-squares problem, and vice versa.
/// </summary>
/// <remarks>
/// <para>
/// <b>Explicit ratings</b> (<see cref="MatrixFactorizationLoss.SquareLossRegression"/>): minimises
/// Σ_(u,i) observed (r_ui - μ - b_u - b_i - p_u·q_i)² + λ(n_u(b_u² + |p_u|²) + n_i(b_i² + |q_i|²)).
/// Biases are solved jointly with the vectors by augmenting them with a constant 1 (ALS-WR, Zhou et
/// al., "Large-scale parallel collaborative filtering for the Netflix Prize", 2008).
/// </para>
/// <para>
/// <b>Implicit feedback</b> (<see cref="MatrixFactorizationLoss.SquareLossOneClass"/>): minimises
/// Σ_(u,i) all c_ui (p_ui - p_u·q_i)² + λ(Σ|p_u|² + Σ|q_i|²) with p_ui = 1, c_ui = 1 + α·r_ui for
/// observed cells and p_ui = C, c_ui = 1 otherwise (Hu, Koren and Volinsky, "Collaborative filtering
/// for implicit feedback datasets", ICDM 2008). Each solve uses the precomputed Gram matrix QᵀQ plus
/// a correction over the row's observed cells, so a sweep costs O(nnz·k² + rows·k³). Scores rank
/// movies; they are not ratings. ML.NET's one-class trainer names the same knobs Alpha, Lambda and
/// C, though its Alpha weighs the unobserved cells instead.
/// </para>
/// <para>Systems are solved by Cholesky factorisation in double precision; rows are solved in
/// parallel and independently, so the result does not depend on the thread count.</para>
/// </remarks>
public sealed class AlternatingLeastSquaresTrainer : IReseedableTrainer
{
    internal AlternatingLeastSquaresTrainer(AlternatingLeastSquaresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionChecks.AtLeast(options.EffectiveRank, 1, nameof(options.ApproximationRank));
        OptionChecks.AtLeast(options.NumberOfIterations, 1, nameof(options.NumberOfIterations));
        OptionChecks.NonNegative(options.EffectiveLambda, nameof(options.Lambda));
        OptionChecks.NonNegative(options.Alpha, nameof(options.Alpha));
        if (!(options.C >= 0 && options.C < 1))
        {
            OptionChecks.Throw(nameof(options.C), options.C, "expected a value in [0, 1)");
        }

        OptionChecks.Positive(options.InitialStandardDeviation, nameof(options.InitialStandardDeviation));
        OptionChecks.Threads(options.NumberOfThreads, nameof(options.NumberOfThreads));
        if (!Enum.IsDefined(options.LossFunction))
        {
            OptionChecks.Throw(nameof(options.LossFunction), options.LossFunction, "expected SquareLossRegression or SquareLossOneClass");
        }

        Options = options;
    }

    /// <summary>The options this trainer uses.</summary>
    public AlternatingLeastSquaresOptions Options { get; }

    /// <inheritdoc/>
    public string Name => Options.IsOneClass ? "ials" : "als";

    /// <inheritdoc/>
    public int Seed => Options.Seed;

    /// <inheritdoc/>
    public IRatingTrainer WithSeed(int seed) => seed == Options.Seed ? this : new AlternatingLeastSquaresTrainer(Options with { Seed = seed });

    /// <inheritdoc/>
    /// <remarks>Repetition r trains with seed <see cref="AlternatingLeastSquaresOptions.Seed"/> + r.</remarks>
    public IRatingTrainer ForRepetition(int repetition) => WithSeed(Options.Seed + repetition);

    /// <inheritdoc/>
    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        FitModel(train, progress, cancellationToken);

    /// <summary>Trains and returns the concrete model type.</summary>
    /// <inheritdoc cref="Fit" path="/param"/>
    public MatrixFactorizationModel FitModel(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        bool isImplicit = Options.IsOneClass;
        var data = RatingMatrix.Create(train, nameof(train), requireNonNegative: isImplicit);
        var o = Options;
        int threads = OptionChecks.Threads(o.NumberOfThreads, nameof(o.NumberOfThreads));
        var random = new Random(o.Seed);
        var users = new FactorMatrix(data.UserBound, o.EffectiveRank);
        var movies = new FactorMatrix(data.MovieBound, o.EffectiveRank);
        Gaussian.Fill(users, random, (float)o.InitialStandardDeviation);
        Gaussian.Fill(movies, random, (float)o.InitialStandardDeviation);
        var biases = isImplicit
            ? new BiasTerms(0f, new float[data.UserBound], new float[data.MovieBound], float.NegativeInfinity, float.PositiveInfinity)
            : new BiasTerms(data.Mean, new float[data.UserBound], new float[data.MovieBound], data.MinRating, data.MaxRating);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        var side = new Side(o.EffectiveLambda, (float)o.Alpha, (float)o.C, biases.Mean, isImplicit);
        for (int it = 0; it < o.NumberOfIterations; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            side.Sweep(users, biases.UserBias, movies, biases.MovieBias, data.UserOffsets, data.UserMovies, data.UserRatings, parallel);
            side.Sweep(movies, biases.MovieBias, users, biases.UserBias, data.MovieOffsets, data.MovieUsers, data.MovieRatings, parallel);
            progress?.Report((it + 1) / (double)o.NumberOfIterations);
        }

        return new MatrixFactorizationModel(Name, !isImplicit, biases, users, movies, new FoldInSettings(o.EffectiveLambda, o.EffectiveLambda, o.Alpha, o.C));
    }

    private sealed class Side(float lambda, float alpha, float c, float mean, bool isImplicit)
    {
        /// <summary>Solves every row of <paramref name="target"/> with <paramref name="fixedFactors"/> held fixed.</summary>
        public void Sweep(FactorMatrix target, float[] targetBias, FactorMatrix fixedFactors, float[] fixedBias, int[] offsets, int[] columns, float[] values, ParallelOptions parallel)
        {
            float[]? gram = null;
            float[]? columnSum = null;
            if (isImplicit)
            {
                (gram, columnSum) = FactorSolver.Gram(fixedFactors);
            }

            Parallel.For(
                1,
                target.Rows,
                parallel,
                () => new FactorSolver(target.Columns, isImplicit),
                (row, _, solver) =>
                {
                    int start = offsets[row];
                    int count = offsets[row + 1] - start;
                    var rowColumns = columns.AsSpan(start, count);
                    var rowValues = values.AsSpan(start, count);
                    if (count == 0)
                    {
                        target.MutableRow(row).Clear();
                        targetBias[row] = 0;
                        return solver;
                    }

                    if (isImplicit)
                    {
                        solver.SolveImplicit(gram!, columnSum!, fixedFactors, lambda, alpha, c, rowColumns, rowValues, target.MutableRow(row));
                    }
                    else
                    {
                        targetBias[row] = solver.SolveExplicit(fixedFactors, fixedBias, mean, lambda, lambda, rowColumns, rowValues, target.MutableRow(row));
                    }

                    return solver;
                },
                _ => { });
        }
    }
}
