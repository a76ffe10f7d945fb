using MovieRec.Abstractions;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models.LikeMlp;

/// <summary>How the like/dislike MLP measures its error.</summary>
public enum LikeLoss
{
    /// <summary>Binary cross-entropy of the like probability (the default).</summary>
    BinaryCrossEntropy,

    /// <summary>Squared error of the like probability, which the paper's logged loss values suggest it used.</summary>
    SquaredError,
}

/// <summary>Settings of the like/dislike embedding MLP; defaults follow the paper (<see cref="Defaults"/>).</summary>
/// <remarks>
/// The paper (an ANLY 535 course project on ML-20M) gives the layers, the embedding size 50, the hidden
/// width 10, Adam, 10 epochs and batch 64 (10,555 steps per epoch over 675,460 training ratings); it does not
/// state the dropout rate or the learning rate, so Keras's Adam default (0.001) and a drop rate of 0.2 are used.
/// </remarks>
public sealed record LikeMlpOptions
{
    /// <summary>Default values of <see cref="LikeMlpOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>Embedding size of each of the five inputs: 50.</summary>
        public const int EmbeddingSize = 50;

        /// <summary>Width of the hidden ReLU layer: 10.</summary>
        public const int HiddenSize = 10;

        /// <summary>Drop probability of the two dropout layers: 0.2 (the paper does not state it).</summary>
        public const double DropoutRate = 0.2;

        /// <summary>A rating at or above this is a like: 3.5.</summary>
        public const float LikeThreshold = 3.5f;

        /// <summary>Loss: binary cross-entropy.</summary>
        public const LikeLoss Loss = LikeLoss.BinaryCrossEntropy;

        /// <summary>Training: the paper's 10 epochs of Adam at learning rate 0.001, batch 64.</summary>
        public static DeepTrainingOptions Training { get; } = new() { Epochs = 10, LearningRate = 1e-3, BatchSize = 64 };
    }

    /// <summary>
    /// The tuned settings, chosen on validation data only (the training part of ml-latest-small's random 90/10 split,
    /// split 90/10 again): a learned bias per user and per movie, a hidden layer of 32, the auxiliary rating loss with
    /// weight 1, and up to 30 epochs of batch 64 with early stopping (5 % validation slice, patience 3, best weights
    /// kept) and no weight decay. The network's inputs and output are the paper's. The hidden size and weight decay
    /// were chosen by validation accuracy over seeds 1–3 with
    /// <c>movierec tune --model like-mlp-tuned --data ml-latest-small --protocol random-90-10 --seeds 3</c> (0.7503
    /// against 0.7497 for weight decay 1e-4, the earlier choice; <c>benchmarks/tuned/</c>); the bias terms, the
    /// auxiliary loss and early stopping came from an earlier screening on the same validation splits.
    /// </summary>
    /// <returns>The options.</returns>
    public static LikeMlpOptions Tuned() => new()
    {
        Name = "like-mlp-tuned",
        UseBiases = true,
        HiddenSize = 32,
        RatingLossWeight = 1,
        Training = Defaults.Training with { Epochs = 30, ValidationFraction = 0.05, Patience = 3 },
    };

    /// <summary>Embedding size of the user, movie, two genre and year inputs; default 50.</summary>
    public int EmbeddingSize { get; init; } = Defaults.EmbeddingSize;

    /// <summary>Width of the hidden ReLU layer; default 10.</summary>
    public int HiddenSize { get; init; } = Defaults.HiddenSize;

    /// <summary>Drop probability after the concatenated embeddings and after the hidden layer, in [0, 1); default 0.2.</summary>
    public double DropoutRate { get; init; } = Defaults.DropoutRate;

    /// <summary>A rating at or above this is a like (label 1), below it a dislike; default 3.5.</summary>
    public float LikeThreshold { get; init; } = Defaults.LikeThreshold;

    /// <summary>Add a learned bias per user and per movie to the logit (embeddings of size 1, zero-initialised); default off, as in the paper.</summary>
    public bool UseBiases { get; init; }

    /// <summary>
    /// L2 penalty on the looked-up embeddings (the batch mean of their squared norms, each of the five inputs; only
    /// the rows in the batch are shrunk); default 0, as in the paper.
    /// </summary>
    public double EmbeddingL2 { get; init; }

    /// <summary>
    /// Weight of an auxiliary loss: the squared error of the rating, predicted by a second linear head from the hidden
    /// layer (training mean + offset), added to the like loss so the embeddings also learn how far from the threshold a
    /// rating lies; default 0 (the paper: the like label alone). Only the like probability is exported.
    /// </summary>
    public double RatingLossWeight { get; init; }

    /// <summary>The loss; default <see cref="LikeLoss.BinaryCrossEntropy"/>.</summary>
    public LikeLoss Loss { get; init; } = Defaults.Loss;

    /// <summary>How the model trains; default <see cref="Defaults.Training"/>.</summary>
    public DeepTrainingOptions Training { get; init; } = Defaults.Training;

    /// <summary>The name the trainer reports, or null (default) for <c>like-mlp</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Checks every value, naming the option as users write it (<c>LikeMlpOptions.DropoutRate</c>, <c>LikeMlpOptions.Training.Epochs</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        const string o = nameof(LikeMlpOptions) + ".";
        OptionChecks.AtLeast(EmbeddingSize, 1, o + nameof(EmbeddingSize));
        OptionChecks.AtLeast(HiddenSize, 1, o + nameof(HiddenSize));
        if (!(DropoutRate is >= 0 and < 1))
        {
            OptionChecks.Throw(o + nameof(DropoutRate), DropoutRate, "expected a value in [0, 1)");
        }

        if (!float.IsFinite(LikeThreshold))
        {
            OptionChecks.Throw(o + nameof(LikeThreshold), LikeThreshold, "expected a finite rating");
        }

        OptionChecks.NonNegative(EmbeddingL2, o + nameof(EmbeddingL2));
        OptionChecks.NonNegative(RatingLossWeight, o + nameof(RatingLossWeight));
        OptionChecks.Defined(Loss, o + nameof(Loss));
        ArgumentNullException.ThrowIfNull(Training, o + nameof(Training));
        Training.Validate(nameof(LikeMlpOptions));
    }
}
