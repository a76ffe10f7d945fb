using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;

namespace MovieRec.MLNet;

/// <summary>
/// MovieRec's recommenders as ML.NET estimators (<see cref="MovieRecMLContextExtensions.MovieRec"/>). Each trains on
/// an <see cref="IDataView"/> with a user column, a movie column and a label column, and returns a transformer that
/// adds a <c>Score</c> column.
/// </summary>
/// <remarks>
/// The column names follow ML.NET's matrix factorisation: <c>matrixColumnIndexColumnName</c> holds the user ids,
/// <c>matrixRowIndexColumnName</c> the movie ids (numbers or text: the raw ids, mapped to the model's indices by the
/// transformer; an id training never saw is the unknown user or movie, as everywhere in MovieRec).
/// </remarks>
public sealed class MovieRecCatalog
{
    internal MovieRecCatalog(MLContext context)
    {
        Context = context;
    }

    /// <summary>Gets the ML.NET context.</summary>
    public MLContext Context { get; }

    /// <summary>Biased matrix factorisation trained by SGD, with the essential settings (as ML.NET's <c>MatrixFactorization</c>).</summary>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <param name="approximationRank">Latent factors, 1 or more.</param>
    /// <param name="learningRate">SGD learning rate, above 0.</param>
    /// <param name="numberOfIterations">Passes over the ratings, 1 or more.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator MatrixFactorization(
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie,
        int approximationRank = MatrixFactorizationOptions.Defaults.ApproximationRank,
        double learningRate = MatrixFactorizationOptions.Defaults.LearningRate,
        int numberOfIterations = MatrixFactorizationOptions.Defaults.NumberOfIterations) =>
        MatrixFactorization(
            new MatrixFactorizationOptions { ApproximationRank = approximationRank, LearningRate = learningRate, NumberOfIterations = numberOfIterations },
            labelColumnName,
            matrixColumnIndexColumnName,
            matrixRowIndexColumnName);

    /// <summary>Biased matrix factorisation with every setting.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator MatrixFactorization(
        MatrixFactorizationOptions options,
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(BaselineCatalog.MatrixFactorization(options), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>
    /// Any MovieRec trainer that reads ratings alone and whose models have an ONNX form: the classical mean, bias, mf,
    /// als, ials, pop and pop-rated, and the NCF models (<c>NcfCatalog</c>: gmf, mlp, neumf, either task). Models that
    /// read a dataset's features take the overload with the dataset.
    /// </summary>
    /// <param name="trainer">The trainer, for example <c>BaselineCatalog.AlternatingLeastSquares()</c> or <c>NcfCatalog.NeuMF()</c>.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator Trainer(
        IRatingTrainer trainer,
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie)
        => Create(trainer, null, labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>
    /// A MovieRec trainer that reads a dataset's side features (the rating CNNs: <c>RatingCnnTrainer</c>, demographics,
    /// genres and titles): the view's ids are <paramref name="dataset"/>'s raw ids, and the fitted transformer carries
    /// the dataset's encoded feature rows inside its ONNX graph.
    /// </summary>
    /// <param name="trainer">The trainer, for example <c>RatingCnnTrainer.Create(RatingCnnOptions.Tuned(RatingCnnVariant.TextCnn))</c>.</param>
    /// <param name="dataset">The dataset whose users and movies the view's ids name (its own ratings are not used).</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator Trainer(
        IRatingTrainer trainer,
        RecommendationDataset dataset,
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie)
        => Create(trainer, dataset ?? throw new ArgumentNullException(nameof(dataset)), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    private RatingEstimator Create(IRatingTrainer trainer, RecommendationDataset? dataset, string labelColumnName, string matrixColumnIndexColumnName, string matrixRowIndexColumnName)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(matrixColumnIndexColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(matrixRowIndexColumnName);
        return new RatingEstimator(Context, trainer, dataset, labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);
    }

    /// <summary>The column names the estimators read when none are given.</summary>
    public static class DefaultColumnNames
    {
        /// <summary>The rating column: <c>Label</c>, as in ML.NET.</summary>
        public const string Label = "Label";

        /// <summary>The user id column: <c>UserId</c>.</summary>
        public const string User = "UserId";

        /// <summary>The movie id column: <c>MovieId</c>.</summary>
        public const string Movie = "MovieId";
    }
}
