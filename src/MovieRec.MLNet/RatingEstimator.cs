using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Onnx.Export;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.LikeMlp;

namespace MovieRec.MLNet;

/// <summary>
/// Trains a MovieRec recommender on an <see cref="IDataView"/> and returns an ML.NET transformer that adds the
/// <c>Score</c> column (Single): the predicted rating, a ranking score for implicit-feedback models, or for a
/// like/dislike classifier the logit of a like, as ML.NET's binary classifiers score, with <c>Probability</c> and
/// <c>PredictedLabel</c> beside it (see <see cref="LikeMapping"/>). Create it
/// with <see cref="MovieRecCatalog"/>.
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
/// <para>Ids may be numbers (Single, Double, Int32, Int64, UInt32) or text; the label is Single or Double.</para>
/// <para>
/// The k-NN models (ubcf, ibcf, iknn) have no ONNX form: they predict from the training ratings at query time; nor do
/// the content models, the blends and ML.NET's classifiers used as like/dislike models. Their transformer scores in
/// this process (Transform, Evaluate, PredictionEngine) with the trained MovieRec model, and
/// <c>mlContext.Model.Save</c> refuses it, saying so (ML.NET has created the file by then: save to a new path).
/// </para>
/// </remarks>
public sealed class RatingEstimator : IEstimator<ITransformer>
{
    private const string UserIndexColumn = "MovieRec.UserIndex";
    private const string MovieIndexColumn = "MovieRec.MovieIndex";

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

    /// <summary>Trains the model on <paramref name="input"/>.</summary>
    /// <param name="input">Rows with the user, movie and label columns; at least one.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ArgumentException">A column is missing, of an unsupported type, or holds a missing value (the message names it and the row).</exception>
    public ITransformer Fit(IDataView input) =>
        Fit(input, table => _dataset is null ? _trainer.Fit(table) : _trainer.Fit(_dataset, table));

    /// <summary>
    /// Trains a model that chooses its epochs on validation ratings (the rating CNNs and the like/dislike MLP) on all of
    /// <paramref name="input"/>, choosing the epochs on <paramref name="validation"/> instead of a slice of the training
    /// rows (<c>Training.Patience</c> above 0 stops early and keeps the best epoch).
    /// </summary>
    /// <param name="input">The training rows.</param>
    /// <param name="validation">The validation rows, with the same columns; ids the dataset lacks are refused.</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ArgumentException">A column is missing, of an unsupported type, or holds a missing value (the message names it and the row).</exception>
    /// <exception cref="NotSupportedException">The model does not choose epochs on validation ratings (the message names the ones that do).</exception>
    public ITransformer Fit(IDataView input, IDataView validation)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(validation);
        if (_dataset is null || _trainer is not DeepRatingTrainer { TakesValidationRatings: true } deep)
        {
            throw new NotSupportedException($"Model '{ModelName}' does not choose its epochs on validation ratings, so it has no Fit(train, validation); call Fit(train). The models that do are the rating CNNs and the like/dislike MLP, with the dataset they read.");
        }

        var (users, movies, labels, _, _) = Read(validation);
        var held = RatingsTable.CreateWithoutTimestamps(users, movies, labels);
        return Fit(input, table => deep.Fit(_dataset, table, held));
    }

    private ITransformer Fit(IDataView input, Func<RatingsTable, IRatingPredictor> train)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (users, movies, labels, userIds, movieIds) = Read(input);
        var model = train(RatingsTable.CreateWithoutTimestamps(users, movies, labels));
        var form = OnnxForm(model);
        if (form is null)
        {
            // No ONNX form (the k-NN models read the training ratings at query time): score in this process, no save.
            var scorer = new IndexScoring(model);
            var inProcess = userIds.Map(_context, UserIndexColumn, UserColumnName)
                .Append(movieIds.Map(_context, MovieIndexColumn, MovieColumnName))
                .Append(_context.Transforms.CustomMapping<IndexScoring.Indices, ScoreMapping.Scalar>(scorer.Map, contractName: null))
                .Append(_context.Transforms.DropColumns(UserIndexColumn, MovieIndexColumn));
            return new InProcessTransformer(inProcess.Fit(input), model.Name);
        }

        // The id → index maps go into the graph (ONNX-ML LabelEncoder), which then reads the id columns themselves.
        var (graph, score, likes) = form.Value;
        var onnx = graph.WithRenamedValues(new Dictionary<string, string> { ["user"] = UserIndexColumn, ["movie"] = MovieIndexColumn, [score] = ScoreMapping.VectorColumnName });
        onnx = movieIds.Lookup(userIds.Lookup(onnx, UserIndexColumn, UserColumnName), MovieIndexColumn, MovieColumnName).WithColumnInputs();
        using var bytes = new MemoryStream(onnx.ToBytes(), writable: false);
        var pipeline = _context.Transforms.ApplyOnnxModel([ScoreMapping.VectorColumnName], [.. new[] { UserColumnName, MovieColumnName }.Distinct()], bytes, gpuDeviceId: null, fallbackToCpu: false)
            .Append(_context.Transforms.CustomMapping(new ScoreMapping().GetMapping(), ScoreMapping.ContractName))
            .Append(_context.Transforms.DropColumns(ScoreMapping.VectorColumnName));
        return likes
            ? pipeline.Append(_context.Transforms.CustomMapping(new LikeMapping().GetMapping(), LikeMapping.ContractName)).Fit(input)
            : pipeline.Fit(input);
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
        return _trainer is DeepRatingTrainer { PredictsLikeProbability: true }
            ? score.Append(_context.Transforms.Conversion.ConvertType("Probability", LabelColumnName, DataKind.Single))
                .Append(_context.Transforms.Conversion.ConvertType("PredictedLabel", LabelColumnName, DataKind.Boolean)).GetOutputSchema(inputSchema)
            : score.GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// The model as an ONNX graph reading dense user and movie indices (<c>user</c>, <c>movie</c>) and the name of its
    /// score output: the classical models' export, or a deep model's graph with its feature tables inside. Null for a
    /// model without an ONNX form (the k-NN models), which is kept; any other model is disposed.
    /// </summary>
    private static (OnnxModel Graph, string ScoreOutput, bool Likes)? OnnxForm(IRatingPredictor model)
    {
        if (!BaselineOnnxExporter.CanExport(model) && model is not DeepRatingModel)
        {
            return null;
        }

        try
        {
            if (model is DeepRatingModel deep)
            {
                // The bundle's feature tables move into the graph, which then reads user and movie indices alone.
                // A like classifier scores with its logit, ML.NET's margin; the library's own score is the probability.
                return deep.PredictsLikeProbability
                    ? (deep.Bundle.ToIdGraph(), LikeMlpTrainer.LogitOutput, true)
                    : (deep.Bundle.ToIdGraph(), deep.Bundle.ScoreOutput, false);
            }

            return (BaselineOnnxExporter.Export(model), "score", false);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static DataViewSchema.Column Column(IDataView data, string name) =>
        data.Schema.GetColumnOrNull(name)
        ?? throw new ArgumentException($"The data has no column '{name}'; its columns are {string.Join(", ", data.Schema.Select(c => c.Name))}.", nameof(data));

    /// <summary>Reads the three columns in one pass over the view: dense user and movie indices, and the labels.</summary>
    private (int[] Users, int[] Movies, float[] Labels, IdReader UserIds, IdReader MovieIds) Read(IDataView data)
    {
        var user = Column(data, UserColumnName);
        var movie = Column(data, MovieColumnName);
        var label = Column(data, LabelColumnName);
        using var cursor = data.GetRowCursor([user, movie, label]);
        var userIds = IdReader.Create(cursor, user, _dataset?.UserIds, _dataset?.Name);
        var movieIds = IdReader.Create(cursor, movie, _dataset?.MovieIds, _dataset?.Name);
        var labelOf = LabelReader(cursor, label);
        List<int> users = [], movies = [];
        List<float> labels = [];
        while (cursor.MoveNext())
        {
            long row = cursor.Position + 1;
            users.Add(userIds.Next(row));
            movies.Add(movieIds.Next(row));
            float value = labelOf();
            if (!float.IsFinite(value))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column '{label.Name}' holds {value} in row {row}; ratings must be finite numbers."), nameof(data));
            }

            labels.Add(value);
        }

        if (labels.Count == 0)
        {
            throw new ArgumentException("The data has no rows to train on.", nameof(data));
        }

        return ([.. users], [.. movies], [.. labels], userIds, movieIds);
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

    /// <summary>
    /// Gives each id of a column its dense index as rows are read, and afterwards the lookup that gives the same index at
    /// scoring time, inside the ONNX graph or as a ValueMapping for the models scored in process (ids unknown then map to 0). With a dataset the indices are the dataset's own and ids it
    /// lacks are refused; otherwise they count from 1 in order of appearance.
    /// </summary>
    private abstract class IdReader
    {
        public abstract int Next(long row);

        public abstract IEstimator<ITransformer> Map(MLContext context, string output, string input);

        /// <summary>The graph with its index input <paramref name="indexInput"/> read from the id column <paramref name="idColumn"/> through this map.</summary>
        public abstract OnnxModel Lookup(OnnxModel graph, string indexInput, string idColumn);

        public static IdReader Create(DataViewRowCursor cursor, DataViewSchema.Column column, IdMap? ids, string? dataset)
        {
            var type = column.Type;
            if (type is TextDataViewType)
            {
                var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
                ReadOnlyMemory<char> text = default;
                return new IdReader<string>(() => { getter(ref text); return text.ToString(); }, string.IsNullOrEmpty, raw => raw.ToString(CultureInfo.InvariantCulture), column.Name, ids, dataset);
            }

            return type switch
            {
                _ when type == NumberDataViewType.Single => Of<float>(cursor, column, float.IsNaN, raw => raw, ids, dataset),
                _ when type == NumberDataViewType.Double => Of<double>(cursor, column, double.IsNaN, raw => raw, ids, dataset),
                _ when type == NumberDataViewType.Int32 => Of<int>(cursor, column, _ => false, raw => (int)raw, ids, dataset),
                _ when type == NumberDataViewType.Int64 => Of<long>(cursor, column, _ => false, raw => raw, ids, dataset),
                _ when type == NumberDataViewType.UInt32 => Of<uint>(cursor, column, _ => false, raw => (uint)raw, ids, dataset),
                _ => throw new ArgumentException($"Column '{column.Name}' is {type}; ids are numbers (Single, Double, Int32, Int64, UInt32) or text. A key-typed column is mapped back to its values with MapKeyToValue first.", nameof(column)),
            };
        }

        private static IdReader<T> Of<T>(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, bool> missing, Func<long, T> fromRaw, IdMap? ids, string? dataset)
            where T : notnull
        {
            var getter = cursor.GetGetter<T>(column);
            T value = default!;
            return new IdReader<T>(() => { getter(ref value); return value; }, missing, fromRaw, column.Name, ids, dataset);
        }
    }

    private sealed class IdReader<T> : IdReader
        where T : notnull
    {
        private readonly Func<T> _read;
        private readonly Func<T, bool> _missing;
        private readonly string _column;
        private readonly string? _dataset;
        private readonly Dictionary<T, long> _index = [];

        public IdReader(Func<T> read, Func<T, bool> missing, Func<long, T> fromRaw, string column, IdMap? ids, string? dataset)
        {
            _read = read;
            _missing = missing;
            _column = column;
            _dataset = ids is null ? null : dataset;
            for (int i = 1; ids is not null && i < ids.IndexCount; i++)
            {
                _index.TryAdd(fromRaw(ids.RawIdOf(i)), i);
            }
        }

        public override int Next(long row)
        {
            T value = _read();
            if (_missing(value))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column '{_column}' has a missing id in row {row}."), "data");
            }

            if (!_index.TryGetValue(value, out long index))
            {
                if (_dataset is not null)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column '{_column}' holds the id {value} in row {row}, which dataset '{_dataset}' does not have."), "data");
                }

                index = _index.Count + 1;
                _index[value] = index;
            }

            return (int)index;
        }

        public override IEstimator<ITransformer> Map(MLContext context, string output, string input) =>
            context.Transforms.Conversion.MapValue(output, _index.Select(p => new KeyValuePair<T, long>(p.Key, p.Value)), input);

        public override OnnxModel Lookup(OnnxModel graph, string indexInput, string idColumn)
        {
            long[] indices = [.. _index.Values];
            return _index switch
            {
                Dictionary<float, long> ids => graph.WithIdLookup(indexInput, idColumn, [.. ids.Keys], indices),
                Dictionary<double, long> ids => graph.WithIdLookup(indexInput, idColumn, [.. ids.Keys], indices),
                Dictionary<string, long> ids => graph.WithIdLookup(indexInput, idColumn, [.. ids.Keys], indices),
                Dictionary<long, long> ids => graph.WithIdLookup(indexInput, idColumn, OnnxElementType.Int64, [.. ids.Keys], indices),
                Dictionary<int, long> ids => graph.WithIdLookup(indexInput, idColumn, OnnxElementType.Int32, [.. ids.Keys.Select(k => (long)k)], indices),
                Dictionary<uint, long> ids => graph.WithIdLookup(indexInput, idColumn, OnnxElementType.UInt32, [.. ids.Keys.Select(k => (long)k)], indices),
                _ => throw new UnreachableException($"Ids of type {typeof(T)} have no lookup."),
            };
        }
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
