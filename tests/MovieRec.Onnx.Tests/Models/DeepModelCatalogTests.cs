using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.Ncf;

namespace MovieRec.Onnx.Tests.Models;

[TestFixture]
public sealed class DeepModelCatalogTests
{
    [Test]
    public void Names_map_to_trainers_and_settings_override_the_defaults()
    {
        var paper = (RatingCnnTrainer)DeepModelCatalog.Create("lstm-cnn");
        var tuned = (RatingCnnTrainer)DeepModelCatalog.Create("TEXT-CNN", new DeepTrainingSettings { Tuned = true, Training = t => t with { Epochs = 7, Seed = 4 } });
        Assert.Multiple(() =>
        {
            Assert.That(DeepModelCatalog.ModelNames, Is.SupersetOf(new[] { "lstm-cnn", "text-cnn" }));
            Assert.That(paper.Options, Is.EqualTo(new RatingCnnOptions { Variant = RatingCnnVariant.LstmCnn }));
            Assert.That(tuned.Name, Is.EqualTo("text-cnn"));
            Assert.That(tuned.Options.UseBiases, Is.True);
            Assert.That(tuned.Options.Training.LearningRate, Is.EqualTo(RatingCnnOptions.Tuned(RatingCnnVariant.TextCnn).Training.LearningRate));
            Assert.That(tuned.Options.Training.Epochs, Is.EqualTo(7));
            Assert.That(tuned.Options.Training.Seed, Is.EqualTo(4));
        });
    }

    [Test]
    public void Unknown_names_list_the_known_ones_and_new_models_can_be_registered()
    {
        var error = Assert.Throws<ArgumentException>(() => DeepModelCatalog.Create("no-such-model"));
        DeepModelCatalog.Register("test-registered", s => RatingCnnTrainer.Create(new RatingCnnOptions { Training = s.Training(RatingCnnOptions.Defaults.Training) }));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("no-such-model").And.Contain("lstm-cnn"));
            Assert.That(((RatingCnnTrainer)DeepModelCatalog.Create("test-registered", new DeepTrainingSettings { Training = t => t with { Seed = 9 } })).Options.Training.Seed, Is.EqualTo(9));
        });
    }

    [Test]
    public void RatingCnns_RunBesideTheClassicalModels_InOneExperiment()
    {
        DeepModelCatalog.RegisterRatingModels();
        IRatingTrainer[] trainers =
        [
            BaselineCatalog.Biases(),
            RatingCnnTrainer.Create(TinyModels.Options(RatingCnnVariant.TextCnn)),
        ];

        var report = ExperimentRunner.Run(TinyModels.Dataset, trainers, new ExperimentOptions { Protocol = EvaluationProtocol.Random80To20, Seeds = 2, TopKs = [10] });

        Assert.Multiple(() =>
        {
            Assert.That(TrainerRegistry.ModelNames, Is.SupersetOf(new[] { "lstm-cnn", "text-cnn", "lstm-cnn-tuned", "text-cnn-tuned" }));
            Assert.That(TrainerRegistry.FromName("text-cnn-tuned").Name, Is.EqualTo("text-cnn-tuned"));
            Assert.That(report.Models.Select(m => m.Model), Is.EqualTo(new[] { "bias", "text-cnn" }));
            Assert.That(report.Models[1].Metrics["RMSE"].Mean, Is.GreaterThan(0).And.LessThan(2));
            Assert.That(report.Models[1].Metrics["RMSE"].StandardDeviation, Is.GreaterThan(0), "seed 2 trains another model on another split");
        });
        var error = Assert.Throws<InvalidOperationException>(() => ((IRatingTrainer)trainers[1]).Fit(TinyModels.Train));
        Assert.That(error!.Message, Does.Contain("text-cnn").And.Contain("Fit(dataset, train)"));
    }

    [Test]
    public void EachTrainer_ChoosesItsProtocolAndBaseline()
    {
        NcfCatalog.Register();
        var cnn = DeepModelCatalog.Create("text-cnn", new DeepTrainingSettings { Training = t => t with { Seed = 5 } });
        var ranking = DeepModelCatalog.Create("neumf");
        var ratings = SyntheticDataset.Generate(5000, seed: 2).Ratings;

        var random = cnn.CreateSplit(ratings, 0.25, seed: 3);
        var leaveOneOut = ranking.CreateSplit(ratings, 0.25, seed: 3);

        Assert.Multiple(() =>
        {
            Assert.That(cnn.LearnsRanking, Is.False);
            Assert.That(random.Candidates, Is.Null);
            Assert.That(random.Test.Count, Is.EqualTo((int)Math.Round(ratings.Count * 0.25)).Within(1));
            Assert.That(cnn.MetricNames, Is.EqualTo(new[] { "MSE", "RMSE", "MAE" }));
            Assert.That(cnn.CreateBaseline().Name, Is.EqualTo("mf"));
            Assert.That(ranking.LearnsRanking, Is.True);
            Assert.That(leaveOneOut.Candidates, Is.Not.Null.And.All.Length.EqualTo(100));
            Assert.That(ranking.MetricNames, Is.EqualTo(new[] { "HR@10", "NDCG@10", "MRR" }));
            Assert.That(ranking.CreateBaseline().Name, Is.EqualTo("ials"));
        });
        Assert.That(() => cnn.CreateSplit(ratings, 1.5, seed: 3), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("testFraction"));
    }
}
