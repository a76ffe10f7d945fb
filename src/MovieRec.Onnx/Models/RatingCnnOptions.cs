using MovieRec.Features;
using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models;

/// <summary>Settings of the LSTM-CNN and text-CNN rating models; defaults follow the papers (<see cref="RatingCnnDefaults"/>).</summary>
/// <remarks>
/// The papers' settings (lr 1e-4, 5 epochs, no bias terms, no validation) under-fit on the
/// smaller ML-100K. What helps most there: <see cref="UseBiases"/> (global mean + user and
/// movie biases, so the towers model only the interaction), a larger learning rate (1e-3),
/// more epochs with <see cref="ValidationFraction"/> and <see cref="Patience"/> for early
/// stopping, and a little <see cref="WeightDecay"/>.
/// </remarks>
public sealed record RatingCnnOptions
{
    /// <summary>LSTM-CNN (default) or text-CNN.</summary>
    public RatingCnnVariant Variant { get; init; } = RatingCnnVariant.LstmCnn;

    /// <summary>User-id and movie-id embedding size; default 32.</summary>
    public int IdEmbeddingSize { get; init; } = RatingCnnDefaults.IdEmbeddingSize;

    /// <summary>Gender, age-group and occupation embedding size; default 16.</summary>
    public int SideEmbeddingSize { get; init; } = RatingCnnDefaults.SideEmbeddingSize;

    /// <summary>Width of the ReLU dense layer after each embedding; default 32.</summary>
    public int FeatureSize { get; init; } = RatingCnnDefaults.FeatureSize;

    /// <summary>Genre embedding size (summed over the movie's genres, padding masked out); default 32.</summary>
    public int GenreEmbeddingSize { get; init; } = RatingCnnDefaults.GenreEmbeddingSize;

    /// <summary>Title word embedding size; default 32.</summary>
    public int WordEmbeddingSize { get; init; } = RatingCnnDefaults.WordEmbeddingSize;

    /// <summary>LSTM hidden size (LSTM-CNN only); default 32.</summary>
    public int LstmHiddenSize { get; init; } = RatingCnnDefaults.LstmHiddenSize;

    /// <summary>Text-convolution window sizes in words; default 2, 3, 4, 5. Each must be at most <see cref="TitleLength"/>.</summary>
    public IReadOnlyList<int> Windows { get; init; } = RatingCnnDefaults.Windows;

    /// <summary>Filters per window; default 8.</summary>
    public int FiltersPerWindow { get; init; } = RatingCnnDefaults.FiltersPerWindow;

    /// <summary>Dropout keep probability on the pooled text features, in (0, 1]; default 0.5 (1 = no dropout).</summary>
    public double DropoutKeep { get; init; } = RatingCnnDefaults.DropoutKeep;

    /// <summary>Size of the user and movie vectors (tanh outputs of the towers); default 200.</summary>
    public int VectorSize { get; init; } = RatingCnnDefaults.VectorSize;

    /// <summary>Rating head; default <see cref="RatingHead.Dot"/>.</summary>
    public RatingHead Head { get; init; } = RatingHead.Dot;

    /// <summary>Add the training mean plus a learned bias per user and per movie to the score; default off (as in the papers).</summary>
    public bool UseBiases { get; init; }

    /// <summary>Adam learning rate, greater than 0; default 1e-4.</summary>
    public double LearningRate { get; init; } = RatingCnnDefaults.LearningRate;

    /// <summary>Ratings per optimizer step; default 256.</summary>
    public int BatchSize { get; init; } = RatingCnnDefaults.BatchSize;

    /// <summary>Maximum epochs; default 5.</summary>
    public int Epochs { get; init; } = RatingCnnDefaults.Epochs;

    /// <summary>Adam weight decay (L2 coefficient added to every parameter's gradient), 0 or more; default 0.</summary>
    public double WeightDecay { get; init; } = RatingCnnDefaults.WeightDecay;

    /// <summary>Fraction of the training ratings held out (seeded) to validate after each epoch, in [0, 0.5]; default 0.</summary>
    public double ValidationFraction { get; init; } = RatingCnnDefaults.ValidationFraction;

    /// <summary>Stop after this many epochs without a better validation loss and keep the best weights; 0 = off (default). Needs <see cref="ValidationFraction"/> &gt; 0.</summary>
    public int Patience { get; init; } = RatingCnnDefaults.Patience;

    /// <summary>Seed of initial weights, shuffling, dropout masks and the validation slice; default 1.</summary>
    public int Seed { get; init; } = RatingCnnDefaults.Seed;

    /// <summary>Genre slots per movie; default 18.</summary>
    public int GenreLength { get; init; } = FeatureDefaults.GenreLength;

    /// <summary>Title word slots per movie; default 15.</summary>
    public int TitleLength { get; init; } = FeatureDefaults.TitleLength;

    /// <summary>ONNX Runtime intra-op threads for training; 0 = ONNX Runtime's choice; default 1 (see <see cref="RatingCnnDefaults.IntraOpThreads"/>).</summary>
    public int IntraOpThreads { get; init; } = RatingCnnDefaults.IntraOpThreads;

    /// <summary>Device for training and scoring; default <see cref="ExecutionDevice.Auto"/> (CUDA when it can be started, otherwise the CPU).</summary>
    public ExecutionDevice Device { get; init; } = TrainingDefaults.Device;

    /// <summary>The model name: <c>lstm-cnn</c> or <c>text-cnn</c>.</summary>
    public string ModelName => Variant == RatingCnnVariant.LstmCnn ? "lstm-cnn" : "text-cnn";
}
