using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Models;

/// <summary>
/// Settings every deep model understands, as given on the command line; a null value keeps the
/// model's own default (its paper's setting, or its tuned setting with <see cref="Tuned"/>).
/// </summary>
public sealed record DeepTrainingSettings
{
    /// <summary>Start from the model's tuned settings instead of its paper's settings; default false.</summary>
    public bool Tuned { get; init; }

    /// <summary>Maximum epochs, or null for the model's default.</summary>
    public int? Epochs { get; init; }

    /// <summary>Learning rate, or null for the model's default.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Batch size, or null for the model's default.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Seed of weights, shuffling and dropout; default 1.</summary>
    public int Seed { get; init; } = RatingCnnDefaults.Seed;

    /// <summary>Whether to add global mean and user/movie biases, or null for the model's default.</summary>
    public bool? UseBiases { get; init; }

    /// <summary>Fraction of the training ratings held out for early stopping, or null for the model's default.</summary>
    public double? ValidationFraction { get; init; }

    /// <summary>Early-stopping patience in epochs, or null for the model's default.</summary>
    public int? Patience { get; init; }

    /// <summary>Weight decay, or null for the model's default.</summary>
    public double? WeightDecay { get; init; }

    /// <summary>ONNX Runtime intra-op threads (0 = its choice), or null for the model's default.</summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>Device for training and scoring (Auto, Cpu or Cuda), or null for the model's default (Auto).</summary>
    public ExecutionDevice? Device { get; init; }
}
