namespace MovieRec.Onnx.Models.Ncf;

/// <summary>Update rule for training an NCF model (or fine-tuning a pre-trained NeuMF).</summary>
public enum NcfOptimizerKind
{
    /// <summary>Adam (Kingma and Ba, 2015).</summary>
    Adam,

    /// <summary>Plain stochastic gradient descent, as the NCF paper uses to fine-tune a pre-trained NeuMF.</summary>
    Sgd,
}
