namespace MovieRec.Onnx.Training.Graph;

/// <summary>What a <see cref="GraphTensor"/> is in a <see cref="ModelGraph"/>.</summary>
public enum TensorKind
{
    /// <summary>A value fed on each run (a feature column, a target).</summary>
    Input,

    /// <summary>A trainable weight with an initial value; updated by the optimizer.</summary>
    Parameter,

    /// <summary>A fixed value stored in the model.</summary>
    Constant,

    /// <summary>The result of an operation.</summary>
    Computed,
}
