using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>
/// Factories of the classical recommenders. Each returns an <see cref="IRatingTrainer"/> whose
/// <see cref="IRatingTrainer.Fit(MovieRec.Data.RatingsTable, IProgress{double}?, CancellationToken)"/> trains on a <see cref="MovieRec.Data.RatingsTable"/>. Every factory
/// has a short overload with the essential knobs and one taking a full options record.
/// </summary>
public static class BaselineCatalog
{
    /// <summary>Predicts the global mean rating μ for every pair (name <c>mean</c>).</summary>
    public static IRatingTrainer GlobalMean() =>
        new SimpleTrainer("mean", data => new BiasModel("mean", new BiasTerms(data.Mean, new float[data.UserBound], new float[data.MovieBound], data.MinRating, data.MaxRating)));

    /// <summary>Regularised user and movie biases μ + b_u + b_i (name <c>bias</c>).</summary>
    /// <param name="numberOfIterations">Alternating sweeps; default 10.</param>
    public static IRatingTrainer Biases(int numberOfIterations = BiasOptions.Defaults.NumberOfIterations) =>
        Biases(new BiasOptions { NumberOfIterations = numberOfIterations });

    /// <summary>Regularised user and movie biases μ + b_u + b_i (name <c>bias</c>).</summary>
    /// <param name="options">Options; see <see cref="BiasOptions"/>.</param>
    public static IRatingTrainer Biases(BiasOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionChecks.AtLeast(options.NumberOfIterations, 1, nameof(options.NumberOfIterations));
        OptionChecks.NonNegative(options.UserLambda, nameof(options.UserLambda));
        OptionChecks.NonNegative(options.MovieLambda, nameof(options.MovieLambda));
        return new SimpleTrainer("bias", data => new BiasModel("bias", BiasTerms.Fit(data, options.NumberOfIterations, (float)options.UserLambda, (float)options.MovieLambda)));
    }

    /// <summary>Biased matrix factorisation trained by SGD (name <c>mf</c>); see <see cref="MatrixFactorizationTrainer"/>.</summary>
    /// <param name="approximationRank">Latent rank; default 200.</param>
    /// <param name="numberOfIterations">Epochs; default 100.</param>
    public static MatrixFactorizationTrainer MatrixFactorization(
        int approximationRank = MatrixFactorizationOptions.Defaults.ApproximationRank,
        int numberOfIterations = MatrixFactorizationOptions.Defaults.NumberOfIterations) =>
        new(new MatrixFactorizationOptions { ApproximationRank = approximationRank, NumberOfIterations = numberOfIterations });

    /// <summary>Biased matrix factorisation trained by SGD (name <c>mf</c>).</summary>
    /// <param name="options">Options; see <see cref="MatrixFactorizationOptions"/>.</param>
    public static MatrixFactorizationTrainer MatrixFactorization(MatrixFactorizationOptions options) => new(options);

    /// <summary>Explicit-rating ALS with biases (name <c>als</c>); see <see cref="AlternatingLeastSquaresTrainer"/>.</summary>
    /// <param name="approximationRank">Latent rank; default 64.</param>
    /// <param name="numberOfIterations">Alternations; default 15.</param>
    public static AlternatingLeastSquaresTrainer AlternatingLeastSquares(
        int approximationRank = AlternatingLeastSquaresOptions.Defaults.ApproximationRank,
        int numberOfIterations = AlternatingLeastSquaresOptions.Defaults.NumberOfIterations) =>
        new(new AlternatingLeastSquaresOptions { ApproximationRank = approximationRank, NumberOfIterations = numberOfIterations });

    /// <summary>ALS for explicit ratings (name <c>als</c>) or, with the one-class loss, implicit feedback (name <c>ials</c>).</summary>
    /// <param name="options">Options; see <see cref="AlternatingLeastSquaresOptions"/>.</param>
    public static AlternatingLeastSquaresTrainer AlternatingLeastSquares(AlternatingLeastSquaresOptions options) => new(options);

    /// <summary>Implicit-feedback ALS (Hu, Koren and Volinsky; name <c>ials</c>) with the default α, λ and C.</summary>
    /// <param name="approximationRank">Latent rank; default 128.</param>
    /// <param name="numberOfIterations">Alternations; default 15.</param>
    public static AlternatingLeastSquaresTrainer ImplicitAlternatingLeastSquares(
        int approximationRank = AlternatingLeastSquaresOptions.Defaults.OneClassApproximationRank,
        int numberOfIterations = AlternatingLeastSquaresOptions.Defaults.NumberOfIterations) =>
        new(new AlternatingLeastSquaresOptions
        {
            LossFunction = MatrixFactorizationLoss.SquareLossOneClass,
            ApproximationRank = approximationRank,
            NumberOfIterations = numberOfIterations,
        });

    /// <summary>User-based k-nearest neighbours (name <c>ubcf</c>); see <see cref="NeighbourhoodTrainer"/>.</summary>
    /// <param name="numberOfNeighbours">k; default 40.</param>
    public static NeighbourhoodTrainer UserKnn(int numberOfNeighbours = NeighbourhoodOptions.Defaults.NumberOfNeighbours) =>
        new(userBased: true, new NeighbourhoodOptions { NumberOfNeighbours = numberOfNeighbours });

    /// <summary>User-based k-nearest neighbours (name <c>ubcf</c>).</summary>
    /// <param name="options">Options; see <see cref="NeighbourhoodOptions"/>.</param>
    public static NeighbourhoodTrainer UserKnn(NeighbourhoodOptions options) => new(userBased: true, options);

    /// <summary>Item-based k-nearest neighbours (name <c>ibcf</c>); see <see cref="NeighbourhoodTrainer"/>.</summary>
    /// <param name="numberOfNeighbours">k; default 40.</param>
    public static NeighbourhoodTrainer ItemKnn(int numberOfNeighbours = NeighbourhoodOptions.Defaults.NumberOfNeighbours) =>
        new(userBased: false, new NeighbourhoodOptions { NumberOfNeighbours = numberOfNeighbours });

    /// <summary>Item-based k-nearest neighbours (name <c>ibcf</c>).</summary>
    /// <param name="options">Options; see <see cref="NeighbourhoodOptions"/>.</param>
    public static NeighbourhoodTrainer ItemKnn(NeighbourhoodOptions options) => new(userBased: false, options);

    /// <summary>
    /// Item-based k-nearest neighbours for implicit feedback (name <c>iknn</c>): cosine similarity of the
    /// movies' binary user vectors, scores summed over the user's rated neighbours; see <see cref="ImplicitItemKnnTrainer"/>.
    /// </summary>
    /// <param name="numberOfNeighbours">k; default 50.</param>
    public static ImplicitItemKnnTrainer ImplicitItemKnn(int numberOfNeighbours = ImplicitItemKnnOptions.Defaults.NumberOfNeighbours) =>
        new(new ImplicitItemKnnOptions { NumberOfNeighbours = numberOfNeighbours });

    /// <summary>Item-based k-nearest neighbours for implicit feedback (name <c>iknn</c>).</summary>
    /// <param name="options">Options; see <see cref="ImplicitItemKnnOptions"/>.</param>
    public static ImplicitItemKnnTrainer ImplicitItemKnn(ImplicitItemKnnOptions options) => new(options);

    /// <summary>EASE, the closed-form item–item autoencoder of Steck (2019) (name <c>ease</c>).</summary>
    /// <param name="options">Its options; <see langword="null"/> for the defaults.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static EaseTrainer Ease(EaseOptions? options = null) => new(options ?? new EaseOptions());

    /// <summary>BPR-MF, matrix factorisation trained by Bayesian personalised ranking (name <c>bpr</c>).</summary>
    /// <param name="options">Its options; <see langword="null"/> for the defaults.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static BprTrainer Bpr(BprOptions? options = null) => new(options ?? new BprOptions());

    /// <summary>Popularity baseline: <c>pop</c> (most rated) or <c>pop-rated</c> (best Bayesian average).</summary>
    /// <param name="kind">Ranking criterion; default most rated.</param>
    public static IRatingTrainer Popularity(PopularityKind kind = PopularityKind.MostRated) =>
        Popularity(new PopularityOptions { Kind = kind });

    /// <summary>Popularity baseline: <c>pop</c> (most rated) or <c>pop-rated</c> (best Bayesian average).</summary>
    /// <param name="options">Options; see <see cref="PopularityOptions"/>.</param>
    public static IRatingTrainer Popularity(PopularityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionChecks.NonNegative(options.PriorStrength, nameof(options.PriorStrength));
        if (!Enum.IsDefined(options.Kind))
        {
            OptionChecks.Throw(nameof(options.Kind), options.Kind, "expected MostRated or BestRated");
        }

        string name = options.Kind == PopularityKind.MostRated ? "pop" : "pop-rated";
        return new SimpleTrainer(name, data => PopularityModel.Create(name, data, options));
    }

    /// <summary>
    /// The majority-class reference for like/dislike classifiers (<c>majority</c>): every pair gets the training share
    /// of likes as its like probability (see <see cref="MajorityClassModel"/>).
    /// </summary>
    /// <param name="likeThreshold">A rating at or above this is a like; default 3.5.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="likeThreshold"/> is not finite.</exception>
    public static IRatingTrainer MajorityClass(float likeThreshold = 3.5f)
    {
        if (!float.IsFinite(likeThreshold))
        {
            OptionChecks.Throw(nameof(likeThreshold), likeThreshold, "expected a finite rating");
        }

        return new SimpleTrainer("majority", data => MajorityClassModel.Fit(data, likeThreshold));
    }

    /// <summary>
    /// A linear blend of rating models (see <see cref="BlendTrainer"/>): the weights are fitted on a validation slice
    /// of the training ratings, then every member is trained on all of them.
    /// </summary>
    /// <param name="name">The blend's model name.</param>
    /// <param name="members">The members' trainers, at least one.</param>
    /// <returns>The trainer.</returns>
    public static BlendTrainer Blend(string name, params IRatingTrainer[] members) => new(new BlendOptions { Name = name, Members = members });

    /// <summary>A linear blend of rating models from full options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The trainer.</returns>
    public static BlendTrainer Blend(BlendOptions options) => new(options);

    /// <summary>
    /// Creates the trainer registered under <paramref name="name"/> with default options:
    /// mean, bias, mf, als, ials, ubcf, ibcf, iknn, pop, pop-rated.
    /// </summary>
    /// <param name="name">Model name (case-insensitive).</param>
    /// <exception cref="ArgumentException">The name is not one of the above.</exception>
    public static IRatingTrainer FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "mean" => GlobalMean(),
            "bias" => Biases(),
            "mf" => MatrixFactorization(),
            "als" => AlternatingLeastSquares(),
            "ials" => ImplicitAlternatingLeastSquares(),
            "ubcf" => UserKnn(),
            "ibcf" => ItemKnn(),
            "iknn" => ImplicitItemKnn(),
            "ease" => Ease(),
            "bpr" => Bpr(),
            "pop" => Popularity(PopularityKind.MostRated),
            "pop-rated" => Popularity(PopularityKind.BestRated),
            "majority" => MajorityClass(),
            _ => throw new ArgumentException($"Unknown model '{name}'; expected one of {string.Join(", ", ModelNames)}.", nameof(name)),
        };
    }

    /// <summary>The names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = ["mean", "bias", "mf", "als", "ials", "ubcf", "ibcf", "iknn", "ease", "bpr", "pop", "pop-rated", "majority"];
}
