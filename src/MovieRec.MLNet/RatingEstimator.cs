using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Onnx.Export;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Models;

namespace MovieRec.MLNet;

/// <summary>
/// Trains a MovieRec recommender on an <see cref="IDataView"/> and returns an ML.NET transformer that adds the
/// <c>Score</c> column (Single): the predicted rating, or a ranking score for implicit-feedback models. Create it
/// with <see cref="MovieRecCatalog"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Fit"/> reads the three columns once into MovieRec's columnar ratings table, giving each distinct user
/// and movie id an index from 1 in order of appearance, trains the model, and returns a chain of ML.NET's own
/// transforms: two ValueMapping transforms (raw id → index; an id not seen in training maps to 0, the unknown user
/// or movie), the model as an ONNX graph run by ML.NET's OnnxTransformer, and <see cref="ScoreMapping"/>. So the
/// result saves and loads with <c>mlContext.Model</c> and scores without MovieRec's scoring code.
/// </para>
/// <para>Ids may be numbers (Single, Double, Int32, Int64, UInt32) or text; the label is Single or Double.</para>
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
    /// <exception cref="NotSupportedException">The trainer's model has no ONNX form that reads ids alone (k-NN models, the rating CNNs).</exception>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (users, userMap) = IdColumn(input, UserColumnName, UserIndexColumn, _dataset?.UserIds);
        var (movies, movieMap) = IdColumn(input, MovieColumnName, MovieIndexColumn, _dataset?.MovieIds);
        float[] labels = Labels(input);
        if (labels.Length == 0)
        {
            throw new ArgumentException("The data has no rows to train on.", nameof(input));
        }

        var table = RatingsTable.CreateWithoutTimestamps(users, movies, labels);
        var (graph, score) = OnnxForm(_dataset is null ? _trainer.Fit(table) : _trainer.Fit(_dataset, table));
        var onnx = graph
            .WithRenamedValues(new Dictionary<string, string> { ["user"] = UserIndexColumn, ["movie"] = MovieIndexColumn, [score] = ScoreMapping.VectorColumnName })
            .WithColumnInputs();
        using var bytes = new MemoryStream(onnx.ToBytes(), writable: false);
        var pipeline = userMap
            .Append(movieMap)
            .Append(_context.Transforms.ApplyOnnxModel([ScoreMapping.VectorColumnName], [UserIndexColumn, MovieIndexColumn], bytes, gpuDeviceId: null, fallbackToCpu: false))
            .Append(_context.Transforms.CustomMapping(new ScoreMapping().GetMapping(), ScoreMapping.ContractName))
            .Append(_context.Transforms.DropColumns(UserIndexColumn, MovieIndexColumn, ScoreMapping.VectorColumnName));
        return pipeline.Fit(input);
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

        // The shape of a scalar Single column named Score added to the input, as a conversion of the label gives it.
        return _context.Transforms.Conversion.ConvertType(ScoreColumnName, LabelColumnName, DataKind.Single).GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// The model as an ONNX graph reading dense user and movie indices (<c>user</c>, <c>movie</c>) and the name of its
    /// score output: the classical models' export, or a deep model's graph with its feature tables inside.
    /// </summary>
    private static (OnnxModel Graph, string ScoreOutput) OnnxForm(IRatingPredictor model)
    {
        try
        {
            if (BaselineOnnxExporter.CanExport(model))
            {
                return (BaselineOnnxExporter.Export(model), "score");
            }

            if (model is DeepRatingModel deep)
            {
                // The bundle's feature tables move into the graph, which then reads user and movie indices alone.
                return (deep.Bundle.ToIdGraph(), deep.Bundle.ScoreOutput);
            }
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }

        throw new NotSupportedException($"Model '{model.Name}' has no ONNX form, which the ML.NET transformer runs; every model has one but the k-NN models (ubcf, ibcf, iknn).");
    }

    private static DataViewSchema.Column Column(IDataView data, string name) =>
        data.Schema.GetColumnOrNull(name)
        ?? throw new ArgumentException($"The data has no column '{name}'; its columns are {string.Join(", ", data.Schema.Select(c => c.Name))}.", nameof(data));

    private (int[] Indices, IEstimator<ITransformer> Map) IdColumn(IDataView data, string name, string output, IdMap? ids)
    {
        var type = Column(data, name).Type;
        return type switch
        {
            _ when type == NumberDataViewType.Single => Index<float>(data, name, output, float.IsNaN, ids, raw => raw),
            _ when type == NumberDataViewType.Double => Index<double>(data, name, output, double.IsNaN, ids, raw => raw),
            _ when type == NumberDataViewType.Int32 => Index<int>(data, name, output, _ => false, ids, raw => (int)raw),
            _ when type == NumberDataViewType.Int64 => Index<long>(data, name, output, _ => false, ids, raw => raw),
            _ when type == NumberDataViewType.UInt32 => Index<uint>(data, name, output, _ => false, ids, raw => (uint)raw),
            TextDataViewType => Index<string>(data, name, output, string.IsNullOrEmpty, ids, raw => raw.ToString(CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"Column '{name}' is {type}; ids are numbers (Single, Double, Int32, Int64, UInt32) or text. A key-typed column is mapped back to its values with MapKeyToValue first.", nameof(data)),
        };
    }

    /// <summary>
    /// Dense indices of a column's ids and the ValueMapping that gives them at scoring time: the dataset's own indices
    /// when the model reads a dataset's features (ids the dataset lacks are refused), otherwise from 1 in order of
    /// appearance. Ids unknown at scoring time map to 0.
    /// </summary>
    private (int[] Indices, IEstimator<ITransformer> Map) Index<T>(IDataView data, string name, string output, Func<T, bool> missing, IdMap? ids, Func<long, T> fromRaw)
        where T : notnull
    {
        var index = new Dictionary<T, long>();
        if (ids is not null)
        {
            for (int i = 1; i < ids.IndexCount; i++)
            {
                index.TryAdd(fromRaw(ids.RawIdOf(i)), i);
            }
        }

        var indices = new List<int>();
        foreach (var value in data.GetColumn<T>(name))
        {
            if (missing(value))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column '{name}' has a missing id in row {indices.Count + 1}."), nameof(data));
            }

            if (!index.TryGetValue(value, out long i))
            {
                if (ids is not null)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column '{name}' holds the id {value} in row {indices.Count + 1}, which dataset '{_dataset!.Name}' does not have."), nameof(data));
                }

                i = index.Count + 1;
                index[value] = i;
            }

            indices.Add((int)i);
        }

        var map = _context.Transforms.Conversion.MapValue(output, index.Select(p => new KeyValuePair<T, long>(p.Key, p.Value)), name);
        return ([.. indices], map);
    }

    private float[] Labels(IDataView data)
    {
        var type = Column(data, LabelColumnName).Type;
        IEnumerable<float> values = type == NumberDataViewType.Single ? data.GetColumn<float>(LabelColumnName)
            : type == NumberDataViewType.Double ? data.GetColumn<double>(LabelColumnName).Select(v => (float)v)
            : throw new ArgumentException($"Column '{LabelColumnName}' is {type}; the label is Single or Double.", nameof(data));
        var labels = new List<float>();
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Column '{LabelColumnName}' holds {value} in row {labels.Count + 1}; ratings must be finite numbers."), nameof(data));
            }

            labels.Add(value);
        }

        return [.. labels];
    }
}
