using System.Text.Json;

namespace MovieRec.Cli.Tests.Commands;

/// <summary><c>movierec tune</c> and the full-ranking protocol through the command line.</summary>
[TestFixture]
public sealed class TuneCommandTests
{
    [Test]
    public void Tune_prints_the_validation_table_and_writes_the_chosen_settings()
    {
        string path = Path.Combine(Path.GetTempPath(), $"movierec-tune-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output) = CliRunner.Run("tune", "--model", "ease", "--data", "synthetic", "--seeds", "2", "--output", path);
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero, output);
                Assert.That(output, Does.Contain("no test rating is read").And.Contain("validation NDCG@10").And.Contain("Lambda=250").And.Contain("(chosen)"));
                Assert.That(json.RootElement.GetProperty("protocol").GetString(), Is.EqualTo("full-ranking"));
                Assert.That(json.RootElement.GetProperty("chosen").GetProperty("Lambda").GetDouble(), Is.GreaterThan(0));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Evaluate_trains_a_model_with_the_settings_tune_chose_and_refuses_a_bad_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"movierec-settings-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string chosen = Path.Combine(folder, "iknn.json");
            var (tune, tuneOutput) = CliRunner.Run("tune", "--model", "iknn", "--data", "synthetic", "--seeds", "1", "--protocol", "loo-99", "--output", chosen);
            Assert.That(tune, Is.Zero, tuneOutput);
            string broken = Path.Combine(folder, "broken.json");
            File.WriteAllText(broken, "{\"model\": \"iknn\"}");
            string alien = Path.Combine(folder, "alien.json");
            File.WriteAllText(alien, File.ReadAllText(chosen).Replace("\"Shrinkage\"", "\"Depth\"", StringComparison.Ordinal));

            var (code, output) = CliRunner.Run("evaluate", "--data", "synthetic", "--protocol", "full-ranking", "--models", "iknn,pop", "--settings", chosen);
            var (notListed, notListedOutput) = CliRunner.Run("evaluate", "--data", "synthetic", "--models", "pop", "--settings", chosen);
            var (bad, badOutput) = CliRunner.Run("evaluate", "--data", "synthetic", "--models", "iknn", "--settings", broken);
            var (unknown, unknownOutput) = CliRunner.Run("evaluate", "--data", "synthetic", "--models", "iknn", "--settings", alien);
            var (device, deviceOutput) = CliRunner.Run("evaluate", "--data", "synthetic", "--models", "iknn", "--settings", "/dev/zero");
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero, output);
                Assert.That(output, Does.Contain("iknn: NumberOfNeighbours=").And.Contain("chosen by NDCG@10 on the validation splits of synthetic loo-99 (another dataset or protocol than this run's)"));
                Assert.That(notListed, Is.EqualTo(2), notListedOutput);
                Assert.That(notListedOutput, Does.Contain("tunes iknn, which --models does not list"));
                Assert.That(bad, Is.EqualTo(1), badOutput);
                Assert.That(badOutput, Does.Contain("broken.json: not a tuning report written by movierec tune"));
                Assert.That(unknown, Is.EqualTo(2), unknownOutput);
                Assert.That(unknownOutput, Does.Contain("alien.json").And.Contain("'Depth' is not a setting of iknn; its settings are NumberOfNeighbours, Shrinkage"));
                Assert.That(device, Is.EqualTo(1), deviceOutput);
                Assert.That(deviceOutput, Does.Contain("'/dev/zero' is a device, not a regular file"));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Tune_refuses_a_model_without_a_search_space_and_a_protocol_without_a_generated_split()
    {
        var (model, modelOutput) = CliRunner.Run("tune", "--model", "neumf", "--data", "synthetic");
        var (folds, foldsOutput) = CliRunner.Run("tune", "--model", "ease", "--protocol", "ml100k-folds");
        var (missing, missingOutput) = CliRunner.Run("tune", "--data", "synthetic");
        Assert.Multiple(() =>
        {
            Assert.That(model, Is.EqualTo(2), modelOutput);
            Assert.That(modelOutput, Does.Contain("Model 'neumf' has no search space; the models that can be tuned are mf, als, ials, iknn, ease, bpr, pop, lstm-cnn-tuned"));
            Assert.That(folds, Is.EqualTo(2), foldsOutput);
            Assert.That(foldsOutput, Does.Contain("--protocol ml100k-folds has no generated split"));
            Assert.That(missing, Is.EqualTo(2), missingOutput);
            Assert.That(modelOutput + foldsOutput + missingOutput, Does.Not.Contain(" at MovieRec"));
        });
    }

    [Test]
    public void Evaluate_full_ranking_prints_recall_and_ndcg_at_10_and_20()
    {
        var (code, output) = CliRunner.Run("evaluate", "--data", "synthetic", "--protocol", "full-ranking", "--models", "ease,iknn,pop", "--seeds", "1");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("every movie without a training or"));
            Assert.That(output, Does.Contain("ease").And.Contain("iknn").And.Contain("NDCG"));
            Assert.That(output, Does.Not.Contain("RMSE"));
        });
    }
}
