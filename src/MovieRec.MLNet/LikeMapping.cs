using Microsoft.ML.Transforms;

namespace MovieRec.MLNet;

/// <summary>
/// For a like/dislike classifier, whose <c>Score</c> is the logit of a like (ML.NET's convention for a calibrated
/// binary classifier: a margin thresholded at 0): adds ML.NET's columns <c>Probability</c> (σ(Score), the like
/// probability) and <c>PredictedLabel</c> (Score &gt; 0), so <c>mlContext.BinaryClassification.Evaluate</c> reads the
/// transformer's output once the data has a Boolean label.
/// Registered under <see cref="ContractName"/> for <c>mlContext.Model.Load</c>.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class LikeMapping : CustomMappingFactory<LikeMapping.Input, LikeMapping.Output>
{
    /// <summary>The contract name saved with models that hold the mapping.</summary>
    public const string ContractName = "MovieRec.Like";

    /// <inheritdoc/>
    public override Action<Input, Output> GetMapping() => static (input, output) =>
    {
        output.Probability = 1f / (1f + MathF.Exp(-input.Score));
        output.PredictedLabel = input.Score > 0;
    };

    /// <summary>The input row: the logit of a like in <c>Score</c>.</summary>
    public sealed class Input
    {
        /// <summary>Gets or sets the logit.</summary>
        public float Score { get; set; }
    }

    /// <summary>The output row: ML.NET's probability and predicted label.</summary>
    public sealed class Output
    {
        /// <summary>Gets or sets the like probability.</summary>
        public float Probability { get; set; }

        /// <summary>Gets or sets whether a like is predicted (logit above 0, probability above 0.5).</summary>
        public bool PredictedLabel { get; set; }
    }
}
