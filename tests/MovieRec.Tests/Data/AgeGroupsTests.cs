using MovieRec.Data;

namespace MovieRec.Tests.Data;

public sealed class AgeGroupsTests
{
    [TestCase(0, 0)]
    [TestCase(1, 0)]
    [TestCase(17, 0)]
    [TestCase(18, 1)]
    [TestCase(24, 1)]
    [TestCase(25, 2)]
    [TestCase(34, 2)]
    [TestCase(35, 3)]
    [TestCase(44, 3)]
    [TestCase(45, 4)]
    [TestCase(49, 4)]
    [TestCase(50, 5)]
    [TestCase(55, 5)]
    [TestCase(56, 6)]
    [TestCase(73, 6)]
    public void FromAge_BucketsAsMovieLens1M(int age, int group)
    {
        Assert.That(AgeGroups.FromAge(age), Is.EqualTo(group));
    }

    [Test]
    public void FromAge_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AgeGroups.FromAge(-1));
    }

    [Test]
    public void MovieLens1MCodes_MapToTheirOwnGroupIndex()
    {
        for (int g = 0; g < AgeGroups.Count; g++)
        {
            Assert.That(AgeGroups.FromAge(AgeGroups.LowerBounds[g]), Is.EqualTo(g));
            Assert.That(AgeGroups.IsMovieLens1MCode(AgeGroups.LowerBounds[g]), Is.True);
        }

        Assert.That(AgeGroups.IsMovieLens1MCode(30), Is.False);
    }
}
