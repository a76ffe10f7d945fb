// An ML.NET workflow with a MovieRec model in it: load a ratings file with ML.NET's TextLoader, split it with ML.NET,
// train MovieRec's matrix factorisation as an ML.NET estimator, evaluate with ML.NET, save; then, in another process,
// load the model and predict.
//
//   bash samples/run.sh                                              # packs the packages, runs every sample against them
//   dotnet run --project samples/MLNetWorkflow                       # after a pack: synthetic ratings written as u.data
//   dotnet run --project samples/MLNetWorkflow -- path/to/ml-100k/u.data model.zip           # train, evaluate, save
//   dotnet run --project samples/MLNetWorkflow -- path/to/ml-latest-small/ratings.csv model.zip
//   dotnet run --project samples/MLNetWorkflow -- --load model.zip path/to/ml-100k/u.data    # predict in a new process
using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Data;
using MovieRec.MLNet;

bool load = args.Length > 0 && args[0] == "--load";
string ratingsFile = load ? args[2] : args.Length > 0 ? args[0] : WriteSyntheticRatings();
string modelFile = load ? args[1] : args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), $"movierec-mlnet-{Environment.ProcessId}.zip");
var ml = new MLContext(seed: 1);

// u.data (ML-100K) is user, movie, rating, timestamp separated by tabs; ratings.csv (later MovieLens) the same with
// commas and a header line. The ids are read as they are written: whole numbers.
bool csv = ratingsFile.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
IDataView ratings = ml.Data.LoadFromTextFile<MovieRating>(ratingsFile, separatorChar: csv ? ',' : '\t', hasHeader: csv);
var split = ml.Data.TrainTestSplit(ratings, testFraction: 0.2, seed: 1);
MovieRating[] sample = [.. ml.Data.CreateEnumerable<MovieRating>(split.TestSet, reuseRowObject: false).Take(5)];

if (load)
{
    // A new process: MovieRec() registers MovieRec's score mapping with the context before ML.NET loads the model.
    var serving = new MLContext();
    serving.MovieRec();
    ITransformer loaded = serving.Model.Load(modelFile, out _);
    PrintPredictions(serving.Model.CreatePredictionEngine<MovieRating, RatingPrediction>(loaded));
    return 0;
}

// MovieRec's biased matrix factorisation, named as ML.NET's MatrixFactorization trainer takes its columns.
var estimator = ml.MovieRec().MatrixFactorization(
    labelColumnName: nameof(MovieRating.Label),
    matrixColumnIndexColumnName: nameof(MovieRating.UserId),
    matrixRowIndexColumnName: nameof(MovieRating.MovieId));
using RatingPredictionTransformer model = estimator.Fit(split.TrainSet);
RegressionMetrics metrics = ml.Regression.Evaluate(model.Transform(split.TestSet), labelColumnName: nameof(MovieRating.Label));
Console.WriteLine($"ML.NET evaluation of MovieRec {model.ModelName} on {Path.GetFileName(ratingsFile)}: RMSE {metrics.RootMeanSquaredError:F4}, MAE {metrics.MeanAbsoluteError:F4}");

// Saved as any ML.NET model; this process predicts with it too, for comparison with the process that loads it.
ml.Model.Save(model, ratings.Schema, modelFile);
PrintPredictions(ml.Model.CreatePredictionEngine<MovieRating, RatingPrediction>(model));
if (args.Length < 2)
{
    File.Delete(modelFile);
}

return 0;

void PrintPredictions(PredictionEngine<MovieRating, RatingPrediction> engine)
{
    foreach (var row in sample)
    {
        Console.WriteLine($"prediction: user {row.UserId}, movie {row.MovieId}, rated {row.Label}, predicted {engine.Predict(row).Score:R}");
    }
}

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
    [LoadColumn(0)] public long UserId { get; set; }
    [LoadColumn(1)] public long MovieId { get; set; }
    [LoadColumn(2)] public float Label { get; set; }
}

public sealed class RatingPrediction
{
    public float Score { get; set; }
}
