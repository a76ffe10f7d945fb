using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Splits;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Splits;

public sealed class FullRankingSplitTests
{
    [Test]
    public void Positives_are_split_80_10_10_per_user_and_the_rest_dropped()
    {
        var ratings = TestRatings.Random(users: 40, movies: 120, count: 2500, seed: 6);
        var split = FullRankingSplit.Create(ratings, seed: 2);

        var positives = Enumerable.Range(0, ratings.Count).Where(i => ratings.Ratings[i] >= 4).Select(i => (ratings.Users[i], ratings.Movies[i])).ToHashSet();
        var train = TestRatings.Keys(split.Train).ToList();
        var validation = TestRatings.Keys(split.Validation).ToList();
        var test = TestRatings.Keys(split.Test).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(train.Concat(validation).Concat(test), Is.EquivalentTo(positives), "every positive in exactly one part, nothing else");
            foreach (var group in positives.GroupBy(p => p.Item1))
            {
                int held = (int)Math.Round(group.Count() * 0.1, MidpointRounding.AwayFromZero);
                Assert.That(test.Count(p => p.User == group.Key), Is.EqualTo(held), $"user {group.Key}: test");
                Assert.That(validation.Count(p => p.User == group.Key), Is.EqualTo(held), $"user {group.Key}: validation");
            }
        });
    }

    [Test]
    public void Users_with_fewer_than_five_positives_stay_in_training_and_the_seed_decides()
    {
        var ratings = RatingsTable.Create([1, 1, 1, 1, 2, 2, 2, 2, 2, 2], [1, 2, 3, 4, 1, 2, 3, 4, 5, 6], [5, 4, 4, 5, 5, 5, 4, 4, 5, 2]);
        var split = FullRankingSplit.Create(ratings, seed: 1);
        var big = TestRatings.Random(users: 30, movies: 100, count: 1500, seed: 1);
        Assert.Multiple(() =>
        {
            Assert.That(split.Train.Count, Is.EqualTo(7), "user 1's four positives, user 2's five minus one test and one validation positive");
            Assert.That(TestRatings.Keys(split.Test).Concat(TestRatings.Keys(split.Validation)), Has.All.Matches<(int User, int Movie)>(p => p.User == 2));
            Assert.That(TestRatings.Keys(split.Train), Has.None.EqualTo((2, 6)), "a rating below 4 is dropped");
            Assert.That(TestRatings.Keys(FullRankingSplit.Create(big, 4).Test), Is.EqualTo(TestRatings.Keys(FullRankingSplit.Create(big, seed: 4).Test)));
            Assert.That(TestRatings.Keys(FullRankingSplit.Create(big, 5).Test), Is.Not.EqualTo(TestRatings.Keys(FullRankingSplit.Create(big, 4).Test)));
            Assert.That(() => FullRankingSplit.Create(big, 1, float.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Evaluation_ranks_every_unseen_movie_and_never_shows_a_validation_movie()
    {
        var ratings = TestRatings.Random(users: 40, movies: 150, count: 3000, seed: 9);
        var split = ExperimentRunner.CreateSplit(EvaluationProtocolNames.Parse("full-ranking"), ratings, seed: 3);
        var options = new ExperimentOptions { Protocol = EvaluationProtocol.FullRanking, TopKs = [10, 20] };

        // Scores the user's validation movies highest, then their test movies: with validation masked, the test movies lead.
        var validationFirst = new Oracle(split.Validation!, split.Test, 150);
        var testOnly = new Oracle(RatingsTable.Empty, split.Test, 150);
        var a = ExperimentRunner.Evaluate(validationFirst, split, options);
        var b = ExperimentRunner.Evaluate(testOnly, split, options);
        Assert.Multiple(() =>
        {
            Assert.That(split.Validation, Is.Not.Null);
            Assert.That(a.Keys, Is.SupersetOf(new[] { "R@10", "R@20", "NDCG@10", "NDCG@20" }));
            Assert.That(a.Keys, Has.None.EqualTo("RMSE"), "there is no rating to predict");
            Assert.That(a["R@20"], Is.EqualTo(b["R@20"]));
            Assert.That(a["NDCG@10"], Is.EqualTo(b["NDCG@10"]).And.GreaterThan(0.99));
        });
    }

    private sealed class Oracle(RatingsTable first, RatingsTable second, int movies) : IRatingPredictor
    {
        private readonly HashSet<(int, int)> _first = [.. TestRatings.Keys(first)];
        private readonly HashSet<(int, int)> _second = [.. TestRatings.Keys(second)];

        public string Name => "oracle";

        public PredictionKind Predicts => PredictionKind.Ranking;

        public int UserIndexBound => 1000;

        public int MovieIndexBound => movies + 1;

        public FactorMatrix? UserVectors => null;

        public FactorMatrix? MovieVectors => null;

        public float Predict(int user, int movie) => _first.Contains((user, movie)) ? 2 : _second.Contains((user, movie)) ? 1 : 0;
    }
}
