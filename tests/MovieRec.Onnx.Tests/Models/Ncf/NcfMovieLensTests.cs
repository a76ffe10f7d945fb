using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models.Ncf;

namespace MovieRec.Onnx.Tests.Models.Ncf;

/// <summary>NCF on the real ML-100K (skipped unless MOVIEREC_DATA holds ml-100k/).</summary>
public sealed class NcfMovieLensTests
{
    [Test]
    public void ShortNeuMFRun_BeatsPopularity_OnLeaveOneOut()
    {
        string? root = Environment.GetEnvironmentVariable("MOVIEREC_DATA");
        string folder = root is null ? string.Empty : Path.Combine(root, "ml-100k");
        if (root is null || !File.Exists(Path.Combine(folder, "u.data")))
        {
            Assert.Ignore("MOVIEREC_DATA does not point at a folder holding ml-100k/u.data.");
        }

        var dataset = DatasetCatalog.Load("ml-100k", folder);
        var neumf = NcfCatalog.Create(new NcfOptions { Architecture = NcfArchitecture.NeuMF, Pretrain = false, Training = NcfOptions.Defaults.Training with { Epochs = 4, BatchSize = 1024, LearningRate = 0.004 } });
        var options = new ExperimentOptions { Protocol = EvaluationProtocol.LeaveOneOut99, TopKs = [] };

        var report = ExperimentRunner.Run(dataset.Ratings, [neumf, BaselineCatalog.Popularity()], options);

        var model = report.Models[0].Metrics;
        var popularity = report.Models[1].Metrics;
        Assert.Multiple(() =>
        {
            Assert.That(model["HR@10"].Mean, Is.GreaterThan(popularity["HR@10"].Mean));
            Assert.That(model["NDCG@10"].Mean, Is.GreaterThan(popularity["NDCG@10"].Mean));
        });
    }
}
