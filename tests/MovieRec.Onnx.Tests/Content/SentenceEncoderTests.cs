using System.Numerics.Tensors;
using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Onnx.Content;

namespace MovieRec.Onnx.Tests.Content;

[TestFixture]
public sealed class SentenceEncoderTests
{
    private const string Hitman = "A retired hitman seeks revenge after gangsters kill his dog.";
    private const string Soldier = "An ex-special forces soldier fights terrorists who took over a skyscraper.";
    private const string Romance = "Two strangers fall in love during a summer in Paris.";

    private SentenceEncoder _encoder = null!;

    [OneTimeSetUp]
    public void Load() => _encoder = SentenceEncoder.MiniLm(new SentenceEncoderOptions { BatchSize = 2 });

    [OneTimeTearDown]
    public void Release() => _encoder.Dispose();

    [Test]
    public void MiniLm_vectors_are_unit_length_and_two_action_plots_are_closer_than_action_and_romance()
    {
        var vectors = new float[3 * _encoder.Dimension];
        _encoder.Encode([Hitman, Soldier, Romance], vectors);
        float[] Row(int i) => vectors.AsSpan(i * _encoder.Dimension, _encoder.Dimension).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(_encoder.Dimension, Is.EqualTo(384));
            Assert.That(_encoder.Name, Is.EqualTo(SentenceEncoder.MiniLmName));
            Assert.That(TensorPrimitives.Norm<float>(Row(0)), Is.EqualTo(1f).Within(1e-4f));
            Assert.That(TensorPrimitives.Dot<float>(Row(0), Row(1)), Is.GreaterThan(TensorPrimitives.Dot<float>(Row(0), Row(2)) + 0.2f));
        });
    }

    [Test]
    public void Batching_and_padding_do_not_change_a_vector()
    {
        var batched = new float[3 * _encoder.Dimension];
        _encoder.Encode([Romance, Hitman + " " + Soldier + " " + Romance, string.Empty], batched);
        var alone = new float[_encoder.Dimension];
        _encoder.Encode([Romance], alone);

        Assert.Multiple(() =>
        {
            Assert.That(batched.AsSpan(0, _encoder.Dimension).ToArray(), Is.EqualTo(alone).Within(1e-4f));
            Assert.That(batched.AsSpan(2 * _encoder.Dimension).ToArray(), Is.All.EqualTo(0f), "an empty text gets a zero vector");
        });
    }

    [Test]
    public void Missing_files_and_bad_options_get_one_clear_message()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SentenceEncoder.Load("no-such-model.onnx", "vocab.txt"), Throws.TypeOf<FileNotFoundException>().With.Message.Contains("no-such-model.onnx"));
            Assert.That(() => SentenceEncoder.MiniLm(new SentenceEncoderOptions { MaxTokens = 1 }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("SentenceEncoderOptions.MaxTokens = 1"));
            Assert.That(SentenceEncoder.IsMiniLmAvailable, Is.True);
        });
    }

    [Test]
    public void The_content_model_with_MiniLm_recommends_a_plot_like_the_liked_one()
    {
        var dataset = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 1000, NumberOfUsers = 80, NumberOfMovies = 30, Seed = 3 });
        string[] plots = [Hitman, Romance, "Astronauts stranded on Mars grow potatoes while they wait for a rescue."];
        var descriptions = new string?[dataset.Movies.Count];
        for (int m = 1; m < descriptions.Length; m++)
        {
            descriptions[m] = plots[(m - 1) % plots.Length];
        }

        dataset = dataset.WithMovies(dataset.Movies.WithDescriptions(descriptions));
        var model = new ContentTrainer(new ContentOptions { Encoder = _encoder }).Fit(dataset, dataset.Ratings);
        var profile = model.NewProfile();
        model.AddLike(profile, 2);   // the romance
        var top = model.Recommend(profile, new() { Count = 5 }, [2]);

        Assert.That(top.Select(r => (r.Index - 1) % plots.Length), Is.All.EqualTo(1));
    }
}
