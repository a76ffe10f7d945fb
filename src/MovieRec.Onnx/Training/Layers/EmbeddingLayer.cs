using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Training.Layers;

/// <summary>
/// An embedding table [count, dimension]: maps Int64 ids to learned vectors (Gather). Its
/// gradient is a ScatterND with reduction 'add', so ids repeated in a batch accumulate.
/// </summary>
public sealed class EmbeddingLayer
{
    private EmbeddingLayer(ModelGraph graph, GraphTensor table, long count, long dimension)
    {
        Graph = graph;
        Table = table;
        Count = count;
        Dimension = dimension;
    }

    /// <summary>Gets the table parameter [count, dimension].</summary>
    public GraphTensor Table { get; }

    /// <summary>Gets the number of rows (vocabulary size, index 0 included).</summary>
    public long Count { get; }

    /// <summary>Gets the vector length.</summary>
    public long Dimension { get; }

    private ModelGraph Graph { get; }

    /// <summary>Adds an embedding table to a graph.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="name">Parameter name (unique in the graph).</param>
    /// <param name="count">Number of ids, at least 1 (ids must lie in [0, count)).</param>
    /// <param name="dimension">Vector length, at least 1.</param>
    /// <param name="init">Initializer; default Normal(0, 0.1).</param>
    /// <returns>The layer.</returns>
    public static EmbeddingLayer Create(ModelGraph graph, string name, long count, long dimension, ParameterInit? init = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var table = graph.Parameter(name, init ?? ParameterInit.Normal(0.1), count, dimension);
        return new EmbeddingLayer(graph, table, count, dimension);
    }

    /// <summary>
    /// λ · the batch mean of the squared norms of looked-up vectors, one term per lookup: only the rows in the batch
    /// are regularised, so rarely seen ids are not shrunk every step (the per-example L2 of matrix factorisation).
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="lookedUp">Looked-up vectors, each [N, dimension].</param>
    /// <param name="lambda">The weight λ, above 0.</param>
    /// <returns>The scalar penalty to add to a loss.</returns>
    public static GraphTensor L2Penalty(ModelGraph graph, IEnumerable<GraphTensor> lookedUp, double lambda)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(lookedUp);
        GraphTensor? total = null;
        foreach (var e in lookedUp)
        {
            var term = graph.Mul(graph.Scalar(lambda), graph.ReduceMean(graph.ReduceSum(graph.Mul(e, e), [1]), []));
            total = total is null ? term : graph.Add(total, term);
        }

        return total ?? throw new ArgumentException("No looked-up vectors were given.", nameof(lookedUp));
    }

    /// <summary>Looks up the vectors of some ids, id 0 (padding, unknown) giving zeros whatever its table row holds.</summary>
    /// <param name="ids">Int64 ids of any shape S.</param>
    /// <returns>Vectors of shape S + [dimension].</returns>
    public GraphTensor ApplyMasked(GraphTensor ids)
    {
        var vectors = Apply(ids);
        var known = Graph.Cast(Graph.Greater(Graph.Cast(ids, OnnxElementType.Float), Graph.Scalar(0.5)), OnnxElementType.Float);
        return Graph.Mul(vectors, Graph.Unsqueeze(known, ids.Rank));
    }

    /// <summary>Looks up the vectors of some ids.</summary>
    /// <param name="ids">Int64 ids of any shape S.</param>
    /// <returns>Vectors of shape S + [dimension].</returns>
    public GraphTensor Apply(GraphTensor ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.ElementType != OnnxElementType.Int64)
        {
            throw new ArgumentException($"Embedding '{Table.Name}': ids '{ids.Name}' are {ids.ElementType}{GraphTensor.FormatShape(ids.Shape)}; Int64 is expected.", nameof(ids));
        }

        return Graph.Gather(Table, ids);
    }
}
