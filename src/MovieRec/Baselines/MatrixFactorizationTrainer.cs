using System.Numerics;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;
using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Baselines;

/// <summary>
/// Trains biased matrix factorisation r̂(u, i) = μ + b_u + b_i + p_u · q_i by stochastic gradient
/// descent on the regularised squared error.
/// </summary>
/// <remarks>
/// <para>
/// For each training rating, with e = r - r̂: b_u ← b_u + η(e - λ_b b_u), b_i ← b_i + η(e - λ_b b_i),
/// p_u ← p_u + η(e q_i - λ p_u), q_i ← q_i + η(e p_u - λ q_i) (Koren, Bell and Volinsky, "Matrix
/// factorization techniques for recommender systems", IEEE Computer 2009; Funk's SVD). η shrinks by
/// <see cref="MatrixFactorizationOptions.LearningRateDecay"/> after every epoch.
/// </para>
/// <para>
/// Parallelism: users and movies are split, by a seeded permutation, into B strata each (B = 4T for
/// T threads, 1 when single-threaded), giving a B × B grid of rating blocks. An epoch runs B
/// sub-epochs; sub-epoch s updates the B blocks (a, (a + s) mod B), which share no user and no movie,
/// spread over the T threads. Updates therefore never race, and each block's ratings are visited in a
/// seeded order, so the model is a deterministic function of the seed and the thread count, whatever
/// the scheduling (stratified SGD as in Gemulla et al., KDD 2011). More strata than threads keep
/// threads busy when blocks differ in size.
/// </para>
/// </remarks>
public sealed class MatrixFactorizationTrainer : IReseedableTrainer
{
    internal MatrixFactorizationTrainer(MatrixFactorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionChecks.AtLeast(options.ApproximationRank, 1, nameof(options.ApproximationRank));
        OptionChecks.AtLeast(options.NumberOfIterations, 1, nameof(options.NumberOfIterations));
        OptionChecks.Positive(options.LearningRate, nameof(options.LearningRate));
        OptionChecks.InUnitInterval(options.LearningRateDecay, nameof(options.LearningRateDecay));
        OptionChecks.NonNegative(options.Lambda, nameof(options.Lambda));
        OptionChecks.NonNegative(options.BiasLambda, nameof(options.BiasLambda));
        OptionChecks.Positive(options.InitialStandardDeviation, nameof(options.InitialStandardDeviation));
        OptionChecks.Threads(options.NumberOfThreads, nameof(options.NumberOfThreads));
        Options = options;
    }

    /// <summary>The options this trainer uses.</summary>
    public MatrixFactorizationOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "mf";

    /// <inheritdoc/>
    public int Seed => Options.Seed;

    /// <inheritdoc/>
    public IRatingTrainer WithSeed(int seed) => seed == Options.Seed ? this : new MatrixFactorizationTrainer(Options with { Seed = seed });

    /// <inheritdoc/>
    /// <remarks>Repetition r trains with seed <see cref="MatrixFactorizationOptions.Seed"/> + r.</remarks>
    public IRatingTrainer ForRepetition(int repetition) => WithSeed(Options.Seed + repetition);

    /// <inheritdoc/>
    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        FitModel(train, progress, cancellationToken);

    /// <summary>Trains and returns the concrete model type.</summary>
    /// <inheritdoc cref="Fit" path="/param"/>
    public MatrixFactorizationModel FitModel(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var data = RatingMatrix.Create(train, nameof(train));
        var o = Options;
        int threads = OptionChecks.Threads(o.NumberOfThreads, nameof(o.NumberOfThreads));
        int strata = Math.Max(1, Math.Min(threads == 1 ? 1 : 4 * threads, Math.Min(data.UserBound - 1, data.MovieBound - 1)));
        var random = new Random(o.Seed);
        var users = new FactorMatrix(data.UserBound, o.ApproximationRank);
        var movies = new FactorMatrix(data.MovieBound, o.ApproximationRank);
        Gaussian.Fill(users, random, (float)o.InitialStandardDeviation);
        Gaussian.Fill(movies, random, (float)o.InitialStandardDeviation);
        var userStratum = Strata(data.UserBound, strata, random);
        var movieStratum = Strata(data.MovieBound, strata, random);
        var blocks = BuildBlocks(data.Table, userStratum, movieStratum, strata);
        var blockSeeds = new int[blocks.Length];
        for (int b = 0; b < blocks.Length; b++)
        {
            blockSeeds[b] = random.Next();
        }

        var biases = new BiasTerms(data.Mean, new float[data.UserBound], new float[data.MovieBound], data.MinRating, data.MaxRating);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        float rate = (float)o.LearningRate;
        for (int epoch = 0; epoch < o.NumberOfIterations; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            float epochRate = rate;
            for (int s = 0; s < strata; s++)
            {
                int shift = s;
                int currentEpoch = epoch;
                if (strata == 1)
                {
                    RunBlock(blocks[0], blockSeeds[0] + currentEpoch, biases, users, movies, epochRate, (float)o.Lambda, (float)o.BiasLambda);
                }
                else
                {
                    Parallel.For(0, strata, parallel, a =>
                    {
                        int b = (a * strata) + ((a + shift) % strata);
                        RunBlock(blocks[b], blockSeeds[b] + currentEpoch, biases, users, movies, epochRate, (float)o.Lambda, (float)o.BiasLambda);
                    });
                }
            }

            if (!float.IsFinite(biases.Mean + TensorPrimitives.Sum(biases.UserBias) + TensorPrimitives.Sum(movies.Data)))
            {
                throw new ArgumentOutOfRangeException(nameof(train), o.LearningRate, $"SGD diverged at epoch {epoch + 1} with LearningRate = {o.LearningRate}; use a smaller learning rate or a larger Lambda.");
            }

            rate *= (float)o.LearningRateDecay;
            progress?.Report((epoch + 1) / (double)o.NumberOfIterations);
        }

        return new MatrixFactorizationModel(Name, true, biases, users, movies, new FoldInSettings(o.Lambda, o.BiasLambda));
    }

    private static int[] Strata(int bound, int strata, Random random)
    {
        var order = new int[bound];
        for (int i = 0; i < bound; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order.AsSpan(1));
        var stratum = new int[bound];
        for (int i = 1; i < bound; i++)
        {
            stratum[order[i]] = i % strata;
        }

        return stratum;
    }

    private static Block[] BuildBlocks(RatingsTable table, int[] userStratum, int[] movieStratum, int strata)
    {
        var counts = new int[strata * strata];
        var users = table.Users;
        var movies = table.Movies;
        var ratings = table.Ratings;
        for (int i = 0; i < table.Count; i++)
        {
            counts[(userStratum[users[i]] * strata) + movieStratum[movies[i]]]++;
        }

        var blocks = new Block[counts.Length];
        for (int b = 0; b < blocks.Length; b++)
        {
            blocks[b] = new Block(counts[b]);
        }

        Array.Clear(counts);
        for (int i = 0; i < table.Count; i++)
        {
            int b = (userStratum[users[i]] * strata) + movieStratum[movies[i]];
            int at = counts[b]++;
            blocks[b].Entries[at] = new Entry(users[i], movies[i], ratings[i]);
        }

        return blocks;
    }

    private static void RunBlock(Block block, int seed, BiasTerms biases, FactorMatrix users, FactorMatrix movies, float rate, float lambda, float biasLambda)
    {
        var entries = block.Entries.AsSpan();
        new Random(seed).Shuffle(entries);
        float mu = biases.Mean;
        var bu = biases.UserBias;
        var bi = biases.MovieBias;
        int rank = users.Columns;
        var p = users.Data.AsSpan();
        var q = movies.Data.AsSpan();
        float shrink = 1f - (rate * lambda);
        foreach (ref readonly var entry in entries)
        {
            var pu = p.Slice(entry.User * rank, rank);
            var qi = q.Slice(entry.Movie * rank, rank);
            float error = entry.Rating - (mu + bu[entry.User] + bi[entry.Movie] + TensorPrimitives.Dot(pu, qi));
            bu[entry.User] += rate * (error - (biasLambda * bu[entry.User]));
            bi[entry.Movie] += rate * (error - (biasLambda * bi[entry.Movie]));
            Update(pu, qi, rate * error, shrink);
        }
    }

    /// <summary>p ← shrink·p + step·q and q ← shrink·q + step·p (both from the old values).</summary>
    private static void Update(Span<float> p, Span<float> q, float step, float shrink)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && p.Length >= Vector<float>.Count)
        {
            var vp = MemoryMarshal.Cast<float, Vector<float>>(p);
            var vq = MemoryMarshal.Cast<float, Vector<float>>(q);
            var s = new Vector<float>(step);
            var d = new Vector<float>(shrink);
            for (int k = 0; k < vp.Length; k++)
            {
                var a = vp[k];
                var b = vq[k];
                vp[k] = (d * a) + (s * b);
                vq[k] = (d * b) + (s * a);
            }

            i = vp.Length * Vector<float>.Count;
        }

        for (; i < p.Length; i++)
        {
            float a = p[i];
            float b = q[i];
            p[i] = (shrink * a) + (step * b);
            q[i] = (shrink * b) + (step * a);
        }
    }

    private readonly record struct Entry(int User, int Movie, float Rating);

    private sealed class Block(int count)
    {
        public Entry[] Entries { get; } = new Entry[count];
    }
}
