using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Baselines;

/// <summary>
/// Trains EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"; name <c>ease</c>): an item–item
/// weight matrix B with a zero diagonal that reconstructs each user's interactions, X ≈ X·B, in closed form.
/// </summary>
/// <remarks>
/// Every training rating is an interaction, whatever its value (X is binary). With G = XᵀX + λI and P = G⁻¹,
/// B = I − P·diag(1 / diag(P)), so B_ij = −P_ij / P_jj off the diagonal. Only movies with a training interaction enter
/// the matrix (the others would get a zero column); the cost is Σ over users of their interaction count squared for G
/// and n³ for the inversion of n such movies (<see cref="SymmetricInverse"/>), about 2 s for ML-100K's 1,682 movies on
/// two cores. Memory is 8·n² bytes while training and 4·n² for the model. A user's score for a movie is the sum of B's
/// entries from the movies they interacted with (<see cref="EaseModel"/>).
/// </remarks>
public sealed class EaseTrainer : IRatingTrainer
{
    internal EaseTrainer(EaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionChecks.Positive(options.Lambda, nameof(options.Lambda));
        OptionChecks.Threads(options.NumberOfThreads, nameof(options.NumberOfThreads));
        Options = options;
    }

    /// <summary>The most movies with an interaction EASE accepts: 30,000 (7.2 GB while training).</summary>
    public const int MaxMovies = 30_000;

    /// <summary>Gets the options this trainer uses.</summary>
    public EaseOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "ease";

    /// <inheritdoc/>
    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var data = RatingMatrix.Create(train, nameof(train));
        int threads = OptionChecks.Threads(Options.NumberOfThreads, nameof(Options.NumberOfThreads));

        // Compact the movies that have an interaction: column c of B is movie items[c].
        var compact = new int[data.MovieBound];
        var items = new List<int>();
        for (int m = 0; m < data.MovieBound; m++)
        {
            compact[m] = data.UsersOf(m).Length > 0 ? items.Count : -1;
            if (compact[m] >= 0)
            {
                items.Add(m);
            }
        }

        int n = items.Count;
        if (n > MaxMovies)
        {
            throw new ArgumentException($"train has {n:N0} movies with an interaction; EASE holds an n × n matrix and takes at most {MaxMovies:N0} (8·n² bytes while training).", nameof(train));
        }

        var g = new double[(long)n * n];
        var row = new List<int>();
        for (int u = 0; u < data.UserBound; u++)
        {
            row.Clear();
            foreach (int m in data.MoviesOf(u))
            {
                row.Add(compact[m]);
            }

            foreach (int i in row)
            {
                long offset = (long)i * n;
                foreach (int j in row)
                {
                    g[offset + j] += 1;
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            g[((long)i * n) + i] += Options.Lambda;
        }

        progress?.Report(0.1);
        SymmetricInverse.Invert(g, n, threads, cancellationToken);
        progress?.Report(0.9);
        var weights = new float[(long)n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                weights[((long)i * n) + j] = i == j ? 0f : (float)(-g[((long)i * n) + j] / g[((long)j * n) + j]);
            }
        }

        progress?.Report(1.0);
        return new EaseModel(Name, data.UserBound, data.MovieBound, data.UserOffsets, data.UserMovies, compact, [.. items], weights);
    }
}
