using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Baselines;

public sealed class NeighbourhoodTrainerTests : RatingPredictorContract
{
    protected override IRatingTrainer CreateTrainer() => BaselineCatalog.ItemKnn(new NeighbourhoodOptions { NumberOfNeighbours = 20, NumberOfThreads = 2 });

    [Test]
    public void Options_have_documented_defaults()
    {
        var o = new NeighbourhoodOptions();
        Assert.That(o.NumberOfNeighbours, Is.EqualTo(NeighbourhoodOptions.Defaults.NumberOfNeighbours));
        Assert.That(o.Similarity, Is.EqualTo(SimilarityMeasure.Pearson));
        Assert.That(o.Shrinkage, Is.EqualTo(NeighbourhoodOptions.Defaults.Shrinkage));
        Assert.That(o.BaselineAdjusted, Is.True);
    }

    [Test]
    public void Names_distinguish_user_and_item_based()
    {
        Assert.That(BaselineCatalog.UserKnn(5).Name, Is.EqualTo("ubcf"));
        Assert.That(BaselineCatalog.ItemKnn(5).Name, Is.EqualTo("ibcf"));
    }

    [Test]
    public void Movies_rated_alike_are_each_others_nearest_neighbours()
    {
        // Movies 1 and 2 get the same ratings from every user; movie 3 gets the opposite.
        var users = new List<int>();
        var movies = new List<int>();
        var ratings = new List<float>();
        for (int u = 1; u <= 12; u++)
        {
            float r = 1 + (u % 5);
            foreach (var (m, value) in new[] { (1, r), (2, r), (3, 6 - r) })
            {
                users.Add(u);
                movies.Add(m);
                ratings.Add(value);
            }
        }

        var table = RatingsTable.Create(users.ToArray(), movies.ToArray(), ratings.ToArray());
        var model = (NeighbourhoodModel)BaselineCatalog.ItemKnn(new NeighbourhoodOptions { Shrinkage = 0, BaselineAdjusted = false, Similarity = SimilarityMeasure.Pearson }).Fit(table);
        var (indices, similarities) = model.NeighboursOf(1);
        Assert.That(indices.ToArray(), Is.EqualTo(new[] { 2 }), "the negatively correlated movie is dropped");
        Assert.That(similarities.Span[0], Is.EqualTo(1f).Within(1e-5f));
    }

    [Test]
    public void Cosine_similarity_with_shrinkage_matches_hand_computation()
    {
        // Two users rate movies 1 and 2: (1: 1, 2: 2) and (1: 2, 2: 1) -> cos = (2 + 2)/(√5·√5) = 0.8; n = 2, shrink 1 -> ×1/2.
        var table = RatingsTable.Create([1, 1, 2, 2], [1, 2, 1, 2], [1f, 2f, 2f, 1f]);
        var model = (NeighbourhoodModel)BaselineCatalog.ItemKnn(new NeighbourhoodOptions { Similarity = SimilarityMeasure.Cosine, Shrinkage = 1, BaselineAdjusted = false, NumberOfNeighbours = 1 }).Fit(table);
        Assert.That(model.NeighboursOf(1).Similarities.Span[0], Is.EqualTo(0.4f).Within(1e-6f));
        Assert.That(model.NeighboursOf(2).Indices.Span[0], Is.EqualTo(1));
    }

    [Test]
    public void Stored_neighbours_must_cover_k()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BaselineCatalog.UserKnn(new NeighbourhoodOptions { NumberOfNeighbours = 50, MaximumStoredNeighbours = 10 }));
        Assert.That(error!.ParamName, Is.EqualTo("MaximumStoredNeighbours"));
    }
}
