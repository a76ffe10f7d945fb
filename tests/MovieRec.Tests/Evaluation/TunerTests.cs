using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Evaluation;

public sealed class TunerTests
{
    [TestCase("full-ranking")]
    [TestCase("loo-99")]
    [TestCase("random-90-10")]
    public void No_model_is_ever_fitted_on_a_test_rating(string protocolName)
    {
        var dataset = SyntheticDataset.Generate(6000, seed: 2);
        var protocol = EvaluationProtocolNames.Parse(protocolName);
        var seen = new List<RatingsTable>();
        var candidates = new[] { 5.0, 50.0 }.Select(l => new TuningCandidate([KeyValuePair.Create("Lambda", l)], new Recording(BaselineCatalog.Ease(new EaseOptions { Lambda = l }), seen))).ToArray();

        var report = Tuner.Run(dataset, candidates, new ExperimentOptions { Protocol = protocol, Seeds = 2 });

        Assert.That(seen, Has.Count.EqualTo(4));
        for (int s = 0; s < 2; s++)
        {
            var test = TestRatings.Keys(ExperimentRunner.CreateSplit(protocol, dataset.Ratings, report.Seeds[s]).Test).ToHashSet();
            Assert.That(test, Is.Not.Empty);
            foreach (var table in seen.Skip(2 * s).Take(2))
            {
                Assert.That(TestRatings.Keys(table).Where(test.Contains), Is.Empty, $"seed {report.Seeds[s]}: a fitted table holds a test rating");
            }
        }
    }

    [TestCase("full-ranking")]
    [TestCase("loo-99")]
    public void Changing_the_test_ratings_changes_nothing_the_tuner_reports(string protocolName)
    {
        var dataset = SyntheticDataset.Generate(6000, seed: 4);
        var protocol = EvaluationProtocolNames.Parse(protocolName);
        var test = TestRatings.Keys(ExperimentRunner.CreateSplit(protocol, dataset.Ratings, 1).Test).ToHashSet();

        // Every test rating moved to another value that keeps the split as it is (a positive stays a positive); ials reads the values.
        var ratings = dataset.Ratings;
        var values = ratings.Ratings.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            if (test.Contains((ratings.Users[i], ratings.Movies[i])))
            {
                values[i] = values[i] >= 4 ? 9 - values[i] : values[i] == 1 ? 3 : 1;
            }
        }

        var changed = dataset.WithRatings(RatingsTable.Create(ratings.Users.ToArray(), ratings.Movies.ToArray(), values, ratings.Timestamps.ToArray()));
        var options = new ExperimentOptions { Protocol = protocol, Seeds = 1 };
        var a = Tuner.Run(dataset, BaselineSearchSpaces.For("ials").Take(2).ToArray(), options);
        var b = Tuner.Run(changed, BaselineSearchSpaces.For("ials").Take(2).ToArray(), options);

        Assert.That(Enumerable.Range(0, 2).Select(c => b.Score(c, 0)), Is.EqualTo(Enumerable.Range(0, 2).Select(c => a.Score(c, 0))));
        Assert.That(b.Chosen, Is.EqualTo(a.Chosen));
    }

    [Test]
    public void The_chosen_settings_have_the_best_mean_and_are_written_as_json()
    {
        var dataset = SyntheticDataset.Generate(5000, seed: 3);
        var report = Tuner.Run(dataset, BaselineSearchSpaces.For("ease"), new ExperimentOptions { Protocol = EvaluationProtocol.FullRanking, Seeds = 2 });
        double best = Enumerable.Range(0, report.Candidates.Count).Max(c => report.Summary(c).Mean);
        string path = Path.Combine(Path.GetTempPath(), $"tune-{Guid.NewGuid():N}.json");
        try
        {
            report.WriteJson(path);
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            Assert.Multiple(() =>
            {
                Assert.That(report.Metric, Is.EqualTo("NDCG@10"));
                Assert.That(report.Summary(report.Chosen).Mean, Is.EqualTo(best));
                Assert.That(json.RootElement.GetProperty("chosen").GetProperty("Lambda").GetDouble(), Is.EqualTo(report.Candidates[report.Chosen].Settings[0].Value));
                Assert.That(json.RootElement.GetProperty("candidates").GetArrayLength(), Is.EqualTo(report.Candidates.Count));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Rating_models_are_tuned_on_rmse_and_protocols_without_a_generated_split_are_refused()
    {
        var dataset = SyntheticDataset.Generate(4000, seed: 5);
        var report = Tuner.Run(dataset, BaselineSearchSpaces.For("als").Take(2).ToArray(), new ExperimentOptions { Protocol = EvaluationProtocol.Random90To10 });
        Assert.Multiple(() =>
        {
            Assert.That(report.Metric, Is.EqualTo("RMSE"));
            Assert.That(report.LowerIsBetter, Is.True);
            Assert.That(() => Tuner.Run(dataset, BaselineSearchSpaces.For("pop"), new ExperimentOptions { Protocol = EvaluationProtocol.MovieLens100KFolds }), Throws.ArgumentException.With.Message.Contains("no generated split"));
            Assert.That(() => BaselineSearchSpaces.For("neumf"), Throws.ArgumentException.With.Message.Contains("ease"));
        });
    }

    [Test]
    public void Named_settings_build_the_trainer_and_the_rest_keep_their_defaults()
    {
        var ials = (AlternatingLeastSquaresTrainer)BaselineSearchSpaces.Create("ials", [KeyValuePair.Create("Alpha", 0.25)]);
        var grid = BaselineSearchSpaces.For("iknn");
        var last = (ImplicitItemKnnTrainer)grid[^1].Trainer;
        Assert.Multiple(() =>
        {
            Assert.That(ials.Options.Alpha, Is.EqualTo(0.25));
            Assert.That(ials.Options.ApproximationRank, Is.EqualTo(AlternatingLeastSquaresOptions.Defaults.OneClassApproximationRank));
            Assert.That(ials.Options.LossFunction, Is.EqualTo(MatrixFactorizationLoss.SquareLossOneClass));
            Assert.That(grid, Has.Count.EqualTo(24), "six neighbour counts by four shrinkages");
            Assert.That(grid.Select(c => c.Label), Is.Unique);
            Assert.That(last.Options.NumberOfNeighbours, Is.EqualTo(400));
            Assert.That(last.Options.Shrinkage, Is.EqualTo(100));
            Assert.That(() => BaselineSearchSpaces.Create("ease", [KeyValuePair.Create("Lambda", -1.0)]), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    private sealed class Recording(IRatingTrainer inner, List<RatingsTable> seen) : IRatingTrainer
    {
        public string Name => inner.Name;

        public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
        {
            seen.Add(train);
            return inner.Fit(train, progress, cancellationToken);
        }
    }
}
