namespace MovieRec.Onnx.Models;

/// <summary>Defaults of <see cref="RatingCnnOptions"/>: the LSTM-CNN and text-CNN papers' settings.</summary>
public static class RatingCnnDefaults
{
    /// <summary>User-id and movie-id embedding size: 32.</summary>
    public const int IdEmbeddingSize = 32;

    /// <summary>Gender, age-group and occupation embedding size: 16.</summary>
    public const int SideEmbeddingSize = 16;

    /// <summary>Width of the dense layer after each embedding: 32.</summary>
    public const int FeatureSize = 32;

    /// <summary>Genre embedding size: 32.</summary>
    public const int GenreEmbeddingSize = 32;

    /// <summary>Title word embedding size: 32.</summary>
    public const int WordEmbeddingSize = 32;

    /// <summary>LSTM hidden size (LSTM-CNN only): 32.</summary>
    public const int LstmHiddenSize = 32;

    /// <summary>Text-convolution filters per window: 8 (4 windows × 8 = 32 text features).</summary>
    public const int FiltersPerWindow = 8;

    /// <summary>Dropout keep probability on the pooled text features: 0.5.</summary>
    public const double DropoutKeep = 0.5;

    /// <summary>Size of the user and movie vectors: 200.</summary>
    public const int VectorSize = 200;

    /// <summary>Adam learning rate: 1e-4.</summary>
    public const double LearningRate = 1e-4;

    /// <summary>Batch size: 256.</summary>
    public const int BatchSize = 256;

    /// <summary>Epochs: 5.</summary>
    public const int Epochs = 5;

    /// <summary>Weight decay (L2 coefficient added to the gradient): 0.</summary>
    public const double WeightDecay = 0;

    /// <summary>Fraction of the training ratings held out for validation: 0 (none, as in the papers).</summary>
    public const double ValidationFraction = 0;

    /// <summary>Early-stopping patience in epochs: 0 (off).</summary>
    public const int Patience = 0;

    /// <summary>Seed of the initial weights, shuffling, dropout and validation slice: 1.</summary>
    public const int Seed = 1;

    /// <summary>
    /// ONNX Runtime intra-op threads for training: 1. The models' operations are small, and with
    /// more threads ONNX Runtime's workers spin between them; on a 2-core machine shared with
    /// other work one thread trained 2–3× faster than ONNX Runtime's default (measured on ML-100K).
    /// </summary>
    public const int IntraOpThreads = 1;

    /// <summary>
    /// The tuned settings (found on a validation slice of ML-100K's training ratings): bias
    /// terms on, learning rate 1e-3, up to 30 epochs with early stopping (5 % validation slice,
    /// patience 3, best weights kept), weight decay 1e-4; everything else as in the papers.
    /// </summary>
    /// <param name="variant">LSTM-CNN or text-CNN.</param>
    /// <returns>The options.</returns>
    public static RatingCnnOptions Tuned(RatingCnnVariant variant) => new()
    {
        Variant = variant,
        UseBiases = true,
        LearningRate = 1e-3,
        Epochs = 30,
        ValidationFraction = 0.05,
        Patience = 3,
        WeightDecay = 1e-4,
    };

    /// <summary>The text-convolution windows: 2, 3, 4 and 5 words.</summary>
    public static IReadOnlyList<int> Windows { get; } = [2, 3, 4, 5];
}
