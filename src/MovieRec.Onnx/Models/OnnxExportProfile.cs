namespace MovieRec.Onnx.Models;

/// <summary>The inputs an exported ONNX model takes (<see cref="ModelBundle.ToOnnx"/>, <c>movierec export --profile</c>).</summary>
public enum OnnxExportProfile
{
    /// <summary>
    /// The default: the dataset's own user and movie ids (<c>user_id</c>, <c>movie_id</c>, int64 <c>[N, 1]</c>), every
    /// feature the model reads looked up inside the graph from the bundle's tables (an id the model lacks reads the
    /// unknown row), and a new user's demographics as optional inputs. ONNX Runtime takes it directly, ML.NET's
    /// <c>ApplyOnnxModel</c> from plain Int64 columns.
    /// </summary>
    Ids,

    /// <summary>
    /// The model's own graph, for callers who encode the features themselves: dense indices and encoded feature columns
    /// as the bundle's tables hold them, each one-value input as int64 <c>[N]</c>.
    /// </summary>
    Indices,

    /// <summary>As <see cref="Indices"/>, with every one-value input taking <c>[N, 1]</c>, the shape ML.NET feeds a scalar column with.</summary>
    IndicesColumns,
}
