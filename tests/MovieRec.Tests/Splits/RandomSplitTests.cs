using MovieRec.Data;
using MovieRec.Splits;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Splits;

public sealed class RandomSplitTests
{
    [TestCase(0.2)]
    [TestCase(0.1)]
    public void Create_PartitionsRowsWithExactSizes(double fraction)
    {
        var ratings = TestRatings.Random(users: 50, movies: 40, count: 1000, seed: 1);

        var split = RandomSplit.Create(ratings, fraction, seed: 7);

        Assert.That(split.Test.Count, Is.EqualTo((int)Math.Round(1000 * fraction)));
        Assert.That(split.Train.Count + split.Test.Count, Is.EqualTo(1000));
        var all = TestRatings.Keys(split.Train).Concat(TestRatings.Keys(split.Test)).ToList();
        Assert.That(all, Is.Unique);
        Assert.That(all.Order(), Is.EqualTo(TestRatings.Keys(ratings).Order()));
    }

    [Test]
    public void Create_SameSeedSameSplit_OtherSeedOtherSplit()
    {
        var ratings = TestRatings.Random(users: 50, movies: 40, count: 1000, seed: 1);

        var a = RandomSplit.Create(ratings, 0.2, seed: 3);
        var b = RandomSplit.Create(ratings, 0.2, seed: 3);
        var c = RandomSplit.Create(ratings, 0.2, seed: 4);

        Assert.That(TestRatings.Keys(a.Test), Is.EqualTo(TestRatings.Keys(b.Test)));
        Assert.That(TestRatings.Keys(a.Test), Is.Not.EqualTo(TestRatings.Keys(c.Test)));
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(double.NaN)]
    public void Create_BadFraction_Throws(double fraction)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RandomSplit.Create(RatingsTable.Empty, fraction))!;
        Assert.That(ex.ParamName, Is.EqualTo("testFraction"));
    }
}
