namespace MovieRec.Onnx.Training.Layers;

/// <summary>The non-linearity a layer applies to its output.</summary>
public enum Activation
{
    /// <summary>None (identity).</summary>
    None,

    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>1 / (1 + e^−x).</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
}
