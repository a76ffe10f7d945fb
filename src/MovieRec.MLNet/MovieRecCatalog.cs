using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Features;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Onnx.Models.SeqCnn;

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
        ContextSeed = SeedOf(context);
    }

    /// <summary>
    /// Gets the seed the context was created with (<c>new MLContext(seed)</c>), or null without one. It is the training
    /// seed of every estimator this catalog makes without an options record (<c>MatrixFactorization()</c>,
    /// <c>Estimator(name)</c>, …); an estimator made from options or a trainer (<c>MatrixFactorization(options)</c>,
    /// <c>Trainer(trainer)</c>) trains with the seed they name. Without a context seed, every model keeps its own
    /// default seed, so results repeat run after run.
    /// </summary>
    public int? ContextSeed { get; }

    /// <summary>Gets the ML.NET context.</summary>
    public MLContext Context { get; }

    /// <summary>
    /// Gets every model name <see cref="CreateTrainer"/> and <see cref="Estimator(string, string, string, string)"/>
    /// accept, case-insensitive: the classical models (mean, bias, mf, als, ials, ubcf, ibcf, iknn, pop, pop-rated,
    /// majority), the rating CNNs, NCF, the like/dislike MLP and ML.NET's classifiers, the sequence CNN, the blends and
    /// the content models, and any added by <see cref="Register"/>. <c>movierec evaluate</c> reads the same list.
    /// </summary>
    public IReadOnlyList<string> ModelNames => ModelRegistry.Names;

    /// <summary>Gets the names whose models train into a model bundle (<c>movierec train</c>, <c>movierec export</c>).</summary>
    public IReadOnlyList<string> BundleModelNames => ModelRegistry.BundleNames;

    /// <summary>Gets the names that have a search space: the models <c>movierec tune</c> can choose settings for.</summary>
    public IReadOnlyList<string> TunableModelNames => ModelRegistry.TunableNames;

    /// <summary>The settings <c>movierec tune</c> searches for a model, and how its trainer is built from chosen settings.</summary>
    /// <param name="modelName">A name of <see cref="TunableModelNames"/>, case-insensitive.</param>
    /// <returns>The model's search space.</returns>
    /// <exception cref="ArgumentException">No model has that name, or it has no search space (the message lists those that have).</exception>
    public Evaluation.SearchSpace SearchSpace(string modelName) => ModelRegistry.FindSearchSpace(modelName);

    /// <summary>Creates the trainer of a model by name.</summary>
    /// <param name="modelName">A name of <see cref="ModelNames"/>, case-insensitive.</param>
    /// <param name="settings">For the deep models, the tuned preset and a change to the training options; null keeps the model's own settings. Other models ignore it.</param>
    /// <returns>A new trainer.</returns>
    /// <exception cref="ArgumentException">No model has that name (the message lists the names).</exception>
    public IRatingTrainer CreateTrainer(string modelName, DeepTrainingSettings? settings = null) => ModelRegistry.Create(modelName, settings);

    /// <summary>Creates the trainer of a model whose result is a model bundle, as <c>movierec train</c> does.</summary>
    /// <param name="modelName">A name of <see cref="BundleModelNames"/>, case-insensitive.</param>
    /// <param name="settings">The tuned preset and a change to the training options; null keeps the model's own settings.</param>
    /// <returns>A new trainer.</returns>
    /// <exception cref="ArgumentException">No model has that name, or the model does not train into a bundle (the message says why).</exception>
    public BundleTrainer CreateBundleTrainer(string modelName, DeepTrainingSettings? settings = null) => ModelRegistry.CreateBundleTrainer(modelName, settings);

    /// <summary>
    /// Adds a model to the catalog, or replaces the one of that name, for this process: from then on
    /// <see cref="CreateTrainer"/>, <see cref="Estimator(string, string, string, string)"/> and <c>movierec evaluate</c>
    /// know it. A factory that returns a <see cref="BundleTrainer"/> makes a model that trains into a bundle.
    /// </summary>
    /// <param name="modelName">The name, case-insensitive, without commas or surrounding spaces.</param>
    /// <param name="factory">Turns the settings into a new trainer.</param>
    /// <param name="bundles">Whether the factory's trainers are <see cref="BundleTrainer"/>s whose models go into a bundle.</param>
    /// <param name="searchSpace">The settings <c>movierec tune</c> may search for the model; null (default) for none.</param>
    /// <exception cref="ArgumentException">The name is empty, has a comma or surrounding spaces, or the search space is another model's.</exception>
    public void Register(string modelName, Func<DeepTrainingSettings, IRatingTrainer> factory, bool bundles = false, Evaluation.SearchSpace? searchSpace = null) =>
        ModelRegistry.Register(modelName, factory, bundles, searchSpace);

    /// <summary>The estimator of a model by name, for the models that read ratings alone.</summary>
    /// <param name="modelName">A name of <see cref="ModelNames"/>.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">No model has that name.</exception>
    public RatingEstimator Estimator(
        string modelName,
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(Seeded(CreateTrainer(modelName)), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>The estimator of a model by name, for the models that read a dataset's features (the view's ids are the dataset's).</summary>
    /// <param name="modelName">A name of <see cref="ModelNames"/>.</param>
    /// <param name="dataset">The dataset whose users and movies the view's ids name.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">No model has that name.</exception>
    public RatingEstimator Estimator(
        string modelName,
        RecommendationDataset dataset,
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(Seeded(CreateTrainer(modelName)), dataset, labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>
    /// Encodes titles as the LSTM-CNN paper's Table VI shows them: the words (year removed, lower-cased, split as
    /// <see cref="TitleEncoder.Tokenize"/> splits them), each as its key in a vocabulary learned by <c>Fit</c>, in a
    /// vector of <see cref="FeatureDefaults.TitleLength"/> keys: 0 pads (<c>&lt;PAD&gt;</c>, ML.NET's missing key),
    /// 1 is a word the vocabulary lacks (<c>&lt;UNK&gt;</c>), words from 2, the same indices
    /// <see cref="TitleEncoder.Create(MoviesTable, int)"/> gives over the same titles.
    /// </summary>
    /// <param name="outputColumnName">The key vector column to add.</param>
    /// <param name="inputColumnName">The title column (text).</param>
    /// <returns>The estimator.</returns>
    public TokenKeyEstimator EncodeTitle(string outputColumnName = "TitleKeys", string inputColumnName = "Title")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        var tokenize = Context.Transforms.CopyColumns(TokenMappings.InputColumn, inputColumnName)
            .Append(Context.Transforms.CustomMapping(new TitleWordsMapping().GetMapping(), TitleWordsMapping.ContractName));
        return new TokenKeyEstimator(Context, outputColumnName, inputColumnName, FeatureDefaults.TitleLength, tokenize, TokenMappings.TokensColumn, data =>
            Vocabulary.Build(ReadColumn<ReadOnlyMemory<char>>(data, inputColumnName, TextDataViewType.Instance, "text").SelectMany(t => TitleEncoder.Tokenize(t.ToString()))));
    }

    /// <summary>
    /// Encodes genre lists as the LSTM-CNN paper's Table VI shows them: each genre as its key, in a vector of
    /// <see cref="FeatureDefaults.GenreLength"/> keys padded with 0 (ML.NET's missing key, MovieRec's padding).
    /// </summary>
    /// <param name="outputColumnName">The key vector column to add.</param>
    /// <param name="inputColumnName">The genre column (a vector of text, genre names).</param>
    /// <param name="genres">The genres in key order (key 1 is the first), for example <c>dataset.Movies.GenreNames</c>,
    /// which gives the keys of <see cref="MoviesTable.GenreKey"/>; null learns them in order of first appearance. A genre
    /// not in the list gets key 0 in its place, as padding does.</param>
    /// <returns>The estimator.</returns>
    public TokenKeyEstimator EncodeGenres(string outputColumnName = "GenreKeys", string inputColumnName = "Genres", IReadOnlyList<string>? genres = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        var fixedOrder = genres is null ? null : Vocabulary.FromTokens([Vocabulary.PadToken, .. genres]);
        var tokenize = Context.Transforms.CopyColumns(TokenMappings.InputColumn, inputColumnName)
            .Append(Context.Transforms.CustomMapping(new GenreListMapping().GetMapping(), GenreListMapping.ContractName));
        return new TokenKeyEstimator(Context, outputColumnName, inputColumnName, FeatureDefaults.GenreLength, tokenize, TokenMappings.TokensColumn, data =>
            fixedOrder ?? Vocabulary.FromTokens([Vocabulary.PadToken, .. ReadColumn<VBuffer<ReadOnlyMemory<char>>>(data, inputColumnName, null, "a vector of text")
                .SelectMany(v => v.DenseValues().Select(g => g.ToString())).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal)]));
    }

    /// <summary>
    /// Encodes user demographics as the LSTM-CNN paper's Table V shows them, each as a key (0 = missing): gender
    /// (<c>GenderKey</c>, F = 1, M = 2), age group (<c>AgeGroup</c>, 1 for under 18 up to 7 for 56 and over, from an age in
    /// years or an ML-1M age code; its key values are ML-1M's labels, <see cref="AgeGroupMapping.Labels"/>) and occupation (<c>OccupationKey</c>, occupations in ordinal order). Gender and
    /// occupation keys are ML.NET's ValueToKeyMapping, learned by <c>Fit</c>.
    /// </summary>
    /// <param name="genderColumnName">The gender column (text).</param>
    /// <param name="ageColumnName">The age column (a number).</param>
    /// <param name="occupationColumnName">The occupation column (text).</param>
    /// <returns>The estimator.</returns>
    public IEstimator<ITransformer> EncodeDemographics(string genderColumnName = "Gender", string ageColumnName = "Age", string occupationColumnName = "Occupation")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(genderColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(ageColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(occupationColumnName);
        var byValue = Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue;
        return Context.Transforms.Conversion.MapValueToKey("GenderKey", genderColumnName, keyOrdinality: byValue)
            .Append(Context.Transforms.Conversion.ConvertType(TokenMappings.InputColumn, ageColumnName, DataKind.Single))
            .Append(Context.Transforms.CustomMapping(new AgeGroupMapping().GetMapping(), AgeGroupMapping.ContractName))
            .Append(Context.Transforms.Conversion.MapValueToKey("AgeGroup", TokenMappings.AgeGroupColumn, keyData: Context.Data.LoadFromEnumerable(AgeGroupMapping.Labels.Select(l => new TextRow { Value = l }))))
            .Append(Context.Transforms.DropColumns(TokenMappings.InputColumn, TokenMappings.AgeGroupColumn))
            .Append(Context.Transforms.Conversion.MapValueToKey("OccupationKey", occupationColumnName, keyOrdinality: byValue));
    }

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
        Trainer(
            Seeded(BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = approximationRank, LearningRate = learningRate, NumberOfIterations = numberOfIterations })),
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

    /// <summary>User-based k-nearest neighbours (MovieRec's <c>ubcf</c>). It predicts from the training ratings at query time, so its transformer scores in this
    /// process and cannot be saved (<see cref="RatingEstimator"/>).</summary>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <param name="numberOfNeighbours">k, 1 or more; default 40.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator UserKnn(
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie,
        int numberOfNeighbours = NeighbourhoodOptions.Defaults.NumberOfNeighbours) =>
        Trainer(Seeded(BaselineCatalog.UserKnn(numberOfNeighbours)), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>User-based k-nearest neighbours (MovieRec's <c>ubcf</c>) with every setting.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator UserKnn(NeighbourhoodOptions options, string labelColumnName = DefaultColumnNames.Label, string matrixColumnIndexColumnName = DefaultColumnNames.User, string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(BaselineCatalog.UserKnn(options), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Item-based k-nearest neighbours (MovieRec's <c>ibcf</c>). It predicts from the training ratings at query time, so its transformer scores in this
    /// process and cannot be saved (<see cref="RatingEstimator"/>).</summary>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <param name="numberOfNeighbours">k, 1 or more; default 40.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator ItemKnn(
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie,
        int numberOfNeighbours = NeighbourhoodOptions.Defaults.NumberOfNeighbours) =>
        Trainer(Seeded(BaselineCatalog.ItemKnn(numberOfNeighbours)), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Item-based k-nearest neighbours (MovieRec's <c>ibcf</c>) with every setting.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator ItemKnn(NeighbourhoodOptions options, string labelColumnName = DefaultColumnNames.Label, string matrixColumnIndexColumnName = DefaultColumnNames.User, string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(BaselineCatalog.ItemKnn(options), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Item-based k-nearest neighbours for implicit feedback (MovieRec's <c>iknn</c>). It predicts from the training ratings at query time, so its transformer scores in this
    /// process and cannot be saved (<see cref="RatingEstimator"/>).</summary>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <param name="numberOfNeighbours">k, 1 or more; default 50.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator ImplicitItemKnn(
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie,
        int numberOfNeighbours = ImplicitItemKnnOptions.Defaults.NumberOfNeighbours) =>
        Trainer(Seeded(BaselineCatalog.ImplicitItemKnn(numberOfNeighbours)), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Item-based k-nearest neighbours for implicit feedback (MovieRec's <c>iknn</c>) with every setting.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator ImplicitItemKnn(ImplicitItemKnnOptions options, string labelColumnName = DefaultColumnNames.Label, string matrixColumnIndexColumnName = DefaultColumnNames.User, string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(BaselineCatalog.ImplicitItemKnn(options), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Global mean plus user and movie biases (MovieRec's <c>bias</c>).</summary>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <param name="numberOfIterations">Alternating passes, 1 or more.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator Biases(
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie,
        int numberOfIterations = BiasOptions.Defaults.NumberOfIterations) =>
        Trainer(Seeded(BaselineCatalog.Biases(numberOfIterations)), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Global mean plus user and movie biases with every setting.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator Biases(BiasOptions options, string labelColumnName = DefaultColumnNames.Label, string matrixColumnIndexColumnName = DefaultColumnNames.User, string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(BaselineCatalog.Biases(options), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Alternating least squares on the ratings (MovieRec's <c>als</c>).</summary>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <param name="approximationRank">Latent rank, 1 or more.</param>
    /// <param name="numberOfIterations">Alternations, 1 or more.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator AlternatingLeastSquares(
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie,
        int approximationRank = AlternatingLeastSquaresOptions.Defaults.ApproximationRank,
        int numberOfIterations = AlternatingLeastSquaresOptions.Defaults.NumberOfIterations) =>
        Trainer(Seeded(BaselineCatalog.AlternatingLeastSquares(approximationRank, numberOfIterations)), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Alternating least squares with every setting; the one-class loss makes it implicit ALS (<c>ials</c>).</summary>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator AlternatingLeastSquares(AlternatingLeastSquaresOptions options, string labelColumnName = DefaultColumnNames.Label, string matrixColumnIndexColumnName = DefaultColumnNames.User, string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(BaselineCatalog.AlternatingLeastSquares(options), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Implicit-feedback ALS (MovieRec's <c>ials</c>): every row is an interaction; <c>Score</c> ranks movies.</summary>
    /// <param name="labelColumnName">A numeric column (read, not used as a target).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <param name="approximationRank">Latent rank, 1 or more.</param>
    /// <param name="numberOfIterations">Alternations, 1 or more.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator ImplicitAlternatingLeastSquares(
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie,
        int approximationRank = AlternatingLeastSquaresOptions.Defaults.OneClassApproximationRank,
        int numberOfIterations = AlternatingLeastSquaresOptions.Defaults.NumberOfIterations) =>
        Trainer(Seeded(BaselineCatalog.ImplicitAlternatingLeastSquares(approximationRank, numberOfIterations)), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Popularity (MovieRec's <c>pop</c> or <c>pop-rated</c>): the same score for every user.</summary>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <param name="kind">Most rated (default) or best rated.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator Popularity(
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie,
        PopularityKind kind = PopularityKind.MostRated) =>
        Trainer(Seeded(BaselineCatalog.Popularity(kind)), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>Popularity with every setting.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator Popularity(PopularityOptions options, string labelColumnName = DefaultColumnNames.Label, string matrixColumnIndexColumnName = DefaultColumnNames.User, string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(BaselineCatalog.Popularity(options), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>
    /// Neural Collaborative Filtering (MovieRec's <c>gmf</c>, <c>mlp</c>, <c>neumf</c>; the paper's settings): implicit
    /// feedback by default (<c>Score</c> is a ranking logit), or the ratings with <see cref="NcfTask.Rating"/>.
    /// </summary>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <param name="architecture">GMF, MLP or NeuMF (pre-trained from GMF and MLP).</param>
    /// <param name="approximationRank">Predictive factors, 1 or more.</param>
    /// <param name="task">Implicit feedback or rating regression.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator NeuralCollaborativeFiltering(
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie,
        NcfArchitecture architecture = NcfArchitecture.NeuMF,
        int approximationRank = NcfOptions.Defaults.ApproximationRank,
        NcfTask task = NcfOptions.Defaults.Task) =>
        Trainer(
            Seeded(architecture switch
            {
                NcfArchitecture.Gmf => NcfCatalog.Gmf(approximationRank, task),
                NcfArchitecture.Mlp => NcfCatalog.Mlp(approximationRank, task),
                _ => NcfCatalog.NeuMF(approximationRank, task: task),
            }),
            labelColumnName,
            matrixColumnIndexColumnName,
            matrixRowIndexColumnName);

    /// <summary>Neural Collaborative Filtering with every setting (for example <see cref="NcfOptions.Tuned"/>).</summary>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator NeuralCollaborativeFiltering(NcfOptions options, string labelColumnName = DefaultColumnNames.Label, string matrixColumnIndexColumnName = DefaultColumnNames.User, string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(NcfCatalog.Create(options), labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>
    /// The LSTM-CNN or text-CNN rating model (MovieRec's <c>lstm-cnn</c>, <c>text-cnn</c>; the paper's settings), which
    /// reads <paramref name="dataset"/>'s demographics, genres and titles; the view's ids are the dataset's.
    /// </summary>
    /// <param name="dataset">The dataset whose users and movies the view's ids name.</param>
    /// <param name="variant">LSTM-CNN or text-CNN.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator RatingCnn(
        RecommendationDataset dataset,
        RatingCnnVariant variant = RatingCnnVariant.LstmCnn,
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(Seeded(RatingCnnTrainer.Create(variant)), dataset, labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>The LSTM-CNN or text-CNN rating model with every setting (for example <see cref="RatingCnnOptions.Tuned"/>).</summary>
    /// <param name="dataset">The dataset whose users and movies the view's ids name.</param>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator RatingCnn(RecommendationDataset dataset, RatingCnnOptions options, string labelColumnName = DefaultColumnNames.Label, string matrixColumnIndexColumnName = DefaultColumnNames.User, string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(RatingCnnTrainer.Create(options), dataset, labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>
    /// The like/dislike embedding MLP (MovieRec's <c>like-mlp</c>; the paper's settings), which reads
    /// <paramref name="dataset"/>'s genres and release years; its <c>Score</c> is the probability that the user likes
    /// the movie (the label column still holds ratings: a rating of 3.5 or more is a like).
    /// </summary>
    /// <param name="dataset">The dataset whose users and movies the view's ids name.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator LikeMlp(
        RecommendationDataset dataset,
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(Seeded(LikeMlpTrainer.Create()), dataset, labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>The like/dislike embedding MLP with every setting (for example <see cref="LikeMlpOptions.Tuned"/>).</summary>
    /// <param name="dataset">The dataset whose users and movies the view's ids name.</param>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator LikeMlp(RecommendationDataset dataset, LikeMlpOptions options, string labelColumnName = DefaultColumnNames.Label, string matrixColumnIndexColumnName = DefaultColumnNames.User, string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(LikeMlpTrainer.Create(options), dataset, labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>
    /// The sequence CNN (MovieRec's <c>seq-cnn</c>; the paper's settings), which reads a user as their latest ratings and
    /// <paramref name="dataset"/>'s genres and plot summaries. A view has no times, so its row order stands for time: a
    /// training row's history is the same user's earlier rows (sort the view by timestamp first); <c>Score</c> reads each
    /// user's latest history, as recommending does.
    /// </summary>
    /// <param name="dataset">The dataset whose users and movies the view's ids name.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator SeqCnn(
        RecommendationDataset dataset,
        string labelColumnName = DefaultColumnNames.Label,
        string matrixColumnIndexColumnName = DefaultColumnNames.User,
        string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(Seeded(SeqCnnTrainer.Create()), dataset, labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>The sequence CNN with every setting (for example <see cref="SeqCnnOptions.Tuned"/>).</summary>
    /// <param name="dataset">The dataset whose users and movies the view's ids name.</param>
    /// <param name="options">The settings.</param>
    /// <param name="labelColumnName">The rating column (Single or Double).</param>
    /// <param name="matrixColumnIndexColumnName">The user id column.</param>
    /// <param name="matrixRowIndexColumnName">The movie id column.</param>
    /// <returns>The estimator.</returns>
    public RatingEstimator SeqCnn(RecommendationDataset dataset, SeqCnnOptions options, string labelColumnName = DefaultColumnNames.Label, string matrixColumnIndexColumnName = DefaultColumnNames.User, string matrixRowIndexColumnName = DefaultColumnNames.Movie) =>
        Trainer(SeqCnnTrainer.Create(options), dataset, labelColumnName, matrixColumnIndexColumnName, matrixRowIndexColumnName);

    /// <summary>
    /// Any MovieRec trainer that reads ratings alone: the classical models and the NCF models (<c>NcfCatalog</c>: gmf,
    /// mlp, neumf, either task). Models that read a dataset's features take the overload with the dataset. The k-NN
    /// models score in this process and cannot be saved; every other model runs as an ONNX graph in ML.NET's
    /// OnnxTransformer.
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

    /// <summary>The trainer with the context's seed, when the context has one and the trainer takes a seed.</summary>
    private IRatingTrainer Seeded(IRatingTrainer trainer) =>
        ContextSeed is { } seed && trainer is IReseedableTrainer reseedable ? reseedable.WithSeed(seed) : trainer;

    /// <summary>
    /// The seed of <c>new MLContext(seed)</c>. ML.NET keeps it behind an internal interface (its own trainers draw from the
    /// context's random stream instead), so it is read by reflection; null when the context has none or the member is
    /// not found.
    /// </summary>
    private static int? SeedOf(MLContext context)
    {
        var property = typeof(MLContext).GetInterfaces().FirstOrDefault(i => i.Name == "IHostEnvironmentInternal")?.GetProperty("Seed");
        return property?.GetValue(context) as int?;
    }

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

    private static IEnumerable<T> ReadColumn<T>(IDataView data, string name, DataViewType? type, string expected)
    {
        var column = data.Schema.GetColumnOrNull(name)
            ?? throw new ArgumentException($"The data has no column '{name}'; its columns are {string.Join(", ", data.Schema.Select(c => c.Name))}.", nameof(data));
        bool matches = type is null
            ? column.Type is VectorDataViewType { ItemType: TextDataViewType }
            : column.Type.Equals(type);
        return matches ? data.GetColumn<T>(column) : throw new ArgumentException($"Column '{name}' is {column.Type}; expected {expected}.", nameof(data));
    }

    private sealed class TextRow
    {
        public string Value { get; set; } = string.Empty;
    }
}
