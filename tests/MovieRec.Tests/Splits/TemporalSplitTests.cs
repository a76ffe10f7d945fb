using MovieRec.Data;
using MovieRec.Splits;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Splits;

public sealed class TemporalSplitTests
{
    [Test]
    public void Create_TestHoldsEachUsersLatestRatings()
    {
        var ratings = TestRatings.Random(users: 20, movies: 100, count: 800, seed: 3);

        var split = TemporalSplit.Create(ratings, 0.25);

        Assert.That(split.Train.Count + split.Test.Count, Is.EqualTo(ratings.Count));
        Assert.That(TestRatings.Keys(split.Train).Intersect(TestRatings.Keys(split.Test)), Is.Empty);
        for (int u = 1; u <= 20; u++)
        {
            var trainTimes = Enumerable.Range(0, split.Train.Count).Where(i => split.Train.Users[i] == u).Select(i => split.Train.Timestamps[i]).ToList();
            var testTimes = Enumerable.Range(0, split.Test.Count).Where(i => split.Test.Users[i] == u).Select(i => split.Test.Timestamps[i]).ToList();
            int total = trainTimes.Count + testTimes.Count;
            Assert.That(testTimes, Has.Count.EqualTo((int)Math.Round(total * 0.25, MidpointRounding.AwayFromZero)));
            Assert.That(testTimes.Min(), Is.GreaterThanOrEqualTo(trainTimes.Max()));
        }
    }

    [Test]
    public void Create_UserWithOneRating_KeepsItInTraining()
    {
        var ratings = RatingsTable.Create([1, 2, 2], [1, 1, 2], [5, 4, 3], [10, 20, 30]);

        var split = TemporalSplit.Create(ratings, 0.5);

        Assert.That(TestRatings.Keys(split.Test), Is.EqualTo(new[] { (2, 2) }));
    }
}
