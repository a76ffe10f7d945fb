using MovieRec.Data;
using MovieRec.Splits;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Splits;

public sealed class LeaveOneOutSplitTests
{
    [Test]
    public void Create_HoldsOutLatestRatingOfEveryUser()
    {
        var ratings = TestRatings.Random(users: 30, movies: 200, count: 1500, seed: 2);

        var split = LeaveOneOutSplit.Create(ratings, numberOfNegatives: 20, seed: 5);

        var byUser = Enumerable.Range(0, ratings.Count).GroupBy(i => ratings.Users[i]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.That(split.TestUsers.Length, Is.EqualTo(byUser.Count(g => g.Value.Count >= 2)));
        Assert.That(split.Train.Count + split.Test.Count, Is.EqualTo(ratings.Count));
        for (int t = 0; t < split.TestUsers.Length; t++)
        {
            int user = split.TestUsers[t];
            long latest = byUser[user].Max(i => ratings.Timestamps[i]);
            int row = byUser[user].Last(i => ratings.Timestamps[i] == latest);
            Assert.That(split.TestMovies[t], Is.EqualTo(ratings.Movies[row]));
            Assert.That(split.Test.Users[t], Is.EqualTo(user));
        }
    }

    [Test]
    public void Create_TestUsersAppearInTrainingAndPartsAreDisjoint()
    {
        var ratings = TestRatings.Random(users: 30, movies: 200, count: 1500, seed: 2);

        var split = LeaveOneOutSplit.Create(ratings, numberOfNegatives: 20, seed: 5);

        var trainUsers = split.Train.Users.ToArray().ToHashSet();
        Assert.That(split.TestUsers.ToArray(), Is.SubsetOf(trainUsers));
        Assert.That(TestRatings.Keys(split.Train).Intersect(TestRatings.Keys(split.Test)), Is.Empty);
    }

    [Test]
    public void Create_NegativesAreDistinctAndNeverRated()
    {
        var ratings = TestRatings.Random(users: 30, movies: 200, count: 1500, seed: 2);

        var split = LeaveOneOutSplit.Create(ratings, numberOfNegatives: 50, seed: 5);

        var rated = TestRatings.Keys(ratings).ToHashSet();
        Assert.That(split.Negatives.GetLength(0), Is.EqualTo(split.TestUsers.Length));
        Assert.That(split.NumberOfNegatives, Is.EqualTo(50));
        for (int t = 0; t < split.TestUsers.Length; t++)
        {
            var negatives = Enumerable.Range(0, 50).Select(k => split.Negatives[t, k]).ToList();
            Assert.That(negatives, Is.Unique);
            Assert.That(negatives.Any(m => rated.Contains((split.TestUsers[t], m))), Is.False);
            Assert.That(negatives, Has.All.InRange(1, 200));
        }
    }

    [Test]
    public void Create_SameSeedSameNegatives()
    {
        var ratings = TestRatings.Random(users: 30, movies: 200, count: 1500, seed: 2);

        var a = LeaveOneOutSplit.Create(ratings, 10, seed: 9);
        var b = LeaveOneOutSplit.Create(ratings, 10, seed: 9);
        var c = LeaveOneOutSplit.Create(ratings, 10, seed: 10);

        Assert.That(a.Negatives, Is.EqualTo(b.Negatives));
        Assert.That(a.Negatives, Is.Not.EqualTo(c.Negatives));
    }

    [Test]
    public void Create_TooFewUnratedMovies_Throws()
    {
        var ratings = RatingsTable.Create([1, 1, 1, 2], [1, 2, 3, 1], [5, 4, 3, 2], [1, 2, 3, 4]);

        Assert.Throws<ArgumentException>(() => LeaveOneOutSplit.Create(ratings, numberOfNegatives: 1));
    }

    [Test]
    public void Create_SingleRatingUser_StaysInTraining()
    {
        var ratings = RatingsTable.Create([1, 1, 2, 3], [1, 2, 1, 3], [5, 4, 3, 2], [1, 2, 3, 4]);

        var split = LeaveOneOutSplit.Create(ratings, numberOfNegatives: 1, seed: 1);

        Assert.That(split.TestUsers.ToArray(), Is.EqualTo(new[] { 1 }));
        Assert.That(split.TestMovies.ToArray(), Is.EqualTo(new[] { 2 }));
        Assert.That(split.Negatives[0, 0], Is.EqualTo(3));
        Assert.That(split.Train.Count, Is.EqualTo(3));
    }

    [Test]
    public void Create_RepeatedPairsInInput_CountsDistinctRatedMovies()
    {
        var ratings = RatingsTable.Create([1, 1, 1, 2, 2], [1, 1, 2, 3, 4], [5, 4, 3, 2, 1], [1, 2, 3, 4, 5]);

        var split = LeaveOneOutSplit.Create(ratings, numberOfNegatives: 2, seed: 1);

        Assert.That(Enumerable.Range(0, 2).Select(k => split.Negatives[0, k]).Order(), Is.EqualTo(new[] { 3, 4 }));
    }

    [Test]
    public void CreateValidation_HoldsOutOnlyMoviesThatKeepATrainingRating_AndDrawsNegativesFromTraining()
    {
        // Users 1 and 2 both rated movie 3 last, and it has no other rating: only one of them may hold it out.
        // User 3's latest movie (5) has no other rating at all: user 3 keeps it.
        var ratings = RatingsTable.Create(
            [1, 1, 2, 2, 3, 3, 4, 4],
            [1, 3, 2, 3, 1, 5, 2, 1],
            [5, 4, 3, 2, 1, 2, 3, 4],
            [1, 9, 1, 9, 1, 9, 1, 9]);

        var split = LeaveOneOutSplit.CreateValidation(ratings, numberOfNegatives: 1, seed: 1)!;

        var trainMovies = split.Train.Movies.ToArray().ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(split.TestUsers.ToArray(), Is.EqualTo(new[] { 1, 4 }));
            Assert.That(split.TestMovies.ToArray(), Is.EqualTo(new[] { 3, 1 }));
            Assert.That(split.TestMovies.ToArray(), Is.SubsetOf(trainMovies), "every held-out movie keeps a training rating");
            Assert.That(Enumerable.Range(0, split.TestUsers.Length).Select(t => split.Negatives[t, 0]), Is.SubsetOf(trainMovies));
            Assert.That(split.Train.Count + split.Test.Count, Is.EqualTo(ratings.Count));
        });
    }

    [Test]
    public void CreateValidation_UserWhoRatedEveryMovie_KeepsTheirRatings_AndASmallCatalogueGetsFewerNegatives()
    {
        var ratings = RatingsTable.Create([1, 1, 1, 2, 2], [1, 2, 3, 1, 3], [5, 4, 3, 2, 1], [3, 2, 1, 4, 5]);

        var split = LeaveOneOutSplit.CreateValidation(ratings, numberOfNegatives: 1, seed: 1)!;

        Assert.That(split.TestUsers.ToArray(), Is.EqualTo(new[] { 2 }), "user 1 rated every movie, so no negative is left");
        Assert.That(split.Negatives[0, 0], Is.EqualTo(2));
        Assert.That(split.Train.Count, Is.EqualTo(4));
        Assert.That(LeaveOneOutSplit.CreateValidation(ratings, numberOfNegatives: 5, seed: 1)!.NumberOfNegatives, Is.EqualTo(1));
        Assert.That(LeaveOneOutSplit.CreateValidation(RatingsTable.Create([1, 1], [1, 2], [5, 4], [1, 2]), numberOfNegatives: 5, seed: 1), Is.Null, "no user can hold a rating out");
    }

    [Test]
    public void Create_TestSplit_IsUnchangedByTheValidationVariant()
    {
        var ratings = TestRatings.Random(users: 30, movies: 100, count: 1200, seed: 2);
        Assert.That(Enumerable.Range(1, 100).All(m => ratings.Movies.Count(m) >= 2), "the premise: every movie rated twice or more");

        var test = LeaveOneOutSplit.Create(ratings, numberOfNegatives: 20, seed: 5);
        var validation = LeaveOneOutSplit.CreateValidation(ratings, numberOfNegatives: 20, seed: 5)!;

        // With every movie rated at least twice both variants hold out the same ratings and draw the same negatives.
        Assert.That(validation.TestMovies.ToArray(), Is.EqualTo(test.TestMovies.ToArray()));
        Assert.That(validation.Negatives, Is.EqualTo(test.Negatives));
    }
}
