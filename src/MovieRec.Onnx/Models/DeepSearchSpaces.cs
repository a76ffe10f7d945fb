using MovieRec.Evaluation;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Onnx.Models.SeqCnn;

namespace MovieRec.Onnx.Models;

/// <summary>
/// The <see cref="SearchSpace"/> of each deep model's tuned preset: the settings <c>movierec tune</c> searches around it,
/// each named as the model's options record names it (<c>Training.WeightDecay</c> for a training setting). A setting
/// left out keeps the preset's value; the rest of the preset (early stopping on a slice of the training ratings, epochs,
/// batch) stays as it is, so a search costs one preset training per candidate and seed.
/// </summary>
public static class DeepSearchSpaces
{
    private const string WeightDecay = "Training.WeightDecay";
    private const string LearningRate = "Training.LearningRate";

    private static readonly SearchSpace[] s_spaces =
    [
        RatingCnn(RatingCnnVariant.LstmCnn),
        RatingCnn(RatingCnnVariant.TextCnn),
        new("neumf-tuned", [("ApproximationRank", [16, 32, 64]), ("EmbeddingL2", [0.001, 0.005, 0.02])], get =>
        {
            var o = NcfOptions.Tuned();
            return NcfCatalog.Create(o with { Name = "neumf-tuned", ApproximationRank = (int)get("ApproximationRank", o.ApproximationRank), EmbeddingL2 = get("EmbeddingL2", o.EmbeddingL2) });
        }),
        new("like-mlp-tuned", [("HiddenSize", [10, 32, 64]), (WeightDecay, [0, 1e-4, 1e-3])], get =>
        {
            var o = LikeMlpOptions.Tuned();
            return LikeMlpTrainer.Create(o with
            {
                HiddenSize = (int)get("HiddenSize", o.HiddenSize),
                Training = o.Training with { WeightDecay = get(WeightDecay, o.Training.WeightDecay) },
            });
        }),
        new("seq-cnn-tuned", [("HiddenSize", [32, 64, 128]), ("DropoutRate", [0, 0.2, 0.5])], get =>
        {
            var o = SeqCnnOptions.Tuned();
            return SeqCnnTrainer.Create(o with { HiddenSize = (int)get("HiddenSize", o.HiddenSize), DropoutRate = get("DropoutRate", o.DropoutRate) });
        }),
    ];

    /// <summary>Gets the search spaces, one per deep model's tuned preset.</summary>
    public static IReadOnlyList<SearchSpace> All => s_spaces;

    private static SearchSpace RatingCnn(RatingCnnVariant variant)
    {
        string name = new RatingCnnOptions { Variant = variant }.ModelName + "-tuned";
        return new SearchSpace(name, [(WeightDecay, [0, 1e-4, 1e-3]), ("DropoutRate", [0.5, 0.2]), (LearningRate, [1e-3, 3e-3])], get =>
        {
            var o = RatingCnnOptions.Tuned(variant);
            return RatingCnnTrainer.Create(o with
            {
                Name = name,
                DropoutRate = get("DropoutRate", o.DropoutRate),
                Training = o.Training with { WeightDecay = get(WeightDecay, o.Training.WeightDecay), LearningRate = get(LearningRate, o.Training.LearningRate) },
            });
        });
    }
}
