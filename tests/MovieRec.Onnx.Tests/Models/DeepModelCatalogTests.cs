using MovieRec.Onnx.Models;

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
}
