using MovieRec.Abstractions;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.MLNet;
using MovieRec.Tests.Models;

namespace MovieRec.Onnx.Tests.Models;

public sealed class LikeMlpTrainerTests
{
    [Test]
    public void Settings_out_of_range_are_refused_naming_the_setting()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => LikeMlpTrainer.Create(new LikeMlpOptions { DropoutRate = 1 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("LikeMlpOptions.DropoutRate = 1 is out of range; expected a value in [0, 1)"));
            Assert.That(() => LikeMlpTrainer.Create(new LikeMlpOptions { EmbeddingSize = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("LikeMlpOptions.EmbeddingSize = 0 is out of range"));
            Assert.That(() => LikeMlpTrainer.Create(new LikeMlpOptions { LikeThreshold = float.NaN }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("LikeMlpOptions.LikeThreshold = NaN is out of range; expected a finite rating"));
            Assert.That(() => LikeMlpTrainer.Create(new LikeMlpOptions { RatingLossWeight = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("LikeMlpOptions.RatingLossWeight = -1 is out of range"));
            Assert.That(() => LikeMlpTrainer.Create(new LikeMlpOptions { Training = LikeMlpOptions.Defaults.Training with { Patience = 2 } }).Fit(TinyModels.Dataset, TinyModels.Train), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("LikeMlpOptions.Training.Patience = 2 is out of range; expected 0 when Training.ValidationFraction is 0 and no validation ratings are given"));
        });
    }

    [Test]
    public void A_movie_without_training_ratings_is_read_by_its_genres_and_year_alone()
    {
        var dataset = TinyModels.Dataset;
        int unrated = TinyModels.Train.Movies[0];
        int[] rows = [.. Enumerable.Range(0, TinyModels.Train.Count).Where(i => TinyModels.Train.Movies[i] != unrated)];
        var options = new LikeMlpOptions { EmbeddingSize = 8, Training = LikeMlpOptions.Defaults.Training with { Epochs = 1, BatchSize = 256 } };

        int[] genres = dataset.Movies.GenresOf(unrated).ToArray();
        using var model = LikeMlpTrainer.Create(options).Fit(dataset, TinyModels.Train.Subset(rows));
        var row = model.Bundle.MovieFeatures.AsSpan(unrated * model.Bundle.MovieFeatureWidth, model.Bundle.MovieFeatureWidth).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(row[0], Is.Zero, "the movie id reads as unknown");
            Assert.That(row[1], Is.EqualTo(genres.Length > 0 ? genres[0] + 1 : 0), "its first genre is kept");
            Assert.That(row[2], Is.EqualTo(genres.Length > 1 ? genres[1] + 1 : 0), "its second genre is kept");
            Assert.That(model.Bundle.Model.Metadata[LikeMlpTrainer.FirstYearKey], Is.EqualTo(model.Bundle.Metadata[LikeMlpTrainer.FirstYearKey]), "the exported model says how years are keyed");
            Assert.That(model.Predicts, Is.EqualTo(PredictionKind.LikeProbability));
            Assert.That(model.Predict(1, unrated), Is.InRange(0f, 1f));
        });
    }

    [Test]
    public void Catalog_names_build_the_paper_and_tuned_settings()
    {
        var catalog = new Microsoft.ML.MLContext(seed: 1).MovieRec();
        var paper = (LikeMlpTrainer)catalog.CreateBundleTrainer("like-mlp");
        var tuned = (LikeMlpTrainer)catalog.CreateBundleTrainer("like-mlp", new DeepTrainingSettings { Tuned = true });
        Assert.Multiple(() =>
        {
            Assert.That(paper.Options, Is.EqualTo(new LikeMlpOptions()));
            Assert.That(tuned.Options.RatingLossWeight, Is.EqualTo(1));
            Assert.That(tuned.Options.UseBiases, Is.True);
        });
    }
}
