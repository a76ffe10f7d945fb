using MovieRec.Abstractions;
using MovieRec.Features;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models.RatingCnn;

/// <summary>Settings of the LSTM-CNN and text-CNN rating models; defaults follow the papers (<see cref="Defaults"/>).</summary>
/// <remarks>
/// The papers' settings (lr 1e-4, 5 epochs, no bias terms, no validation) under-fit on the
/// smaller ML-100K. What helps most there: <see cref="UseBiases"/> (global mean + user and
/// movie biases, so the towers model only the interaction), a larger learning rate (1e-3),
/// more epochs with a validation slice and patience for early stopping, and a little
/// weight decay (all in <see cref="Training"/>; <see cref="Tuned"/> has them).
/// </remarks>
public sealed record RatingCnnOptions
{
    /// <summary>Default values of <see cref="RatingCnnOptions"/>: the LSTM-CNN and text-CNN papers' settings.</summary>
    public static class Defaults
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

        /// <summary>Dropout rate on the pooled text features: 0.5 (the papers' keep probability 0.5).</summary>
        public const double DropoutRate = 0.5;

        /// <summary>Size of the user and movie vectors: 200.</summary>
        public const int VectorSize = 200;

        /// <summary>The text-convolution windows: 2, 3, 4 and 5 words.</summary>
        public static IReadOnlyList<int> Windows { get; } = [2, 3, 4, 5];

        /// <summary>
        /// Default training: the papers' 5 epochs of Adam at learning rate 1e-4, batch 256, no weight decay,
        /// no validation slice; one ONNX Runtime thread (see <see cref="DeepTrainingOptions.Defaults.NumberOfThreads"/>).
        /// </summary>
        public static DeepTrainingOptions Training { get; } = new() { Epochs = 5, LearningRate = 1e-4, BatchSize = 256 };
    }

    /// <summary>
    /// The tuned settings: bias terms on, learning rate 1e-3, up to 30 epochs with early stopping (5 % validation slice,
    /// patience 3, best weights kept), weight decay 1e-3; everything else as in the papers. Weight decay, dropout rate
    /// and learning rate were chosen, for both variants alike, by validation RMSE on ML-100K's random 80/20 split, seeds
    /// 1–3, each seed's validation split carved from its training part (no test rating read):
    /// <c>movierec tune --model lstm-cnn-tuned --data ml-100k --protocol random-80-20 --seeds 3</c> (and
    /// <c>text-cnn-tuned</c>); the grid is in <see cref="DeepSearchSpaces"/>, the scores are in
    /// <c>benchmarks/tuned/</c>. Bias terms, the learning-rate range and early stopping came from an earlier search.
    /// </summary>
    /// <param name="variant">LSTM-CNN or text-CNN.</param>
    /// <returns>The options.</returns>
    public static RatingCnnOptions Tuned(RatingCnnVariant variant) => new()
    {
        Variant = variant,
        UseBiases = true,
        Training = Defaults.Training with { LearningRate = 1e-3, Epochs = 30, ValidationFraction = 0.05, Patience = 3, WeightDecay = 1e-3 },
    };

    /// <summary>LSTM-CNN (default) or text-CNN.</summary>
    public RatingCnnVariant Variant { get; init; } = RatingCnnVariant.LstmCnn;

    /// <summary>User-id and movie-id embedding size; default 32.</summary>
    public int IdEmbeddingSize { get; init; } = Defaults.IdEmbeddingSize;

    /// <summary>Gender, age-group and occupation embedding size; default 16.</summary>
    public int SideEmbeddingSize { get; init; } = Defaults.SideEmbeddingSize;

    /// <summary>Width of the ReLU dense layer after each embedding; default 32.</summary>
    public int FeatureSize { get; init; } = Defaults.FeatureSize;

    /// <summary>Genre embedding size (summed over the movie's genres, padding masked out); default 32.</summary>
    public int GenreEmbeddingSize { get; init; } = Defaults.GenreEmbeddingSize;

    /// <summary>Title word embedding size; default 32.</summary>
    public int WordEmbeddingSize { get; init; } = Defaults.WordEmbeddingSize;

    /// <summary>LSTM hidden size (LSTM-CNN only); default 32.</summary>
    public int LstmHiddenSize { get; init; } = Defaults.LstmHiddenSize;

    /// <summary>Text-convolution window sizes in words; default 2, 3, 4, 5. Each must be at most <see cref="TitleLength"/>.</summary>
    public IReadOnlyList<int> Windows { get; init; } = Defaults.Windows;

    /// <summary>Filters per window; default 8.</summary>
    public int FiltersPerWindow { get; init; } = Defaults.FiltersPerWindow;

    /// <summary>Dropout rate (the share of pooled text features dropped while training), in [0, 1); default 0.5 (0 = no dropout).</summary>
    public double DropoutRate { get; init; } = Defaults.DropoutRate;

    /// <summary>Size of the user and movie vectors (tanh outputs of the towers); default 200.</summary>
    public int VectorSize { get; init; } = Defaults.VectorSize;

    /// <summary>Rating head; default <see cref="RatingHead.Dot"/>.</summary>
    public RatingHead Head { get; init; } = RatingHead.Dot;

    /// <summary>Add the training mean plus a learned bias per user and per movie to the score; default off (as in the papers).</summary>
    public bool UseBiases { get; init; }

    /// <summary>Genre slots per movie; default 18.</summary>
    public int GenreLength { get; init; } = FeatureDefaults.GenreLength;

    /// <summary>Title word slots per movie; default 15.</summary>
    public int TitleLength { get; init; } = FeatureDefaults.TitleLength;

    /// <summary>Gets how the model trains; default <see cref="Defaults.Training"/> (the papers' setting).</summary>
    public DeepTrainingOptions Training { get; init; } = Defaults.Training;

    /// <summary>Gets the name the trainer reports in comparison tables, or null (default) for <see cref="ModelName"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the model name: <c>lstm-cnn</c> or <c>text-cnn</c>.</summary>
    public string ModelName => Variant == RatingCnnVariant.LstmCnn ? "lstm-cnn" : "text-cnn";

    /// <summary>Checks every value, naming the option as users write it (<c>RatingCnnOptions.DropoutRate</c>, <c>RatingCnnOptions.Training.Epochs</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        const string o = nameof(RatingCnnOptions) + ".";
        OptionChecks.AtLeast(IdEmbeddingSize, 1, o + nameof(IdEmbeddingSize));
        OptionChecks.AtLeast(SideEmbeddingSize, 1, o + nameof(SideEmbeddingSize));
        OptionChecks.AtLeast(FeatureSize, 1, o + nameof(FeatureSize));
        OptionChecks.AtLeast(GenreEmbeddingSize, 1, o + nameof(GenreEmbeddingSize));
        OptionChecks.AtLeast(WordEmbeddingSize, 1, o + nameof(WordEmbeddingSize));
        OptionChecks.AtLeast(LstmHiddenSize, 1, o + nameof(LstmHiddenSize));
        OptionChecks.AtLeast(FiltersPerWindow, 1, o + nameof(FiltersPerWindow));
        OptionChecks.AtLeast(VectorSize, 1, o + nameof(VectorSize));
        OptionChecks.AtLeast(GenreLength, 1, o + nameof(GenreLength));
        OptionChecks.AtLeast(TitleLength, 1, o + nameof(TitleLength));
        ArgumentNullException.ThrowIfNull(Windows, o + nameof(Windows));
        if (Windows.Count == 0 || Windows.Any(w => w < 1 || w > TitleLength))
        {
            OptionChecks.Throw(o + nameof(Windows), $"[{string.Join(", ", Windows)}]", $"expected at least one window, each in 1..TitleLength ({TitleLength})");
        }

        if (!(DropoutRate is >= 0 and < 1))
        {
            OptionChecks.Throw(o + nameof(DropoutRate), DropoutRate, "expected a value in [0, 1)");
        }

        OptionChecks.Defined(Head, o + nameof(Head));
        ArgumentNullException.ThrowIfNull(Training, o + nameof(Training));
        Training.Validate(nameof(RatingCnnOptions));
    }
}
