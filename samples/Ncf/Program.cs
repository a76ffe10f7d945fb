// Neural Collaborative Filtering on implicit feedback: train NeuMF under the NCF paper's leave-one-out protocol,
// compare it with popularity, and recommend.
//
//   bash samples/run.sh                          # packs the packages, runs every sample against them
//   dotnet run --project samples/Ncf             # after a pack: built-in synthetic data, offline
//   dotnet run --project samples/Ncf -- ml-100k  # a dataset found through MOVIEREC_DATA
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Recommendation;

RecommendationDataset data = args.Length > 0 ? DatasetCatalog.Load(args[0]) : SyntheticDataset.Generate(20_000, seed: 1);

// Each user's latest interaction is held out and ranked among 99 movies the user never rated.
EvaluationSplit loo = ExperimentRunner.CreateSplit(EvaluationProtocol.LeaveOneOut99, data.Ratings, seed: 1);
var options = NcfOptions.Tuned();   // epochs and the GMF/MLP blend chosen on a validation split of the training data
using BundleModel neumf = NcfCatalog.Create(options).Fit(data, loo.Train);
IRatingPredictor popularity = BaselineCatalog.Popularity().Fit(loo.Train);

var metrics = new ExperimentOptions { TopKs = [] };
foreach (IRatingPredictor model in new[] { neumf, popularity })
{
    IReadOnlyDictionary<string, double> m = ExperimentRunner.Evaluate(model, loo, metrics);
    Console.WriteLine($"{model.Name,-12} HR@10 {m["HR@10"]:F3}  NDCG@10 {m["NDCG@10"]:F3}");
}

BundleDataset catalog = neumf.Bundle.Dataset;
Console.WriteLine("NeuMF's favourites for user 1:");
foreach (RankedItem item in Recommender.Create(neumf, catalog.Seen).Favourites(1, new RecommendationOptions { Count = 5 }))
{
    Console.WriteLine($"  {item.Score,6:F2}  {catalog.Titles[item.Index]}");
}
