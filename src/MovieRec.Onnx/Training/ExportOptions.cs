namespace MovieRec.Onnx.Training;

/// <summary>What an exported model says about itself (stored as ONNX metadata properties).</summary>
public sealed record ExportOptions
{
    /// <summary>Gets the model kind (for example <c>neumf</c>, <c>lstm-cnn</c>), stored as <c>movierec.model_kind</c>; default the graph name.</summary>
    public string? ModelKind { get; init; }

    /// <summary>Gets the vocabulary sizes by feature (users, movies, words...), stored as <c>movierec.vocab.NAME</c>.</summary>
    public IReadOnlyDictionary<string, long> VocabularySizes { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Gets a description of the feature contract (how ids are mapped, padding, value ranges),
    /// stored as <c>movierec.feature_contract</c>. The inputs and outputs (names, types, shapes)
    /// are always stored as <c>movierec.inputs</c> and <c>movierec.outputs</c>.
    /// </summary>
    public string? FeatureContract { get; init; }

    /// <summary>
    /// Gets a value indicating whether each unrolled <see cref="Layers.LstmLayer"/> is replaced by
    /// one ONNX <c>LSTM</c> node (smaller, faster model); default false (the exported graph is the
    /// training graph's forward pass, operation for operation).
    /// </summary>
    /// <remarks>
    /// The fused node takes sequence lengths, so it equals the unrolled layer (up to rounding) when
    /// every mask row is a prefix of ones followed by zeros (right padding), the layout the
    /// feature encoders produce.
    /// </remarks>
    public bool FuseLstm { get; init; }

    /// <summary>Gets further metadata entries, stored as given.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
