// An ML.NET workflow with a MovieRec model in it: load ratings with LoadFromTextFile, split them with ML.NET,
// train MovieRec's matrix factorisation as an ML.NET estimator, evaluate with ML.NET, save, load and predict.
//
//   bash samples/run.sh                                              # packs the packages, runs every sample against them
//   dotnet run --project samples/MLNetWorkflow                       # after a pack: synthetic ratings written as u.data
//   dotnet run --project samples/MLNetWorkflow -- path/to/ml-100k/u.data
using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Data;
using MovieRec.MLNet;

string ratingsFile = args.Length > 0 ? args[0] : WriteSyntheticRatings();
var ml = new MLContext(seed: 1);

// An existing ML.NET workflow: u.data is user id, movie id, rating, timestamp, separated by tabs.
IDataView ratings = ml.Data.LoadFromTextFile<MovieRating>(ratingsFile, separatorChar: '\t');
var split = ml.Data.TrainTestSplit(ratings, testFraction: 0.2, seed: 1);

// MovieRec's biased matrix factorisation, named as ML.NET's MatrixFactorization trainer takes its columns.
var estimator = ml.MovieRec().MatrixFactorization(
    labelColumnName: nameof(MovieRating.Label),
    matrixColumnIndexColumnName: nameof(MovieRating.UserId),
    matrixRowIndexColumnName: nameof(MovieRating.MovieId));
ITransformer model = estimator.Fit(split.TrainSet);
RegressionMetrics metrics = ml.Regression.Evaluate(model.Transform(split.TestSet), labelColumnName: nameof(MovieRating.Label));
Console.WriteLine($"ML.NET evaluation of MovieRec mf: RMSE {metrics.RootMeanSquaredError:F4}, MAE {metrics.MeanAbsoluteError:F4}");

// Saved and loaded as any ML.NET model; MovieRec() registers MovieRec's score mapping for the loader.
string path = Path.Combine(Path.GetTempPath(), $"movierec-mlnet-{Environment.ProcessId}.zip");
ml.Model.Save(model, ratings.Schema, path);
var serving = new MLContext();
serving.MovieRec();
ITransformer loaded = serving.Model.Load(path, out _);
File.Delete(path);

var engine = serving.Model.CreatePredictionEngine<MovieRating, RatingPrediction>(loaded);
var first = ml.Data.CreateEnumerable<MovieRating>(split.TestSet, reuseRowObject: false).First();
Console.WriteLine($"user {first.UserId}, movie {first.MovieId}: rated {first.Label}, predicted {engine.Predict(first).Score:F2} by the loaded model");
return 0;

static string WriteSyntheticRatings()
{
    RecommendationDataset data = SyntheticDataset.Generate(20_000, seed: 1);
    string file = Path.Combine(Path.GetTempPath(), "movierec-synthetic-u.data");
    var r = data.Ratings;
    File.WriteAllLines(file, Enumerable.Range(0, r.Count).Select(i =>
        $"{data.UserIds.RawIdOf(r.Users[i])}\t{data.MovieIds.RawIdOf(r.Movies[i])}\t{r.Ratings[i]}\t0"));
    return file;
}

public sealed class MovieRating
{
    [LoadColumn(0)] public float UserId { get; set; }
    [LoadColumn(1)] public float MovieId { get; set; }
    [LoadColumn(2)] public float Label { get; set; }
}

public sealed class RatingPrediction
{
    public float Score { get; set; }
}
