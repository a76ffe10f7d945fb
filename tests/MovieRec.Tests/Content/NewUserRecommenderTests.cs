using MovieRec.Baselines;
using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Recommendation;

namespace MovieRec.Tests.Content;

/// <summary><see cref="NewUserRecommender"/>: the one way to recommend to a user the model did not learn, stage by stage.</summary>
[TestFixture]
public sealed class NewUserRecommenderTests
{
    private RecommendationDataset _data = null!;
    private MatrixFactorizationModel _factors = null!;
    private ContentModel _content = null!;

    [OneTimeSetUp]
    public void Train()
    {
        _data = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 4000, NumberOfUsers = 150, NumberOfMovies = 120, Seed = 3 });
        _factors = (MatrixFactorizationModel)BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = 8, NumberOfIterations = 20, Seed = 1 }).Fit(_data.Ratings);
        _content = ContentModel.FromMovies(_data.Movies, TfidfTextEncoder.Fit(ContentText.All(_data.Movies)));
    }

    [OneTimeTearDown]
    public void Dispose() => _content.Dispose();

    private NewUserRecommender Full => new(_factors, _data.Ratings, _factors, _content, new NewUserOptions { HybridFromRatings = 2, CollaborativeFromRatings = 4 });

    [Test]
    public void The_stage_follows_the_number_of_ratings()
    {
        var stages = Enumerable.Range(0, 6).Select(n => Full.Recommend([.. Enumerable.Range(1, n).Select(m => (m, 5f))]).Source).ToArray();

        Assert.That(stages, Is.EqualTo(new[]
        {
            NewUserSource.Popularity, NewUserSource.Content, NewUserSource.Hybrid, NewUserSource.Hybrid, NewUserSource.FoldIn, NewUserSource.FoldIn,
        }));
    }

    [Test]
    public void Rated_movies_are_left_out_and_reasons_name_a_liked_movie()
    {
        (int, float)[] ratings = [(3, 5f), (7, 4f), (9, 1f)];
        var result = Full.Recommend(ratings, new RecommendationOptions { Count = 10 });

        Assert.Multiple(() =>
        {
            Assert.That(result.Source, Is.EqualTo(NewUserSource.Hybrid));
            Assert.That(result.Items, Has.Count.EqualTo(10));
            Assert.That(result.Items.Select(i => i.Item.Index), Has.None.AnyOf(3, 7, 9));
            Assert.That(result.Items.Select(i => i.BecauseOf), Has.All.AnyOf(3, 7), "a reason names a liked movie, never the disliked one");
            Assert.That(result.Items.Select(i => i.Item.Score), Is.Ordered.Descending);
        });
    }

    [Test]
    public void Without_factors_content_serves_and_without_either_the_liked_movies_speak_through_their_fans()
    {
        (int, float)[] ratings = [(3, 5f), (7, 5f), (11, 5f), (12, 5f), (13, 5f)];
        var contentOnly = new NewUserRecommender(_factors, _data.Ratings, content: _content).Recommend(ratings);
        var neither = new NewUserRecommender(_factors, _data.Ratings).Recommend(ratings, new RecommendationOptions { Count = 5 });
        var expected = Recommender.Create(_factors, _data.Ratings).ForLikedMovies([3, 7, 11, 12, 13], new RecommendationOptions { Count = 5 });

        Assert.Multiple(() =>
        {
            Assert.That(contentOnly.Source, Is.EqualTo(NewUserSource.Content));
            Assert.That(neither.Source, Is.EqualTo(NewUserSource.LikedMovies));
            Assert.That(neither.Items.Select(i => i.Item.Index), Is.EqualTo(expected.Select(r => r.Index)));
        });
    }

    [Test]
    public void Demographic_scores_rank_before_the_first_rating_and_dislikes_alone_fold_in()
    {
        var demographics = new float[_factors.MovieIndexBound];
        demographics[42] = 10;
        var byDemographics = Full.Recommend([], new RecommendationOptions { Count = 3 }, demographics);
        var dislikesOnly = Full.Recommend([(5, 1f), (6, 1f)]);

        Assert.Multiple(() =>
        {
            Assert.That(byDemographics.Source, Is.EqualTo(NewUserSource.Demographics));
            Assert.That(byDemographics.Items[0].Item.Index, Is.EqualTo(42));
            Assert.That(dislikesOnly.Source, Is.EqualTo(NewUserSource.FoldIn), "no like, no content profile");
            Assert.That(() => Full.Recommend([(_factors.MovieIndexBound, 5f)]), Throws.ArgumentException.With.Message.Contains("not a known movie"));
            Assert.That(() => Full.Recommend([], null, new float[3]), Throws.ArgumentException.With.Message.Contains("one per movie index"));
        });
    }

    [Test]
    public void Same_input_same_list()
    {
        (int, float)[] ratings = [(3, 5f), (8, 4f)];
        Assert.That(
            Full.Recommend(ratings).Items.Select(i => (i.Item.Index, i.Item.Score)),
            Is.EqualTo(Full.Recommend(ratings).Items.Select(i => (i.Item.Index, i.Item.Score))));
    }
}
