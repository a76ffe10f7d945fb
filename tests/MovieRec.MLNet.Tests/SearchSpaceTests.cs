using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Tests.Models;
using MovieRec.Tests.Repository;

namespace MovieRec.MLNet.Tests;

/// <summary>The search spaces in the table of models: what <c>movierec tune</c> may search for each model.</summary>
[TestFixture]
public sealed class SearchSpaceTests
{
    private static readonly MovieRecCatalog s_catalog = new MLContext(seed: 1).MovieRec();

    [Test]
    public void Classical_and_deep_presets_are_tunable_by_name()
    {
        Assert.Multiple(() =>
        {
            Assert.That(s_catalog.TunableModelNames, Is.SupersetOf(BaselineSearchSpaces.ModelNames));
            Assert.That(s_catalog.TunableModelNames, Is.SupersetOf(new[] { "lstm-cnn-tuned", "text-cnn-tuned", "neumf-tuned", "like-mlp-tuned", "seq-cnn-tuned" }));
            Assert.That(s_catalog.TunableModelNames, Does.Not.Contain("neumf").And.Not.Contain("hybrid"));
            Assert.That(s_catalog.SearchSpace(" TEXT-CNN-TUNED ").Model, Is.EqualTo("text-cnn-tuned"));
        });
        var error = Assert.Throws<ArgumentException>(() => s_catalog.SearchSpace("neumf"))!;
        Assert.That(error.Message, Does.Contain("'neumf' has no search space").And.Contain("ease").And.Contain("neumf-tuned"));
    }

    [Test]
    public void Each_deep_grid_holds_its_preset_once_and_names_what_it_changes()
    {
        foreach (var space in DeepSearchSpaces.All)
        {
            string presetOptions = OptionsOf(s_catalog.CreateTrainer(space.Model));
            var candidates = space.Candidates();
            Assert.Multiple(() =>
            {
                Assert.That(candidates, Has.Count.EqualTo(space.Count));
                Assert.That(candidates.Count(c => OptionsOf(c.Trainer) == presetOptions), Is.EqualTo(1), $"{space.Model}: the preset is one candidate of its grid");
                Assert.That(candidates.Select(c => OptionsOf(c.Trainer)), Is.Unique, $"{space.Model}: every candidate trains something else");
                Assert.That(candidates.Select(c => c.Trainer.Name), Has.All.EqualTo(space.Model));
            });
        }

        var decayed = (RatingCnnTrainer)s_catalog.SearchSpace("text-cnn-tuned").Create([KeyValuePair.Create("Training.WeightDecay", 0.0)]);
        var preset = RatingCnnOptions.Tuned(RatingCnnVariant.TextCnn);
        Assert.Multiple(() =>
        {
            Assert.That(decayed.Options.Training, Is.EqualTo(preset.Training with { WeightDecay = 0 }));
            Assert.That(decayed.Options.DropoutRate, Is.EqualTo(preset.DropoutRate));
        });
        var unknown = Assert.Throws<ArgumentException>(() => s_catalog.SearchSpace("neumf-tuned").Create([KeyValuePair.Create("Lambda", 1.0)]))!;
        Assert.That(unknown.Message, Does.Contain("'Lambda' is not a setting of neumf-tuned").And.Contain("ApproximationRank, EmbeddingL2"));
    }

    [Test]
    public void A_search_space_given_to_register_must_be_the_models_own()
    {
        var pop = new SearchSpace("search-test-pop", [], _ => BaselineCatalog.Popularity());
        s_catalog.Register("search-test-pop", _ => BaselineCatalog.Popularity(), searchSpace: pop);
        Assert.Multiple(() =>
        {
            Assert.That(new MLContext(seed: 2).MovieRec().SearchSpace("Search-Test-Pop"), Is.SameAs(pop));
            Assert.That(() => s_catalog.Register("search-test-other", _ => BaselineCatalog.Popularity(), searchSpace: pop), Throws.ArgumentException.With.Message.Contains("'search-test-pop' given for model 'search-test-other'"));
            Assert.That(() => new SearchSpace("m", [("A", [1.0]), ("A", [2.0])], _ => BaselineCatalog.Popularity()), Throws.ArgumentException.With.Message.Contains("appears twice"));
            Assert.That(() => new SearchSpace("m", [("A", [])], _ => BaselineCatalog.Popularity()), Throws.ArgumentException.With.Message.Contains("no values to try"));
        });
    }

    [Test]
    public void A_deep_preset_is_tuned_without_reading_a_test_rating()
    {
        var dataset = TinyModels.Dataset;
        var protocol = EvaluationProtocol.Random90To10;
        var test = ExperimentRunner.CreateSplit(protocol, dataset.Ratings, 1).Test;
        var held = new HashSet<(int, int)>(Enumerable.Range(0, test.Count).Select(i => (test.Users[i], test.Movies[i])));

        // Every test rating moved to another value; the rows, and so the split, stay as they are.
        var ratings = dataset.Ratings;
        var values = ratings.Ratings.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            if (held.Contains((ratings.Users[i], ratings.Movies[i])))
            {
                values[i] = 6 - values[i];
            }
        }

        var changed = dataset.WithRatings(RatingsTable.Create(ratings.Users.ToArray(), ratings.Movies.ToArray(), values, ratings.Timestamps.ToArray()));
        var options = new ExperimentOptions { Protocol = protocol, Seeds = 1 };
        TuningCandidate[] Grid() => [.. s_catalog.SearchSpace("text-cnn-tuned").Candidates().Take(2)];
        var a = Tuner.Run(dataset, Grid(), options);
        var b = Tuner.Run(changed, Grid(), options);

        Assert.Multiple(() =>
        {
            Assert.That(a.Metric, Is.EqualTo("RMSE"));
            Assert.That(new[] { a.Score(0, 0), a.Score(1, 0) }, Has.All.InRange(0.01, 2.0));
            Assert.That(new[] { b.Score(0, 0), b.Score(1, 0) }, Is.EqualTo(new[] { a.Score(0, 0), a.Score(1, 0) }));
            Assert.That(b.Chosen, Is.EqualTo(a.Chosen));
        });
    }

    [Test]
    public void A_like_classifier_is_tuned_by_validation_accuracy()
    {
        var grid = s_catalog.SearchSpace("like-mlp-tuned").Candidates().Take(2).ToArray();
        var report = Tuner.Run(TinyModels.Dataset, grid, new ExperimentOptions { Protocol = EvaluationProtocol.Random90To10, Seeds = 1 });
        Assert.Multiple(() =>
        {
            Assert.That(report.Metric, Is.EqualTo("Accuracy"));
            Assert.That(report.LowerIsBetter, Is.False);
            Assert.That(new[] { report.Score(0, 0), report.Score(1, 0) }, Has.All.InRange(0.3, 1.0));
        });
    }

    [TestCase("mf-ml-100k-random-80-20")]
    [TestCase("als-ml-100k-random-80-20")]
    [TestCase("ials-ml-100k-loo-99")]
    [TestCase("ials-ml-latest-small-full-ranking")]
    [TestCase("iknn-ml-100k-loo-99")]
    [TestCase("ease-ml-100k-full-ranking")]
    [TestCase("bpr-ml-100k-loo-99")]
    [TestCase("lstm-cnn-tuned-ml-100k-random-80-20")]
    [TestCase("text-cnn-tuned-ml-100k-random-80-20")]
    [TestCase("like-mlp-tuned-ml-latest-small-random-90-10")]
    [TestCase("neumf-tuned-ml-100k-loo-99")]
    public void A_preset_is_the_choice_its_tune_file_records(string file)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "benchmarks", "tuned", file + ".json")));
        string model = json.RootElement.GetProperty("model").GetString()!;
        var chosen = json.RootElement.GetProperty("chosen").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetDouble())).ToList();
        var space = s_catalog.SearchSpace(model);
        Assert.That(chosen, Is.Not.Empty);
        Assert.That(chosen, Is.EquivalentTo(space.Preset), $"{model}'s preset differs from the choice in {file}.json");
    }

    private static string OptionsOf(IRatingTrainer trainer) =>
        trainer.GetType().GetProperty("Options")?.GetValue(trainer)?.ToString() ?? throw new AssertionException($"{trainer.Name} has no options");
}
