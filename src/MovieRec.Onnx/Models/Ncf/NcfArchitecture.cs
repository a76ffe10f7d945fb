namespace MovieRec.Onnx.Models.Ncf;

/// <summary>The three models of the Neural Collaborative Filtering family (He et al., WWW 2017).</summary>
public enum NcfArchitecture
{
    /// <summary>
    /// Generalized Matrix Factorization: ŷ = σ(hᵀ(p_u ⊙ q_i) + b), the element-wise product of a
    /// user and a movie embedding weighted by a learned output layer.
    /// </summary>
    Gmf,

    /// <summary>
    /// Multi-Layer Perceptron: the concatenated user and movie embeddings pass through a ReLU tower
    /// (by default 64-32-16-8), then a linear output unit.
    /// </summary>
    Mlp,

    /// <summary>
    /// Neural Matrix Factorization: a GMF branch and an MLP branch with separate embeddings whose last
    /// layers are concatenated into one output unit.
    /// </summary>
    NeuMF,
}
