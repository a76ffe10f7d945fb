// Train the text-CNN rating model, recommend the three ways, export its ONNX model and score that file with
// plain ONNX Runtime.
//
//   bash samples/run.sh                                 # packs the packages, runs every sample against them
//   dotnet run --project samples/DeepModels             # after a pack: built-in synthetic data, offline
//   dotnet run --project samples/DeepModels -- ml-100k  # a dataset found through MOVIEREC_DATA
using Microsoft.ML.OnnxRuntime;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Recommendation;
using MovieRec.Splits;

RecommendationDataset data = args.Length > 0 ? DatasetCatalog.Load(args[0]) : SyntheticDataset.Generate(20_000, seed: 1);
TrainTestSplit split = RandomSplit.Create(data.Ratings, testFraction: 0.2, seed: 1);

// The tuned settings (bias terms, Adam, early stopping on a validation slice), three epochs for a quick run.
RatingCnnOptions tuned = RatingCnnOptions.Tuned(RatingCnnVariant.TextCnn);
using BundleModel model = RatingCnnTrainer.Create(tuned with { Training = tuned.Training with { Epochs = 3 } }).Fit(data, split.Train);

var predicted = new float[split.Test.Count];
model.Predict(split.Test.Users, split.Test.Movies, predicted);
Console.WriteLine($"{data.Name}, text-CNN on {model.DeviceName}: test RMSE {RatingMetrics.RootMeanSquaredError(predicted, split.Test.Ratings):F4}");

// Three ways to recommend, from the model bundle alone (titles and seen movies travel in its catalog).
BundleDataset catalog = model.Bundle.Dataset;
var recommender = Recommender.Create(model, catalog.Seen);
var top5 = new RecommendationOptions { Count = 5 };
Show("Favourites of user 1", recommender.Favourites(1, top5));
Show($"Movies like {catalog.Titles[1]}", recommender.SimilarMovies(1, top5));
Show($"People who liked {catalog.Titles[1]} also liked", recommender.AlsoLiked(1, top5));

// Export the ONNX model and score one (user, movie) pair with ONNX Runtime alone: the exported model takes the
// dataset's own ids and looks every feature up inside itself (onnx/README.md gives the contract).
string path = Path.Combine(Path.GetTempPath(), $"movierec-sample-{Environment.ProcessId}.onnx");
model.Bundle.ToOnnx().Save(path);
try
{
    const int user = 1, movie = 2;
    long rawUser = catalog.UserIds[user], rawMovie = catalog.MovieIds[movie];
    using var session = new InferenceSession(path);
    using var userId = OrtValue.CreateTensorValueFromMemory(new[] { rawUser }, [1, 1]);
    using var movieId = OrtValue.CreateTensorValueFromMemory(new[] { rawMovie }, [1, 1]);
    using var runOptions = new RunOptions();
    using var results = session.Run(runOptions, ["user_id", "movie_id"], [userId, movieId], ["rating"]);
    float fromFile = results[0].GetTensorDataAsSpan<float>()[0];
    float fromModel = model.Predict(user, movie);
    Console.WriteLine($"Rating of user {rawUser} for {catalog.Titles[movie]}: {fromModel:F4} from the model, {fromFile:F4} from {Path.GetFileName(path)} in ONNX Runtime");
    return Math.Abs(fromModel - fromFile) <= 1e-4 ? 0 : 1;
}
finally
{
    File.Delete(path);
}

void Show(string title, IReadOnlyList<RankedItem> items)
{
    Console.WriteLine(title + ":");
    foreach (RankedItem item in items)
    {
        Console.WriteLine($"  {item.Score,6:F3}  {catalog.Titles[item.Index]}");
    }
}
