using MovieRec.Content;
using MovieRec.Data;

namespace MovieRec.Tests.Content;

[TestFixture]
public sealed class ContentTextTests
{
    /// <summary>A synthetic dataset whose first well-rated movie carries tags: two users of the training part tag it
    /// "Dark" and "dark ", one of them also "Funny"; the user of the held-out rating tags it <paramref name="heldOutTag"/>;
    /// a user who never rated it tags it "never rated".</summary>
    private static (RecommendationDataset Dataset, RatingsTable Train, int Movie) Tagged(string heldOutTag)
    {
        var data = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 2000, NumberOfUsers = 80, NumberOfMovies = 60, Seed = 4 });
        var ratings = data.Ratings;
        int movie = ratings.Movies[0];
        var rows = Enumerable.Range(0, ratings.Count).Where(i => ratings.Movies[i] == movie).Take(3).ToArray();
        var raters = Enumerable.Range(0, ratings.Count).Where(i => ratings.Movies[i] == movie).Select(i => ratings.Users[i]).ToHashSet();
        int stranger = Enumerable.Range(1, data.UserCount).First(u => !raters.Contains(u));
        long RawUser(int row) => data.UserIds.RawIdOf(ratings.Users[row]);
        long rawMovie = data.MovieIds.RawIdOf(movie);
        MovieTag[] tags =
        [
            new(RawUser(rows[0]), rawMovie, "Dark", 1),
            new(RawUser(rows[1]), rawMovie, "dark ", 2),
            new(RawUser(rows[1]), rawMovie, "Funny", 3),
            new(RawUser(rows[2]), rawMovie, heldOutTag, 4),
            new(data.UserIds.RawIdOf(stranger), rawMovie, "never rated", 5),
        ];
        var dataset = RecommendationDataset.Create(data.Name, ratings, data.Users, data.Movies, data.UserIds, data.MovieIds, data.RatingMin, data.RatingMax, tags: tags);
        var train = ratings.Subset(Enumerable.Range(0, ratings.Count).Where(i => i != rows[2]).ToArray());
        return (dataset, train, movie);
    }

    [Test]
    public void Tags_of_training_ratings_follow_the_text_most_used_first_and_no_other_tag_is_read()
    {
        var (dataset, train, movie) = Tagged("twist");
        var texts = ContentText.All(dataset, train, ContentSources.All);
        string plain = ContentText.Of(dataset.Movies, movie);
        Assert.Multiple(() =>
        {
            Assert.That(texts[movie], Is.EqualTo(plain + " Tags: dark, funny."));
            Assert.That(ContentText.All(dataset, train, ContentSources.Descriptions)[movie], Is.EqualTo(plain));
            Assert.That(texts.Where((t, m) => m != movie), Is.EqualTo(ContentText.All(dataset.Movies).Where((t, m) => m != movie)));
            Assert.That(ContentText.All(dataset, dataset.Ratings, ContentSources.All)[movie], Is.EqualTo(plain + " Tags: dark, funny, twist."));
        });
    }

    [Test]
    public void Without_descriptions_the_title_and_genres_are_read_even_where_a_plot_exists()
    {
        var data = SyntheticDataset.Generate(1000, seed: 2);
        var descriptions = new string?[data.Movies.Count];
        descriptions[1] = "A plot.";
        var dataset = data.WithMovies(data.Movies.WithDescriptions(descriptions));
        Assert.Multiple(() =>
        {
            Assert.That(ContentText.All(dataset, dataset.Ratings, ContentSources.Descriptions)[1], Is.EqualTo("A plot."));
            Assert.That(ContentText.All(dataset, dataset.Ratings, ContentSources.None)[1], Does.StartWith(MovieTitles.StripYear(dataset.Movies.Titles[1])));
            Assert.That(() => new ContentOptions { Sources = (ContentSources)8 }.Validate(), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("ContentOptions.Sources = 8"));
        });
    }

    [Test]
    public void A_held_out_ratings_tag_changes_nothing_the_model_learns()
    {
        // A word other movies' texts hold (a genre), so that TF-IDF keeps it when it is read.
        var (first, train, movie) = Tagged("twist");
        string genre = first.Movies.GenreNames[first.Movies.GenresOf(movie == 1 ? 2 : 1)[0]];
        (first, _, _) = Tagged(genre);
        var (second, _, _) = Tagged("something else entirely");
        var tags = new ContentOptions { Sources = ContentSources.All };
        using var a = new ContentTrainer(tags).Fit(first, train);
        using var b = new ContentTrainer(tags).Fit(second, train);
        var (withAll, _, _) = Tagged(genre);
        using var c = new ContentTrainer(tags).Fit(withAll, withAll.Ratings);
        using var plain = new ContentTrainer().Fit(withAll, withAll.Ratings);
        Assert.Multiple(() =>
        {
            Assert.That(b.MovieVectors.Row(movie).ToArray(), Is.EqualTo(a.MovieVectors.Row(movie).ToArray()));
            Assert.That(c.MovieVectors.Row(movie).ToArray(), Is.Not.EqualTo(a.MovieVectors.Row(movie).ToArray()));
            Assert.That(new ContentOptions().Sources, Is.EqualTo(ContentSources.Descriptions));
            Assert.That(plain.MovieVectors.Row(movie).ToArray(), Is.Not.EqualTo(c.MovieVectors.Row(movie).ToArray()));
        });
    }
}
