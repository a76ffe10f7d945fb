namespace MovieRec.Onnx.Models.Ncf;

/// <summary>What an NCF model learns from the ratings.</summary>
public enum NcfTask
{
    /// <summary>
    /// Implicit feedback (the NCF paper's setting): every rating is an interaction labelled 1, movies the
    /// user never rated are sampled as negatives labelled 0, and the model minimises binary cross-entropy
    /// on logits. Predictions are ranking scores (logits), not ratings.
    /// </summary>
    Implicit,

    /// <summary>
    /// Explicit ratings: regression on ratings scaled linearly to [-1, 1] with mean squared error;
    /// predictions are mapped back to the rating scale and clamped to the range seen in training.
    /// </summary>
    Rating,
}
