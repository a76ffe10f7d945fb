using MovieRec.Onnx.Models.RatingCnn;
using System.Diagnostics.CodeAnalysis;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Tests.Models;

namespace MovieRec.MLNet.Tests;

/// <summary>What an ML.NET user expects of any estimator: keyed ids, the context's seed, a log, a typed transformer.</summary>
public sealed class MLNetConventionTests
{
    private static readonly Lazy<Rating[]> s_ratings = new(() =>
    {
        var data = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 3000, NumberOfUsers = 120, NumberOfMovies = 90, Seed = 6 });
        var r = data.Ratings;
        return [.. Enumerable.Range(0, r.Count).Select(i => new Rating { userId = data.UserIds.RawIdOf(r.Users[i]), movieId = data.MovieIds.RawIdOf(r.Movies[i]), Label = r.Ratings[i] })];
    });

    [Test]
    public void The_matrix_factorisation_tutorials_keyed_pipeline_runs_and_scores_as_raw_ids_do()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(s_ratings.Value);
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);

        // ML.NET's tutorial: the ids keyed with MapValueToKey, then the matrix factorisation trainer reads the keys.
        var keyed = ml.Transforms.Conversion.MapValueToKey("userIdEncoded", "userId")
            .Append(ml.Transforms.Conversion.MapValueToKey("movieIdEncoded", "movieId"))
            .Append(ml.MovieRec().MatrixFactorization(labelColumnName: "Label", matrixColumnIndexColumnName: "userIdEncoded", matrixRowIndexColumnName: "movieIdEncoded"));
        var keyedModel = keyed.Fit(split.TrainSet);
        var raw = ml.MovieRec().MatrixFactorization(labelColumnName: "Label", matrixColumnIndexColumnName: "userId", matrixRowIndexColumnName: "movieId").Fit(split.TrainSet);
        float[] keyedScores = [.. keyedModel.Transform(split.TestSet).GetColumn<float>("Score")];
        float[] rawScores = [.. raw.Transform(split.TestSet).GetColumn<float>("Score")];

        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"keyed-{Guid.NewGuid():N}.zip");
        ml.Model.Save(keyedModel, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);
        float[] loadedScores = [.. loaded.Transform(split.TestSet).GetColumn<float>("Score")];
        File.Delete(path);

        Assert.Multiple(() =>
        {
            Assert.That(keyedScores, Is.EqualTo(rawScores).Within(1e-6), "keys are read as the ids they key");
            Assert.That(loadedScores, Is.EqualTo(keyedScores).Within(1e-6), "and saved and loaded as any ML.NET model");
            Assert.That(ml.Regression.Evaluate(keyedModel.Transform(split.TestSet)).RootMeanSquaredError, Is.InRange(0.3, 1.5));
        });
    }

    [Test]
    public void The_contexts_seed_is_the_estimators_seed_unless_options_name_one()
    {
        var data = new MLContext().Data.LoadFromEnumerable(s_ratings.Value);
        float[] Scores(RatingEstimator estimator)
        {
            using var model = estimator.Fit(data);
            return [.. model.Transform(data).GetColumn<float>("Score").Take(200)];
        }

        RatingEstimator Mf(MLContext ml, int iterations) => ml.MovieRec().MatrixFactorization("Label", "userId", "movieId", numberOfIterations: iterations);
        var one = new MLContext(seed: 1);
        var two = new MLContext(seed: 2);
        var options = new MatrixFactorizationOptions { Seed = 7, NumberOfIterations = 5 };

        Assert.Multiple(() =>
        {
            Assert.That(one.MovieRec().ContextSeed, Is.EqualTo(1));
            Assert.That(new MLContext().MovieRec().ContextSeed, Is.Null);
            Assert.That(((MovieRec.Abstractions.IReseedableTrainer)two.MovieRec().MatrixFactorization().Trainer).Seed, Is.EqualTo(2));
            Assert.That(Scores(Mf(one, 5)), Is.EqualTo(Scores(Mf(new MLContext(seed: 1), 5))), "same seed, same model");
            Assert.That(Scores(Mf(one, 5)), Is.Not.EqualTo(Scores(Mf(two, 5))), "another seed, another model");
            Assert.That(Scores(one.MovieRec().MatrixFactorization(options, "Label", "userId", "movieId")), Is.EqualTo(Scores(two.MovieRec().MatrixFactorization(options, "Label", "userId", "movieId"))), "options that name a seed keep it");
            Assert.That(((MovieRec.Abstractions.IReseedableTrainer)two.MovieRec().Estimator("text-cnn", TinyModels.Dataset).Trainer).Seed, Is.EqualTo(2));
        });
    }

    [Test]
    public void Progress_epoch_losses_the_kept_epoch_and_the_device_reach_the_contexts_log()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<LoggingEventArgs>();
        ml.Log += (_, e) =>
        {
            lock (messages)
            {
                messages.Add(e);
            }
        };
        var options = TinyModels.Options(RatingCnnVariant.TextCnn);
        var trainer = RatingCnnTrainer.Create(options with { Training = options.Training with { Epochs = 2, ValidationFraction = 0.1 } });

        using var model = ml.MovieRec().Trainer(trainer, TinyModels.Dataset).Fit(ml.Data.LoadRatings(TinyModels.Dataset, TinyModels.Train));

        var ours = messages.Where(m => m.Source.StartsWith("MovieRec", StringComparison.Ordinal)).Select(m => m.Message).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ours, Has.Some.Contains("text-cnn: training on"));
            Assert.That(ours, Has.Some.Contains("text-cnn: epoch 1/2, training loss").And.Some.Contains("validation loss"));
            Assert.That(ours, Has.Some.Contains("text-cnn: epoch 2/2"));
            Assert.That(ours, Has.Some.Match(@"text-cnn: kept the weights of epoch [12] of 2"));
            Assert.That(ours, Has.Some.Match(@"text-cnn: trained in [0-9.]+ s on CPU"));
            Assert.That(messages.Where(m => m.Kind == ChannelMessageKind.Warning), Is.Empty, "a rating model is measured by the regression evaluator: nothing to warn about");
        });
    }

    [Test]
    public void A_ranking_model_is_trained_with_a_warning_that_the_regression_evaluator_does_not_measure_it()
    {
        var ml = new MLContext(seed: 1);
        var warnings = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Kind == ChannelMessageKind.Warning)
            {
                lock (warnings)
                {
                    warnings.Add(e.Message);
                }
            }
        };
        var data = ml.Data.LoadFromEnumerable(s_ratings.Value);
        var neumf = NcfCatalog.Create(new NcfOptions { ApproximationRank = 4, MlpLayers = [8, 4], Pretrain = false, Training = NcfOptions.Defaults.Training with { Epochs = 1 } });

        using var model = ml.MovieRec().Trainer(neumf, labelColumnName: "Label", matrixColumnIndexColumnName: "userId", matrixRowIndexColumnName: "movieId").Fit(data);

        Assert.That(warnings, Has.One.Contains("learns a ranking from implicit feedback").And.Contains("mlContext.Regression.Evaluate's RMSE and MAE do not measure it"));
    }

    [Test]
    public void The_transformer_carries_the_trained_model_and_its_id_maps()
    {
        var ml = new MLContext(seed: 1);
        var rows = s_ratings.Value;
        var data = ml.Data.LoadFromEnumerable(rows);

        using var transformer = ml.MovieRec().MatrixFactorization(labelColumnName: "Label", matrixColumnIndexColumnName: "userId", matrixRowIndexColumnName: "movieId", numberOfIterations: 5).Fit(data);
        float[] scores = [.. transformer.Transform(data).GetColumn<float>("Score")];

        Assert.Multiple(() =>
        {
            Assert.That(transformer.Model, Is.InstanceOf<MatrixFactorizationModel>());
            Assert.That(transformer.Model.UserVectors, Is.Not.Null, "matrix factorisation's factors");
            Assert.That(transformer.CanSave, Is.True);
            Assert.That(transformer.UserIndexOf(rows[0].userId), Is.EqualTo(1), "ids are indexed from 1 in order of appearance");
            Assert.That(transformer.UserIndexOf(-5L), Is.Zero, "an id never seen is the unknown user");
            for (int i = 0; i < rows.Length; i += 211)
            {
                Assert.That(transformer.Model.Predict(transformer.UserIndexOf(rows[i].userId), transformer.MovieIndexOf(rows[i].movieId)), Is.EqualTo(scores[i]).Within(1e-5), $"row {i}");
            }
        });
    }

    /// <summary>A row as ML.NET's matrix factorisation tutorial names its columns.</summary>
    public sealed class Rating
    {
        [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The tutorial's column names.")]
        public float userId { get; set; }

        [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The tutorial's column names.")]
        public float movieId { get; set; }

        public float Label { get; set; }
    }
}
