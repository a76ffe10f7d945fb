// Train biased matrix factorisation on MovieLens-like data, measure it, and recommend.
//
//   dotnet run --project samples/GettingStarted            # built-in synthetic data, offline
//   dotnet run --project samples/GettingStarted -- ml-100k # a dataset found through MOVIEREC_DATA
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
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

// Top five unseen movies for the first user.
const int user = 1;
var seen = new HashSet<int>();
for (int i = 0; i < split.Train.Count; i++)
{
    if (split.Train.Users[i] == user)
    {
        seen.Add(split.Train.Movies[i]);
    }
}

var scores = new float[model.MovieIndexBound];
model.ScoreAll(user, scores);
var top = Enumerable.Range(1, scores.Length - 1)
    .Where(m => !seen.Contains(m))
    .OrderByDescending(m => scores[m])
    .Take(5);
foreach (int movie in top)
{
    Console.WriteLine($"  {scores[movie]:F2}  {data.Movies.Titles[movie]}");
}
