using Microsoft.ML;
using Microsoft.ML.Data;

namespace MovieRec.MLNet;

/// <summary>
/// The transformer of a model without an ONNX form (the k-NN models, the content models, the blends, ML.NET's own
/// classifiers as like/dislike models): it scores in this process like any other, and a save is refused with the
/// reason instead of ML.NET's message about a mapping without a contract name.
/// </summary>
internal sealed class InProcessTransformer(ITransformer inner, string modelName) : ITransformer
{
    public bool IsRowToRowMapper => inner.IsRowToRowMapper;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inner.GetOutputSchema(inputSchema);

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => inner.GetRowToRowMapper(inputSchema);

    public IDataView Transform(IDataView input) => inner.Transform(input);

    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        throw new NotSupportedException($"Model '{modelName}' has no ONNX form (it scores with the trained MovieRec model in this process), so ML.NET cannot save it; train it again where it is needed, or save a model that has one (mf, als, ials, the deep models).");
}
