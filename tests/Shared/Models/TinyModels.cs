using MovieRec.Data;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Splits;

namespace MovieRec.Tests.Models;

/// <summary>Small synthetic data and CNN models trained on it once per test run (shared by the model fixtures).</summary>
internal static class TinyModels
{
    private static readonly Lazy<RecommendationDataset> s_dataset = new(() => SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 3000, NumberOfUsers = 100, NumberOfMovies = 120, Seed = 7 }));
    private static readonly Lazy<TrainTestSplit> s_split = new(() => RandomSplit.Create(s_dataset.Value.Ratings, 0.2, seed: 3));
    private static readonly Lazy<BundleModel> s_lstm = new(() => Fit(RatingCnnVariant.LstmCnn));
    private static readonly Lazy<BundleModel> s_text = new(() => Fit(RatingCnnVariant.TextCnn));

    public static RecommendationDataset Dataset => s_dataset.Value;

    public static RatingsTable Train => s_split.Value.Train;

    public static RatingsTable Test => s_split.Value.Test;

    public static BundleModel LstmCnn => s_lstm.Value;

    public static BundleModel TextCnn => s_text.Value;

    public static RatingCnnOptions Options(RatingCnnVariant variant) => new()
    {
        Variant = variant,
        UseBiases = true,
        VectorSize = 16,
        Training = RatingCnnOptions.Defaults.Training with { Epochs = 3, LearningRate = 3e-3, NumberOfThreads = 1, Seed = 5 },
    };

    public static BundleModel Fit(RatingCnnVariant variant) => Fit(Options(variant));

    public static BundleModel Fit(RatingCnnOptions options) => RatingCnnTrainer.Create(options).Fit(Dataset, Train);
}
