using System.Globalization;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Protos;

namespace MovieRec.Onnx.Models;

/// <summary>The bundle's model as self-contained ONNX graphs for other runtimes.</summary>
public sealed partial class ModelBundle
{
    /// <summary>The user id input of the <see cref="OnnxExportProfile.Ids"/> graph.</summary>
    public const string UserIdInput = "user_id";

    /// <summary>The movie id input of the <see cref="OnnxExportProfile.Ids"/> graph.</summary>
    public const string MovieIdInput = "movie_id";

    /// <summary>
    /// The value of an optional input of the <see cref="OnnxExportProfile.Ids"/> graph that means "not given": the user's
    /// own value (from the bundle's table) is read instead.
    /// </summary>
    public const long NotGiven = -1;

    /// <summary>The model as one ONNX graph with the inputs <paramref name="profile"/> names (see <c>onnx/README.md</c>).</summary>
    /// <param name="profile">The inputs: the dataset's ids (default), or the model's own dense indices and feature columns.</param>
    /// <returns>The graph; metadata <c>movierec.profile</c> names the profile.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="profile"/> is not a defined profile.</exception>
    public OnnxModel ToOnnx(OnnxExportProfile profile = OnnxExportProfile.Ids) => profile switch
    {
        OnnxExportProfile.Ids => RawIdGraph(),
        OnnxExportProfile.Indices => Model.WithMetadata(OnnxModel.ProfileKey, "indices"),
        OnnxExportProfile.IndicesColumns => Model.WithColumnInputs(),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Expected Ids, Indices or IndicesColumns."),
    };

    /// <summary>
    /// The model as one ONNX graph that reads dense indices alone: inputs <c>user</c> and <c>movie</c>, int64 [N]
    /// (0 = unknown), looked up in the bundle's feature tables (now initializers of the graph) and fed to the model's
    /// own inputs, so a runtime that knows nothing of the feature schema scores known users and movies exactly as
    /// <see cref="BundleModel"/> does. The outputs are the model's. Indices at or beyond the tables' rows are
    /// refused by ONNX Runtime: map unknown ids to 0 first. <c>mlContext.MovieRec()</c>'s estimators put their own
    /// id lookups in front of it (<see cref="OnnxModel.WithIdLookup(string, string, OnnxElementType, IReadOnlyList{long}, IReadOnlyList{long})"/>).
    /// </summary>
    /// <returns>The graph.</returns>
    public OnnxModel ToIndexGraph() => new(IndexGraph(optionalUserColumns: false));

    /// <summary>
    /// The <see cref="OnnxExportProfile.Ids"/> graph: the index graph with the catalogue's raw id → index tables in front
    /// (ONNX-ML LabelEncoder; an id it lacks reads index 0) and every input taking [N, 1].
    /// </summary>
    private OnnxModel RawIdGraph()
    {
        var graph = new OnnxModel(IndexGraph(optionalUserColumns: true));
        var (userKeys, userIndices) = IdTable(Dataset.UserIds);
        var (movieKeys, movieIndices) = IdTable(Dataset.MovieIds);
        graph = graph.WithIdLookup("user", UserIdInput, OnnxElementType.Int64, userKeys, userIndices)
            .WithIdLookup("movie", MovieIdInput, OnnxElementType.Int64, movieKeys, movieIndices)
            .WithColumnInputs()
            .WithMetadata(OnnxModel.ProfileKey, "ids");
        string optional = string.Concat(OptionalUserColumns().Select(i => string.Create(CultureInfo.InvariantCulture, $",{i.Name}:int64[N,1]={NotGiven}")));
        return graph.WithMetadata("movierec.inputs", $"{UserIdInput}:int64[N,1],{MovieIdInput}:int64[N,1]{optional}");
    }

    /// <summary>The raw id → index table of one side: every index but 0 (the unknown row, whose raw id means nothing).</summary>
    private static (long[] Keys, long[] Indices) IdTable(IReadOnlyList<long> rawIds)
    {
        var keys = new long[Math.Max(0, rawIds.Count - 1)];
        var indices = new long[keys.Length];
        for (int i = 1; i < rawIds.Count; i++)
        {
            keys[i - 1] = rawIds[i];
            indices[i - 1] = i;
        }

        return (keys, indices);
    }

    /// <summary>The user-side one-column inputs besides the id (a new user's demographics), which a caller may give.</summary>
    private IEnumerable<FeatureInput> OptionalUserColumns() => Inputs.Where(i => i.Side == FeatureSide.User && i.Width == 1 && i.Offset > 0);

    /// <summary>
    /// The model's graph with its feature inputs read from the bundle's tables by the inputs <c>user</c> and
    /// <c>movie</c>. With <paramref name="optionalUserColumns"/>, each of <see cref="OptionalUserColumns"/> is also an
    /// optional input of its own name, int64 [N, 1] defaulting to <see cref="NotGiven"/>: a value of 0 or more replaces
    /// the table's (a new user's gender, age group or occupation).
    /// </summary>
    private ModelProto IndexGraph(bool optionalUserColumns)
    {
        var copy = Model.Proto.Clone();
        var graph = copy.Graph;
        const string ColumnAxis = "feature_column_axis";
        const string Flat = "feature_flat_shape";
        graph.Initializer.Add(OnnxTensorData.FromInt64s([1], 1).ToProto(ColumnAxis));
        var nodes = new List<NodeProto>();
        var optional = optionalUserColumns ? OptionalUserColumns().ToList() : [];
        if (optional.Count > 0)
        {
            graph.Initializer.Add(OnnxTensorData.FromInt64s([-1], 1).ToProto(Flat));
        }

        foreach (var (side, table, width, index) in new[] { (FeatureSide.User, UserFeatures, UserFeatureWidth, "user"), (FeatureSide.Movie, MovieFeatures, MovieFeatureWidth, "movie") })
        {
            string tableName = index + ".feature_table";
            string rows = index + ".feature_rows";
            graph.Initializer.Add(OnnxTensorData.FromInt64s(table, table.Length / width, width).ToProto(tableName));
            nodes.Add(new NodeProto { Name = rows, OpType = "Gather", Input = { tableName, index }, Output = { rows }, Attribute = { OnnxAttribute.Int("axis", 0).Proto } });
            foreach (var input in Inputs.Where(i => i.Side == side))
            {
                // The input's columns of the looked-up rows, [N, width], or [N] for one column.
                string value = input.Name + ".from_table";
                string starts = value + ".starts", ends = value + ".ends";
                graph.Initializer.Add(OnnxTensorData.FromInt64s([input.Offset], 1).ToProto(starts));
                graph.Initializer.Add(OnnxTensorData.FromInt64s([input.Offset + input.Width], 1).ToProto(ends));
                string sliced = input.Width == 1 ? value + ".column" : value;
                nodes.Add(new NodeProto { Name = sliced, OpType = "Slice", Input = { rows, starts, ends, ColumnAxis }, Output = { sliced } });
                if (input.Width == 1)
                {
                    nodes.Add(new NodeProto { Name = value, OpType = "Squeeze", Input = { sliced, ColumnAxis }, Output = { value } });
                }

                if (optional.Contains(input))
                {
                    // A given value (0 or more) replaces the table's; the default, NotGiven, keeps it.
                    string given = input.Name + ".given", absent = input.Name + ".absent", chosen = input.Name + ".value", zero = input.Name + ".zero";
                    graph.Initializer.Add(OnnxTensorData.FromInt64s([0], 1).ToProto(zero));
                    nodes.Add(new NodeProto { Name = given, OpType = "Reshape", Input = { input.Name, Flat }, Output = { given } });
                    nodes.Add(new NodeProto { Name = absent, OpType = "Less", Input = { given, zero }, Output = { absent } });
                    nodes.Add(new NodeProto { Name = chosen, OpType = "Where", Input = { absent, value, given }, Output = { chosen } });
                    value = chosen;
                }

                // Only the model's own nodes are rewired, before the lookups join them: the Gathers read the new inputs.
                OnnxModel.ReadInstead(graph, input.Name, value);
            }
        }

        var kept = graph.Input.Where(i => !Inputs.Any(f => f.Name == i.Name)).ToList();
        graph.Input.Clear();
        foreach (string index in new[] { "user", "movie" })
        {
            graph.Input.Add(Int64Input(index, new TensorShapeProto.Types.Dimension { DimParam = "N" }));
        }

        foreach (var input in optional)
        {
            graph.Input.Add(Int64Input(input.Name, new TensorShapeProto.Types.Dimension { DimParam = "N" }, new TensorShapeProto.Types.Dimension { DimValue = 1 }));
            graph.Initializer.Add(OnnxTensorData.FromInt64s([NotGiven], 1, 1).ToProto(input.Name));
        }

        graph.Input.AddRange(kept);
        OnnxModel.Prepend(graph, nodes);
        return copy;
    }

    private static ValueInfoProto Int64Input(string name, params TensorShapeProto.Types.Dimension[] dims) => new()
    {
        Name = name,
        Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)OnnxElementType.Int64, Shape = new TensorShapeProto { Dim = { dims } } } },
    };
}
