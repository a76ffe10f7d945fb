using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models;

/// <summary>
/// What a caller that names a deep model (the command line, a script) asks of it: the tuned preset or
/// the paper's setting, and one change applied to the model's <see cref="DeepTrainingOptions"/>, the
/// same for every deep model.
/// </summary>
public sealed record DeepTrainingSettings
{
    /// <summary>Gets a value indicating whether to start from the model's tuned settings instead of its paper's settings; default false.</summary>
    public bool Tuned { get; init; }

    /// <summary>Gets whether the rating CNNs add a global mean and user and movie biases; null keeps the preset's choice; other models ignore it.</summary>
    public bool? UseBiases { get; init; }

    /// <summary>Gets the change to the model's training options, such as <c>t =&gt; t with { Epochs = 3 }</c>; default none.</summary>
    public Func<DeepTrainingOptions, DeepTrainingOptions> Training { get; init; } = static t => t;
}
