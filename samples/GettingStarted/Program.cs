// Train biased matrix factorisation on MovieLens-like data, measure it, and recommend.
//
//   bash samples/run.sh                                    # packs the packages, runs every sample against them
//   dotnet run --project samples/GettingStarted            # after a pack: built-in synthetic data, offline
//   dotnet run --project samples/GettingStarted -- ml-100k # a dataset found through MOVIEREC_DATA
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Recommendation;
using MovieRec.Splits;

string name = args.Length > 0 ? args[0] : SyntheticDataset.Name;
RecommendationDataset data = DatasetCatalog.Load(name);
Console.WriteLine($"{name}: {data.Ratings.Count:N0} ratings");

TrainTestSplit split = RandomSplit.Create(data.Ratings, testFraction: 0.2, seed: 1);
IRatingPredictor model = BaselineCatalog.MatrixFactorization().Fit(split.Train);

var predicted = new float[split.Test.Count];
model.Predict(split.Test.Users, split.Test.Movies, predicted);
Console.WriteLine($"test RMSE {RatingMetrics.RootMeanSquaredError(predicted, split.Test.Ratings):F4}, " +
                  $"MAE {RatingMetrics.MeanAbsoluteError(predicted, split.Test.Ratings):F4}");

// Top five movies for the first user, leaving out those they rated in training.
var recommender = Recommender.Create(model, split.Train);
Console.WriteLine("Favourites of user 1:");
foreach (RankedItem item in recommender.Favourites(1, new RecommendationOptions { Count = 5 }))
{
    Console.WriteLine($"  {item.Score:F2}  {data.Movies.Titles[item.Index]}");
}
