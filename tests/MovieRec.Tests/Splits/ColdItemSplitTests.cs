using MovieRec.Baselines;
using MovieRec.Evaluation;
using MovieRec.Splits;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Splits;

public sealed class ColdItemSplitTests
{
    [Test]
    public void Cold_movies_have_no_training_rating_and_each_affected_user_is_tested_on_their_latest_one()
    {
        var ratings = TestRatings.Random(users: 40, movies: 300, count: 3000, seed: 4);

        var split = ColdItemSplit.Create(ratings, coldShare: 0.1, numberOfNegatives: 30, seed: 7);

        var cold = Enumerable.Range(1, ratings.MovieIndexBound - 1).Where(split.IsCold).ToHashSet();
        var rated = Enumerable.Range(0, ratings.Count).Select(i => ratings.Movies[i]).Distinct().Count();
        var affected = Enumerable.Range(0, ratings.Count).Where(i => cold.Contains(ratings.Movies[i])).GroupBy(i => ratings.Users[i]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Multiple(() =>
        {
            Assert.That(cold, Has.Count.EqualTo((int)Math.Round(0.1 * rated)));
            Assert.That(Enumerable.Range(0, split.Train.Count).Select(i => split.Train.Movies[i]), Has.None.Matches<int>(cold.Contains), "no cold movie in training");
            Assert.That(split.Train.Count, Is.EqualTo(Enumerable.Range(0, ratings.Count).Count(i => !cold.Contains(ratings.Movies[i]))));
            Assert.That(split.Test.Count, Is.EqualTo(affected.Count));
        });
        for (int t = 0; t < split.Test.Count; t++)
        {
            int user = split.Test.Users[t];
            long latest = affected[user].Max(i => ratings.Timestamps[i]);
            int row = affected[user].Last(i => ratings.Timestamps[i] == latest);
            var userMovies = Enumerable.Range(0, ratings.Count).Where(i => ratings.Users[i] == user).Select(i => ratings.Movies[i]).ToHashSet();
            var candidates = split.Candidates[t];
            Assert.That(candidates[0], Is.EqualTo(ratings.Movies[row]));
            Assert.That(candidates.Skip(1), Has.None.Matches<int>(userMovies.Contains), "negatives are movies the user never rated");
            Assert.That(candidates, Is.Unique.And.Length.EqualTo(31));
        }
    }

    [Test]
    public void Same_seed_same_split_and_the_protocol_name_reaches_it()
    {
        var ratings = TestRatings.Random(users: 30, movies: 200, count: 1500, seed: 2);
        var a = ColdItemSplit.Create(ratings, seed: 3);
        var b = ColdItemSplit.Create(ratings, seed: 3);
        var other = ColdItemSplit.Create(ratings, seed: 4);
        var viaRunner = ExperimentRunner.CreateSplit(EvaluationProtocolNames.Parse("cold-items"), ratings, 3);

        Assert.Multiple(() =>
        {
            Assert.That(b.Candidates, Is.EqualTo(a.Candidates));
            Assert.That(other.Candidates, Is.Not.EqualTo(a.Candidates));
            Assert.That(viaRunner.Candidates, Is.EqualTo(a.Candidates));
            Assert.That(viaRunner.Train.Count, Is.EqualTo(a.Train.Count));
            Assert.That(() => ColdItemSplit.Create(ratings, coldShare: 1.0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Evaluate_ranks_the_cold_cases_of_every_model_in_one_table()
    {
        var ratings = TestRatings.Random(users: 40, movies: 300, count: 3000, seed: 4);
        var report = ExperimentRunner.Run(ratings, [BaselineCatalog.FromName("pop"), BaselineCatalog.FromName("mf")], new ExperimentOptions { Protocol = EvaluationProtocol.ColdItems, Seeds = 2 });

        Assert.Multiple(() =>
        {
            Assert.That(report.Models.Select(m => m.Model), Is.EqualTo(new[] { "pop", "mf" }));
            Assert.That(report.MetricNames, Does.Contain("HR@10").And.Contain("NDCG@10"));
            Assert.That(report.Models.Select(m => m.Metrics["HR@10"].Mean), Has.All.InRange(0.0, 0.5), "a model trained without the cold movies ranks them no better than chance and ties");
        });
    }

    [Test]
    public void Mixed_holds_out_every_users_latest_rating_and_makes_a_share_of_those_movies_new_releases()
    {
        var ratings = TestRatings.Random(users: 60, movies: 300, count: 4000, seed: 6);

        var split = ColdItemSplit.CreateMixed(ratings, coldUserShare: 0.2, numberOfNegatives: 30, seed: 2);

        var byUser = Enumerable.Range(0, ratings.Count).GroupBy(i => ratings.Users[i]).Where(g => g.Count() >= 2).ToDictionary(g => g.Key, g => g.ToList());
        var trainMovies = Enumerable.Range(0, split.Train.Count).Select(i => split.Train.Movies[i]).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(split.Test.Count, Is.EqualTo(byUser.Count), "every user with two ratings is tested");
            Assert.That(split.ColdCases, Is.GreaterThanOrEqualTo((int)Math.Round(0.2 * byUser.Count)).And.LessThan(split.Test.Count));
            Assert.That(Enumerable.Range(0, split.Test.Count).Where(i => split.IsCold(split.Test.Movies[i])).Select(i => split.Test.Movies[i]), Has.None.Matches<int>(trainMovies.Contains), "a cold case's movie has no training rating");
            Assert.That(split.Train.Count + split.Test.Count, Is.LessThanOrEqualTo(ratings.Count));
            Assert.That(ExperimentRunner.CreateSplit(EvaluationProtocolNames.Parse("mixed"), ratings, 2).Candidates, Has.Count.EqualTo(split.Test.Count));
        });
        for (int t = 0; t < split.Test.Count; t++)
        {
            int user = split.Test.Users[t];
            long latest = byUser[user].Max(i => ratings.Timestamps[i]);
            Assert.That(split.Candidates[t][0], Is.EqualTo(ratings.Movies[byUser[user].Last(i => ratings.Timestamps[i] == latest)]));
        }
    }
}
