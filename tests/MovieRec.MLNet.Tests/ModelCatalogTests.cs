using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Evaluation;
using MovieRec.Onnx.Export;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Onnx.Models.SeqCnn;
using MovieRec.Tests.Models;

namespace MovieRec.MLNet.Tests;

/// <summary>The one table of models by name on <c>mlContext.MovieRec()</c>, which evaluate and train read.</summary>
[TestFixture]
public sealed class ModelCatalogTests
{
    private static readonly MovieRecCatalog s_catalog = new MLContext(seed: 1).MovieRec();

    [Test]
    public void Every_family_is_in_the_one_list()
    {
        string[] expected =
        [
            .. BaselineCatalog.ModelNames, "lstm-cnn", "text-cnn", "lstm-cnn-tuned", "text-cnn-tuned", .. NcfCatalog.ModelNames,
            "like-mlp", "like-mlp-tuned", "sdca", "fasttree", "lightgbm", "like-blend", "seq-cnn", "seq-cnn-tuned", "seq-cnn-blend",
            "content", "content-tfidf", "content-tags", "hybrid", "hybrid-warm", "hybrid-cold",
        ];
        Assert.Multiple(() =>
        {
            Assert.That(s_catalog.ModelNames, Is.SupersetOf(expected));
            Assert.That(s_catalog.ModelNames.Take(BaselineCatalog.ModelNames.Count), Is.EqualTo(BaselineCatalog.ModelNames), "the classical models come first");
            Assert.That(s_catalog.ModelNames, Is.Unique);
            Assert.That(s_catalog.BundleModelNames, Does.Contain("mf").And.Contain("text-cnn").And.Contain("neumf-rating").And.Contain("seq-cnn-tuned"));
            Assert.That(s_catalog.BundleModelNames, Does.Not.Contain("ubcf").And.Not.Contain("hybrid").And.Not.Contain("lightgbm").And.Not.Contain("seq-cnn-blend"));
        });
    }

    [TestCase("ials", "ials", null)]
    [TestCase(" POP ", "pop", null)]
    [TestCase("text-cnn-tuned", "text-cnn-tuned", typeof(RatingCnnTrainer))]
    [TestCase("neumf", "neumf", typeof(NcfTrainer))]
    [TestCase("like-mlp-tuned", "like-mlp-tuned", typeof(LikeMlpTrainer))]
    [TestCase("lightgbm", "lightgbm", typeof(LikeClassifierTrainer))]
    [TestCase("seq-cnn-blend", "seq-cnn-blend", typeof(BlendTrainer))]
    public void Names_create_their_trainers(string name, string expectedName, Type? type)
    {
        var trainer = s_catalog.CreateTrainer(name);
        Assert.That(trainer.Name, Is.EqualTo(expectedName));
        if (type is not null)
        {
            Assert.That(trainer, Is.InstanceOf(type));
        }
    }

    [Test]
    public void Settings_override_the_defaults_and_the_tuned_preset_applies()
    {
        var paper = (RatingCnnTrainer)s_catalog.CreateTrainer("lstm-cnn");
        var tuned = (RatingCnnTrainer)s_catalog.CreateBundleTrainer("TEXT-CNN", new DeepTrainingSettings { Tuned = true, Training = t => t with { Epochs = 7, Seed = 4 } });
        var seq = (SeqCnnTrainer)s_catalog.CreateBundleTrainer("seq-cnn", new DeepTrainingSettings { Tuned = true });
        var like = (LikeMlpTrainer)s_catalog.CreateTrainer("like-mlp", new DeepTrainingSettings { Tuned = true });
        var gmf = (NcfTrainer)s_catalog.CreateBundleTrainer("gmf", new DeepTrainingSettings { Tuned = true });
        Assert.Multiple(() =>
        {
            Assert.That(paper.Options, Is.EqualTo(new RatingCnnOptions { Variant = RatingCnnVariant.LstmCnn }));
            Assert.That(tuned.Name, Is.EqualTo("text-cnn"));
            Assert.That(tuned.Options.UseBiases, Is.True);
            Assert.That(tuned.Options.Training.LearningRate, Is.EqualTo(RatingCnnOptions.Tuned(RatingCnnVariant.TextCnn).Training.LearningRate));
            Assert.That(tuned.Options.Training.Epochs, Is.EqualTo(7));
            Assert.That(tuned.Options.Training.Seed, Is.EqualTo(4));
            Assert.That(seq.Options.FreezeMatrixFactorization, Is.True);
            Assert.That(like.Options, Is.EqualTo(LikeMlpOptions.Tuned()));
            Assert.That(gmf.Name, Is.EqualTo("gmf"));
            Assert.That(gmf.Options.ApproximationRank, Is.EqualTo(NcfOptions.Tuned(NcfArchitecture.Gmf).ApproximationRank).And.Not.EqualTo(new NcfOptions().ApproximationRank));
            Assert.That(gmf.Options.EmbeddingL2, Is.EqualTo(NcfOptions.Tuned(NcfArchitecture.Gmf).EmbeddingL2));
        });
    }

    [Test]
    public void Classical_models_bundle_through_their_onnx_form_with_the_seed_given()
    {
        var trainer = s_catalog.CreateBundleTrainer("mf", new DeepTrainingSettings { Training = t => t with { Seed = 9 } });
        Assert.Multiple(() =>
        {
            Assert.That(trainer, Is.TypeOf<BaselineBundleTrainer>());
            Assert.That(trainer.Name, Is.EqualTo("mf"));
            Assert.That(trainer.HasTrainingOptions, Is.False);
            Assert.That(trainer.Training.Seed, Is.EqualTo(9));
        });
    }

    [TestCase("ubcf", "has no ONNX form")]
    [TestCase("hybrid", "not into a model bundle")]
    [TestCase("lightgbm", "not into a model bundle")]
    [TestCase("nonsense", "Unknown model 'nonsense'; expected one of mean, bias, mf")]
    public void Models_without_a_bundle_are_refused_saying_why(string name, string why)
    {
        var error = Assert.Throws<ArgumentException>(() => s_catalog.CreateBundleTrainer(name))!;
        Assert.That(error.Message, Does.Contain(why));
    }

    [Test]
    public void Unknown_names_list_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => s_catalog.CreateTrainer("no-such-model"))!;
        Assert.That(error.Message, Does.Contain("'no-such-model'").And.Contain("ials").And.Contain("text-cnn").And.Contain("lightgbm"));
    }

    [Test]
    public void Register_adds_a_model_case_insensitively_for_every_reader()
    {
        s_catalog.Register("catalog-test-model", s => RatingCnnTrainer.Create(new RatingCnnOptions { Training = s.Training(RatingCnnOptions.Defaults.Training) }), bundles: true);
        s_catalog.Register("catalog-test-pop", _ => BaselineCatalog.Popularity());
        var other = new MLContext(seed: 2).MovieRec();
        Assert.Multiple(() =>
        {
            Assert.That(((RatingCnnTrainer)other.CreateBundleTrainer("Catalog-Test-Model", new DeepTrainingSettings { Training = t => t with { Seed = 9 } })).Options.Training.Seed, Is.EqualTo(9));
            Assert.That(other.CreateTrainer("CATALOG-TEST-POP").Name, Is.EqualTo("pop"));
            Assert.That(other.ModelNames, Does.Contain("catalog-test-model").And.Contain("catalog-test-pop"));
            Assert.That(other.BundleModelNames, Does.Contain("catalog-test-model").And.Not.Contain("catalog-test-pop"));
        });
    }

    [TestCase("")]
    [TestCase("a,b")]
    [TestCase(" padded")]
    public void Register_refuses_an_invalid_name(string name) =>
        Assert.Throws<ArgumentException>(() => s_catalog.Register(name, _ => BaselineCatalog.Popularity()));

    [Test]
    public void Estimators_by_name_train_and_score()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadRatings(TinyModels.Dataset);
        var model = ml.MovieRec().Estimator("bias").Fit(data);
        var cnn = ml.MovieRec().Estimator("text-cnn", TinyModels.Dataset);
        var scored = ml.Regression.Evaluate(model.Transform(data), labelColumnName: "Label", scoreColumnName: "Score");
        Assert.Multiple(() =>
        {
            Assert.That(scored.RootMeanSquaredError, Is.GreaterThan(0).And.LessThan(1.5));
            Assert.That(cnn.ModelName, Is.EqualTo("text-cnn"));
        });
    }

    [Test]
    public void Rating_cnns_run_beside_the_classical_models_in_one_experiment()
    {
        IRatingTrainer[] trainers =
        [
            s_catalog.CreateTrainer("bias"),
            RatingCnnTrainer.Create(TinyModels.Options(RatingCnnVariant.TextCnn)),
        ];

        var report = ExperimentRunner.Run(TinyModels.Dataset, trainers, new ExperimentOptions { Protocol = EvaluationProtocol.Random80To20, Seeds = 2, TopKs = [10] });

        Assert.Multiple(() =>
        {
            Assert.That(report.Models.Select(m => m.Model), Is.EqualTo(new[] { "bias", "text-cnn" }));
            Assert.That(report.Models[1].Metrics["RMSE"].Mean, Is.GreaterThan(0).And.LessThan(2));
            Assert.That(report.Models[1].Metrics["RMSE"].StandardDeviation, Is.GreaterThan(0), "seed 2 trains another model on another split");
        });
        var error = Assert.Throws<InvalidOperationException>(() => ((IRatingTrainer)trainers[1]).Fit(TinyModels.Train));
        Assert.That(error!.Message, Does.Contain("text-cnn").And.Contain("Fit(dataset, train)"));
    }

    [Test]
    public void Each_bundle_trainer_says_which_task_it_learns()
    {
        Assert.Multiple(() =>
        {
            Assert.That(s_catalog.CreateBundleTrainer("text-cnn").Predicts, Is.EqualTo(PredictionKind.Rating));
            Assert.That(s_catalog.CreateBundleTrainer("neumf").Predicts, Is.EqualTo(PredictionKind.Ranking));
            Assert.That(s_catalog.CreateBundleTrainer("neumf-rating").Predicts, Is.EqualTo(PredictionKind.Rating));
            Assert.That(s_catalog.CreateBundleTrainer("like-mlp").Predicts, Is.EqualTo(PredictionKind.LikeProbability));
        });
    }
}
