using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Onnx.Export;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Onnx.Runtime;

namespace MovieRec.MLNet;

/// <summary>
/// Trains a MovieRec recommender on an <see cref="IDataView"/> and returns a <see cref="RatingPredictionTransformer"/>
/// that adds the <c>Score</c> column (Single): the predicted rating, a ranking score for implicit-feedback models, or for
/// a like/dislike classifier the logit of a like, as ML.NET's binary classifiers score, with <c>Probability</c> and
/// <c>PredictedLabel</c> beside it (see <see cref="LikeMapping"/>). Create it with <see cref="MovieRecCatalog"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Fit(IDataView)"/> reads the three columns once into MovieRec's columnar ratings table, giving each distinct user
/// and movie id an index from 1 in order of appearance, trains the model, and returns a chain of ML.NET's own
/// transforms: the model as an ONNX graph run by ML.NET's OnnxTransformer, reading the id columns themselves (the
/// id → index maps are ONNX-ML LabelEncoder nodes inside the graph; an id not seen in training reads index 0, the
/// unknown user or movie), and <see cref="ScoreMapping"/>. So the result saves and loads with <c>mlContext.Model</c>
/// and scores without MovieRec's scoring code.
/// </para>
/// <para>
/// Ids may be numbers (Single, Double, Int32, Int64, UInt32), text, or keys of such values (ML.NET's
/// <c>MapValueToKey</c>, as ML.NET's matrix factorisation tutorial keys them), which are read as the values they key;
/// the label is Single or Double.
/// </para>
/// <para>
/// The context's seed (<c>new MLContext(seed)</c>) is the training seed of the estimators the catalog makes without an
/// options record; progress, each epoch's losses, the epoch kept and the device go to <see cref="MLContext.Log"/>
/// (source <c>MovieRec</c>), with a warning when the model's <c>Score</c> is not a rating that ML.NET's regression
/// evaluator could measure (a ranking model, a like/dislike classifier).
/// </para>
/// <para>
/// The k-NN models (ubcf, ibcf, iknn) have no ONNX form: they predict from the training ratings at query time; nor do
/// the content models, the blends and ML.NET's classifiers used as like/dislike models. Their transformer scores in
/// this process (Transform, Evaluate, PredictionEngine) with the trained MovieRec model, and
/// <c>mlContext.Model.Save</c> refuses it, saying so (<see cref="RatingPredictionTransformer.CanSave"/>).
/// </para>
/// </remarks>
public sealed class RatingEstimator : IEstimator<RatingPredictionTransformer>
{
    private const string UserIndexColumn = "MovieRec.UserIndex";
    private const string MovieIndexColumn = "MovieRec.MovieIndex";
    private const string UserValueColumn = "MovieRec.UserId";
    private const string MovieValueColumn = "MovieRec.MovieId";

    private readonly MLContext _context;
    private readonly IRatingTrainer _trainer;
    private readonly RecommendationDataset? _dataset;

    internal RatingEstimator(MLContext context, IRatingTrainer trainer, RecommendationDataset? dataset, string labelColumnName, string userColumnName, string movieColumnName)
    {
        _context = context;
        _trainer = trainer;
        _dataset = dataset;
        LabelColumnName = labelColumnName;
        UserColumnName = userColumnName;
        MovieColumnName = movieColumnName;
    }

    /// <summary>Gets the name of the column the transformer adds.</summary>
    public static string ScoreColumnName => "Score";

    /// <summary>Gets the rating column.</summary>
    public string LabelColumnName { get; }

    /// <summary>Gets the user id column.</summary>
    public string UserColumnName { get; }

    /// <summary>Gets the movie id column.</summary>
    public string MovieColumnName { get; }

    /// <summary>Gets the name of the MovieRec model.</summary>
    public string ModelName => _trainer.Name;

    /// <summary>Gets the trainer, with the seed it will train with (<see cref="IReseedableTrainer.Seed"/> where it has one).</summary>
    public IRatingTrainer Trainer => _trainer;

    /// <summary>Trains the model on <paramref name="input"/>.</summary>
    /// <param name="input">Rows with the user, movie and label columns; at least one.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ArgumentException">A column is missing, of an unsupported type, or holds a missing value (the message names it and the row).</exception>
    /// <exception cref="InvalidOperationException">The application references no ONNX Runtime native package (the message names the one to add).</exception>
    public RatingPredictionTransformer Fit(IDataView input) => FitCore(input, null);

    /// <summary>
    /// Trains a model that chooses its epochs on validation ratings (the rating CNNs and the like/dislike MLP) on all of
    /// <paramref name="input"/>, choosing the epochs on <paramref name="validation"/> instead of a slice of the training
    /// rows (<c>Training.Patience</c> above 0 stops early on them and keeps the best epoch).
    /// </summary>
    /// <param name="input">The training rows.</param>
    /// <param name="validation">The validation rows, with the same columns; ids the dataset lacks are refused.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ArgumentException">A column is missing, of an unsupported type, or holds a missing value (the message names it and the row).</exception>
    /// <exception cref="NotSupportedException">The model does not choose epochs on validation ratings (the message names the ones that do).</exception>
    public RatingPredictionTransformer Fit(IDataView input, IDataView validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (_dataset is null || _trainer is not BundleTrainer { TakesValidationRatings: true })
        {
            throw new NotSupportedException($"Model '{ModelName}' does not choose its epochs on validation ratings, so it has no Fit(train, validation); call Fit(train). The models that do are the rating CNNs and the like/dislike MLP, with the dataset they read.");
        }

        return FitCore(input, validation);
    }

    private RatingPredictionTransformer FitCore(IDataView input, IDataView? validation)
    {
        ArgumentNullException.ThrowIfNull(input);

        // The model runs in ML.NET's OnnxTransformer: without a native package, say so before training, not after.
        OnnxRuntimeInfo.EnsureNativeLibrary();

        // Key-typed id columns are read, and scored, as the values they key.
        var keys = KeyValues(input.Schema);
        var keyed = keys?.Fit(input);
        string userColumn = IsKey(input.Schema, UserColumnName) ? UserValueColumn : UserColumnName;
        string movieColumn = IsKey(input.Schema, MovieColumnName) ? MovieValueColumn : MovieColumnName;
        var (users, movies, labels, userIds, movieIds) = Read(keyed?.Transform(input) ?? input, userColumn, movieColumn);
        var table = RatingsTable.CreateWithoutTimestamps(users, movies, labels);
        RatingsTable? held = null;
        if (validation is not null)
        {
            var (vu, vm, vl, _, _) = Read(keyed?.Transform(validation) ?? validation, userColumn, movieColumn);
            held = RatingsTable.CreateWithoutTimestamps(vu, vm, vl);
        }

        using var log = new TrainingLog(_context, ModelName);
        log.Start(table.Count, userIds.Count, movieIds.Count, held?.Count);
        var model = Train(table, held, log);
        log.Finished(model);

        try
        {
            var (scoring, canSave) = Scoring(model, userIds, movieIds, userColumn, movieColumn);
            if (keys is not null)
            {
                scoring = keys.Append(scoring).Append(_context.Transforms.DropColumns([.. new[] { userColumn, movieColumn }.Where(c => c is UserValueColumn or MovieValueColumn)]));
            }

            return new RatingPredictionTransformer(scoring.Fit(input), model, canSave, userIds, movieIds);
        }
        catch
        {
            (model as IDisposable)?.Dispose();
            throw;
        }
    }

    private IRatingPredictor Train(RatingsTable table, RatingsTable? held, TrainingLog log)
    {
        if (_trainer is BundleTrainer deep && _dataset is not null)
        {
            return held is null ? deep.Fit(_dataset, table, log) : deep.Fit(_dataset, table, held, log);
        }

        return _dataset is null ? _trainer.Fit(table, log) : _trainer.Fit(_dataset, table, log);
    }

    /// <summary>
    /// The transforms that score the trained model: its ONNX graph in ML.NET's OnnxTransformer (savable), or the model
    /// itself in this process for a model without an ONNX form.
    /// </summary>
    private (IEstimator<ITransformer> Scoring, bool CanSave) Scoring(IRatingPredictor model, IdReader userIds, IdReader movieIds, string userColumn, string movieColumn)
    {
        var form = OnnxForm(model);
        if (form is null)
        {
            // No ONNX form (the k-NN models read the training ratings at query time): score in this process, no save.
            var scorer = new IndexScoring(model);
            var inProcess = userIds.Map(_context, UserIndexColumn, userColumn)
                .Append(movieIds.Map(_context, MovieIndexColumn, movieColumn))
                .Append(_context.Transforms.CustomMapping<IndexScoring.Indices, ScoreMapping.Scalar>(scorer.Map, contractName: null))
                .Append(_context.Transforms.DropColumns(UserIndexColumn, MovieIndexColumn));
            return (inProcess, false);
        }

        // The id → index maps go into the graph (ONNX-ML LabelEncoder), which then reads the id columns themselves.
        var (graph, score, likes) = form.Value;
        var onnx = graph.WithRenamedValues(new Dictionary<string, string> { ["user"] = UserIndexColumn, ["movie"] = MovieIndexColumn, [score] = ScoreMapping.VectorColumnName });
        onnx = movieIds.Lookup(userIds.Lookup(onnx, UserIndexColumn, userColumn), MovieIndexColumn, movieColumn).WithColumnInputs();
        using var bytes = new MemoryStream(onnx.ToBytes(), writable: false);
        var pipeline = _context.Transforms.ApplyOnnxModel([ScoreMapping.VectorColumnName], [.. new[] { userColumn, movieColumn }.Distinct()], bytes, gpuDeviceId: null, fallbackToCpu: false)
            .Append(_context.Transforms.CustomMapping(new ScoreMapping().GetMapping(), ScoreMapping.ContractName))
            .Append(_context.Transforms.DropColumns(ScoreMapping.VectorColumnName));
        return (likes ? pipeline.Append(_context.Transforms.CustomMapping(new LikeMapping().GetMapping(), LikeMapping.ContractName)) : pipeline, true);
    }

    /// <summary>The input columns plus <c>Score</c> (Single).</summary>
    /// <param name="inputSchema">The input's schema.</param>
    /// <returns>The output schema.</returns>
    /// <exception cref="ArgumentException">A column the estimator reads is missing.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        foreach (string name in new[] { UserColumnName, MovieColumnName, LabelColumnName })
        {
            if (!inputSchema.Any(c => c.Name == name))
            {
                throw new ArgumentException($"The data has no column '{name}'.", nameof(inputSchema));
            }
        }

        // The shape of a scalar Single column named Score added to the input, as a conversion of the label gives it;
        // a like classifier adds Probability (Single) and PredictedLabel (Boolean) the same way.
        var score = _context.Transforms.Conversion.ConvertType(ScoreColumnName, LabelColumnName, DataKind.Single);
        return _trainer is BundleTrainer { Predicts: PredictionKind.LikeProbability }
            ? score.Append(_context.Transforms.Conversion.ConvertType("Probability", LabelColumnName, DataKind.Single))
                .Append(_context.Transforms.Conversion.ConvertType("PredictedLabel", LabelColumnName, DataKind.Boolean)).GetOutputSchema(inputSchema)
            : score.GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// The model as an ONNX graph reading dense user and movie indices (<c>user</c>, <c>movie</c>) and the name of its
    /// score output: the classical models' export, or a deep model's graph with its feature tables inside. Null for a
    /// model without an ONNX form (the k-NN models).
    /// </summary>
    private static (OnnxModel Graph, string ScoreOutput, bool Likes)? OnnxForm(IRatingPredictor model)
    {
        if (model is BundleModel deep)
        {
            // The bundle's feature tables move into the graph, which then reads user and movie indices alone.
            // A like classifier scores with its logit, ML.NET's margin; the library's own score is the probability.
            return deep.Predicts == PredictionKind.LikeProbability
                ? (deep.Bundle.ToIndexGraph(), LikeMlpTrainer.LogitOutput, true)
                : (deep.Bundle.ToIndexGraph(), deep.Bundle.ScoreOutput, false);
        }

        return BaselineOnnxExporter.CanExport(model) ? (BaselineOnnxExporter.Export(model), "score", false) : null;
    }

    private static bool IsKey(DataViewSchema schema, string column) => schema.GetColumnOrNull(column)?.Type is KeyDataViewType;

    /// <summary>ML.NET's MapKeyToValue of each key-typed id column into a value column of its own, or null when neither is a key.</summary>
    private EstimatorChain<ITransformer>? KeyValues(DataViewSchema schema)
    {
        EstimatorChain<ITransformer>? chain = null;
        foreach (var (column, values) in new[] { (UserColumnName, UserValueColumn), (MovieColumnName, MovieValueColumn) })
        {
            if (!IsKey(schema, column))
            {
                continue;
            }

            if (schema[column].Annotations.Schema.GetColumnOrNull("KeyValues") is null)
            {
                throw new ArgumentException($"Column '{column}' is a key without key values; key the ids with MapValueToKey, which keeps them, or pass the ids themselves.", "data");
            }

            chain = (chain ?? new EstimatorChain<ITransformer>()).Append<ITransformer>(_context.Transforms.Conversion.MapKeyToValue(values, column));
        }

        return chain;
    }

    private static DataViewSchema.Column Column(IDataView data, string name) =>
        data.Schema.GetColumnOrNull(name)
        ?? throw new ArgumentException($"The data has no column '{name}'; its columns are {string.Join(", ", data.Schema.Select(c => c.Name))}.", nameof(data));

    /// <summary>Reads the three columns in one pass over the view: dense user and movie indices, and the labels.</summary>
    private (int[] Users, int[] Movies, float[] Labels, IdReader UserIds, IdReader MovieIds) Read(IDataView data, string userColumn, string movieColumn)
    {
        var user = Column(data, userColumn);
        var movie = Column(data, movieColumn);
        var label = Column(data, LabelColumnName);
        using var cursor = data.GetRowCursor([user, movie, label]);
        var userIds = IdReader.Create(cursor, user, _dataset?.UserIds, _dataset?.Name);
        var movieIds = IdReader.Create(cursor, movie, _dataset?.MovieIds, _dataset?.Name);
        var labelOf = LabelReader(cursor, label);
        List<int> users = [], movies = [];
        List<float> labels = [];
        var rowOfPair = new Dictionary<(int, int), long>();
        while (cursor.MoveNext())
        {
            long row = cursor.Position + 1;
            int u = userIds.Next(row), m = movieIds.Next(row);
            float value = labelOf();
            if (LabelProblem(value) is { } problem)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column '{label.Name}' holds {value} in row {row}; {problem}."), nameof(data));
            }

            // The file loaders' rule: one rating per (user, movie) pair; a pair rated twice would count twice in training.
            if (!rowOfPair.TryAdd((u, m), row))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Rows {rowOfPair[(u, m)]} and {row} both rate movie {movieIds.Last} by user {userIds.Last}; ratings hold one rating per user and movie (average the copies or keep the latest first)."), nameof(data));
            }

            users.Add(u);
            movies.Add(m);
            labels.Add(value);
        }

        if (labels.Count == 0)
        {
            throw new ArgumentException("The data has no rows to train on.", nameof(data));
        }

        return ([.. users], [.. movies], [.. labels], userIds, movieIds);
    }

    /// <summary>Why a label is refused, or <see langword="null"/>: the file loaders' rules, on the dataset's scale when there is one.</summary>
    private string? LabelProblem(float value)
    {
        if (!float.IsFinite(value))
        {
            return "ratings must be finite numbers";
        }

        if (_dataset is { } dataset)
        {
            return value >= dataset.RatingMin && value <= dataset.RatingMax
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"it is outside the scale {dataset.RatingMin}..{dataset.RatingMax} of dataset '{dataset.Name}'");
        }

        return value >= 0 ? null : "ratings are 0 or more (stars, or 1 for an interaction); shift the scale, or give the dataset whose scale it is";
    }

    private static Func<float> LabelReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type == NumberDataViewType.Single)
        {
            var getter = cursor.GetGetter<float>(column);
            float value = 0;
            return () =>
            {
                getter(ref value);
                return value;
            };
        }

        if (column.Type == NumberDataViewType.Double)
        {
            var getter = cursor.GetGetter<double>(column);
            double value = 0;
            return () =>
            {
                getter(ref value);
                return (float)value;
            };
        }

        throw new ArgumentException($"Column '{column.Name}' is {column.Type}; the label is Single or Double.", nameof(column));
    }

    /// <summary>Scores dense user and movie indices with a model held in memory.</summary>
    private sealed class IndexScoring(IRatingPredictor model)
    {
        public void Map(Indices input, ScoreMapping.Scalar output) => output.Score = model.Predict((int)input.User, (int)input.Movie);

        public sealed class Indices
        {
            [ColumnName(UserIndexColumn)]
            public long User { get; set; }

            [ColumnName(MovieIndexColumn)]
            public long Movie { get; set; }
        }
    }
}
