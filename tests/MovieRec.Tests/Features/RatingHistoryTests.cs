using MovieRec.Data;
using MovieRec.Features;

namespace MovieRec.Tests.Features;

public sealed class RatingHistoryTests
{
    // User 1 rated movies 10..14 at times 100..500 (rows out of time order), user 2 one movie; two of user 1's ratings share time 300.
    private static RatingsTable Ratings() => RatingsTable.Create(
        [1, 1, 2, 1, 1, 1, 1],
        [12, 10, 20, 11, 13, 14, 15],
        [3f, 1f, 4f, 2.5f, 4f, 5f, 0.5f],
        [300, 100, 150, 200, 300, 500, 600]);

    private static long[] Row(RatingHistory history, int user, long before, int length)
    {
        var row = new long[2 * length];
        history.Fill(user, before, length, row);
        return row;
    }

    [Test]
    public void A_history_holds_the_latest_ratings_strictly_before_the_time_oldest_first_and_right_aligned()
    {
        var history = RatingHistory.Create(Ratings());

        Assert.Multiple(() =>
        {
            // Before 300: movies 10 (1 star) and 11 (2.5 stars); the two ratings made at 300 are not before it.
            Assert.That(Row(history, 1, 300, 4), Is.EqualTo(new long[] { 0, 0, 10, 11, 0, 0, 2, 5 }));
            // Before 550: the latest three of 10, 11, 12, 13, 14; the tie at 300 keeps the table's row order (12 then 13).
            Assert.That(Row(history, 1, 550, 3), Is.EqualTo(new long[] { 12, 13, 14, 6, 8, 10 }));
            Assert.That(Row(history, 1, long.MaxValue, 2), Is.EqualTo(new long[] { 14, 15, 10, 1 }));
            Assert.That(Row(history, 1, 100, 2), Is.EqualTo(new long[] { 0, 0, 0, 0 }), "nothing came before the first rating");
            Assert.That(Row(history, 0, long.MaxValue, 2), Is.EqualTo(new long[] { 0, 0, 0, 0 }), "the unknown user");
            Assert.That(Row(history, 99, long.MaxValue, 2), Is.EqualTo(new long[] { 0, 0, 0, 0 }), "a user beyond the table");
            Assert.That(Row(history, 2, 151, 2), Is.EqualTo(new long[] { 0, 20, 0, 8 }));
        });
    }

    [Test]
    public void Changing_or_removing_a_later_rating_leaves_an_earlier_history_unchanged_and_an_earlier_one_does_not()
    {
        var ratings = Ratings();
        var before = Row(RatingHistory.Create(ratings), 1, 400, 3);

        var laterChanged = RatingsTable.Create([1, 1, 2, 1, 1, 1, 1], [12, 10, 20, 11, 13, 16, 15], [3f, 1f, 4f, 2.5f, 4f, 1f, 0.5f], [300, 100, 150, 200, 300, 500, 600]);
        var laterRemoved = ratings.Where(i => ratings.Timestamps[i] < 400 || ratings.Users[i] != 1);
        var earlierChanged = RatingsTable.Create([1, 1, 2, 1, 1, 1, 1], [12, 10, 20, 11, 13, 14, 15], [3f, 1f, 4f, 2.5f, 1f, 5f, 0.5f], [300, 100, 150, 200, 300, 500, 600]);

        Assert.Multiple(() =>
        {
            Assert.That(Row(RatingHistory.Create(laterChanged), 1, 400, 3), Is.EqualTo(before));
            Assert.That(Row(RatingHistory.Create(laterRemoved), 1, 400, 3), Is.EqualTo(before));
            Assert.That(Row(RatingHistory.Create(earlierChanged), 1, 400, 3), Is.Not.EqualTo(before), "an earlier rating is part of the history");
        });
    }

    [Test]
    public void Without_timestamps_the_row_order_is_the_time()
    {
        var ratings = RatingsTable.CreateWithoutTimestamps([1, 1, 1], [5, 6, 7], [1f, 2f, 3f]);
        var history = RatingHistory.Create(ratings);

        Assert.Multiple(() =>
        {
            Assert.That(Row(history, 1, 2, 3), Is.EqualTo(new long[] { 0, 5, 6, 0, 2, 4 }), "row 2 sees rows 0 and 1");
            Assert.That(history.Count, Is.EqualTo(3));
        });
    }

    [Test]
    public void Rating_keys_are_half_stars_and_a_short_destination_is_refused()
    {
        var history = RatingHistory.Create(Ratings());
        Assert.Multiple(() =>
        {
            Assert.That(RatingHistory.RatingKey(0.5f), Is.EqualTo(1));
            Assert.That(RatingHistory.RatingKey(3.5f), Is.EqualTo(7));
            Assert.That(RatingHistory.RatingKey(5f), Is.EqualTo(10));
            Assert.That(RatingHistory.RatingKey(7f), Is.EqualTo(10));
            Assert.That(RatingHistory.RatingKey(float.NaN), Is.Zero);
            Assert.That(() => history.Fill(1, 0, 3, new long[5]), Throws.ArgumentException.With.Message.Contains("A history of 3 slots needs 6 values; destination has 5."));
        });
    }
}
