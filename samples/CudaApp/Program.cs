// An ML.NET application on the CUDA build of ONNX Runtime (Microsoft.ML.OnnxRuntime.Gpu): MovieRec's text-CNN
// trained through mlContext.MovieRec() on the GPU when CUDA can be started, on the CPU otherwise, saying which
// and why.
//
//   bash samples/run.sh                                  # packs the packages, runs every sample against them
//   dotnet run --project samples/CudaApp                 # after a pack: built-in synthetic data, offline
using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Data;
using MovieRec.MLNet;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Onnx.Runtime;

Console.WriteLine($"ONNX Runtime {OnnxRuntimeInfo.Version}, providers {string.Join(", ", OnnxRuntimeInfo.AvailableProviders)}");
Console.WriteLine(OnnxRuntimeInfo.TryStartCuda(0, out string? reason) ? "CUDA starts: training runs on the GPU." : $"CUDA cannot be started, so training runs on the CPU: {reason}");

RecommendationDataset data = SyntheticDataset.Generate(5_000, seed: 1);
var ml = new MLContext(seed: 1);
// MovieRec tells the context's log what it trains, each epoch's losses and the device it ran on.
ml.Log += (_, e) =>
{
    if (e.Source.StartsWith("MovieRec", StringComparison.Ordinal) && e.Kind != Microsoft.ML.Runtime.ChannelMessageKind.Trace)
    {
        Console.WriteLine(e.RawMessage);
    }
};
IDataView ratings = ml.Data.LoadFromEnumerable(Enumerable.Range(0, data.Ratings.Count).Select(i => new Rating
{
    UserId = data.UserIds.RawIdOf(data.Ratings.Users[i]),
    MovieId = data.MovieIds.RawIdOf(data.Ratings.Movies[i]),
    Label = data.Ratings.Ratings[i],
}));
var split = ml.Data.TrainTestSplit(ratings, testFraction: 0.2, seed: 1);

// ExecutionDevice.Auto (the default) asks for CUDA and falls back to the CPU; Cuda would fail instead.
RatingCnnOptions options = RatingCnnOptions.Tuned(RatingCnnVariant.TextCnn);
options = options with { Training = options.Training with { Epochs = 2, Device = ExecutionDevice.Auto } };
ITransformer model = ml.MovieRec().RatingCnn(data, options).Fit(split.TrainSet);
RegressionMetrics metrics = ml.Regression.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"text-CNN through ML.NET: test RMSE {metrics.RootMeanSquaredError:F4}");
return 0;

public sealed class Rating
{
    public long UserId { get; set; }
    public long MovieId { get; set; }
    public float Label { get; set; }
}
