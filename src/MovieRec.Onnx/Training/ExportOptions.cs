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

    /// <summary>Gets further metadata entries, stored as given.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
