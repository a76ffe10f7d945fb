using System.Numerics.Tensors;
using MovieRec.Abstractions;
using MovieRec.Content;
using MovieRec.Onnx.Content;
using MovieRec.Recommendation;

namespace MovieRec.Onnx.Tests.Content;

[TestFixture]
public sealed class HnswIndexTests
{
    private const int Dimension = 32;

    /// <summary>Row 0 and every 50th row are zero (no text); the others are unit vectors around 20 centres.</summary>
    private static FactorMatrix Vectors(int rows, int seed)
    {
        var random = new Random(seed);
        var centres = new float[20, Dimension];
        for (int c = 0; c < 20; c++)
        {
            for (int j = 0; j < Dimension; j++)
            {
                centres[c, j] = (float)(random.NextDouble() - 0.5);
            }
        }

        var values = new float[rows * Dimension];
        for (int r = 1; r < rows; r++)
        {
            if (r % 50 == 0)
            {
                continue;
            }

            var row = values.AsSpan(r * Dimension, Dimension);
            int centre = random.Next(20);
            for (int j = 0; j < Dimension; j++)
            {
                row[j] = centres[centre, j] + (0.3f * (float)(random.NextDouble() - 0.5));
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm<float>(row), row);
        }

        return new FactorMatrix(rows, Dimension, values);
    }

    private static int[] ExactTop(FactorMatrix vectors, ReadOnlySpan<float> query, int k)
    {
        var scores = new float[vectors.Rows];
        for (int r = 0; r < vectors.Rows; r++)
        {
            scores[r] = TensorPrimitives.Norm(vectors.Row(r)) > 0 ? TensorPrimitives.CosineSimilarity(query, vectors.Row(r)) : float.NegativeInfinity;
        }

        var top = new int[k];
        TopK.Select(scores, top);
        return top;
    }

    [Test]
    public void The_index_finds_the_exact_neighbours_and_their_cosines_and_leaves_zero_rows_out()
    {
        var vectors = Vectors(2001, seed: 1);
        using var index = HnswIndex.Build(vectors);
        var rows = new int[10];
        var similarities = new float[10];
        int hits = 0;
        var badCosines = new List<string>();
        for (int q = 1; q <= 100; q++)
        {
            var query = vectors.Row(q * 7 % 2001 is var r && r % 50 != 0 ? r : r + 1);
            int found = index.Search(query, rows, similarities);
            hits += rows.AsSpan(0, found).ToArray().Intersect(ExactTop(vectors, query, 10)).Count();
            for (int i = 0; i < found; i++)
            {
                float cosine = TensorPrimitives.CosineSimilarity(query, vectors.Row(rows[i]));
                if (Math.Abs(cosine - similarities[i]) > 1e-4f || rows[i] % 50 == 0)
                {
                    badCosines.Add($"row {rows[i]}: {similarities[i]} vs {cosine}");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(index.Count, Is.EqualTo(2000 - 40), "zero rows (row 0 and every 50th) are left out");
            Assert.That(hits / 1000.0, Is.GreaterThanOrEqualTo(0.95), "recall@10 against exact search");
            Assert.That(badCosines, Is.Empty);
        });
    }

    [Test]
    public void A_content_model_with_the_index_recommends_what_exact_search_does_and_skips_the_excluded()
    {
        var vectors = Vectors(1001, seed: 2);
        using var exact = new ContentModel("content", "test", vectors, new FactorMatrix(0, Dimension));
        using var indexed = exact.WithIndex(HnswIndex.Build(vectors));
        var profile = exact.NewProfile();
        exact.AddLike(profile, 3);
        exact.AddLike(profile, 4);
        int[] excluded = [3, 4, .. exact.Recommend(profile, new RecommendationOptions { Count = 5 }, [3, 4]).Take(2).Select(r => r.Index)];

        var fromExact = exact.Recommend(profile, new RecommendationOptions { Count = 10 }, excluded);
        var fromIndex = indexed.Recommend(profile, new RecommendationOptions { Count = 10 }, excluded);

        Assert.Multiple(() =>
        {
            Assert.That(indexed.Index, Is.Not.Null);
            Assert.That(fromIndex, Has.Count.EqualTo(10));
            Assert.That(fromIndex.Select(r => r.Index), Has.No.AnyOf(excluded.Cast<object>().ToArray()));
            Assert.That(fromIndex.Select(r => r.Index).Intersect(fromExact.Select(r => r.Index)).Count(), Is.GreaterThanOrEqualTo(9));
            Assert.That(fromIndex.Select(r => r.Score), Is.Ordered.Descending);
        });
    }

    [Test]
    public void Searches_from_many_threads_agree_with_one_thread()
    {
        var vectors = Vectors(3001, seed: 3);
        using var index = HnswIndex.Build(vectors);
        int[][] Search(int q)
        {
            var rows = new int[10];
            var similarities = new float[10];
            int found = index.Search(vectors.Row(1 + (q % 2999)), rows, similarities);
            return [rows[..found]];
        }

        var sequential = Enumerable.Range(0, 400).Select(q => Search(q)[0]).ToArray();
        var parallel = new int[400][];
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, q => parallel[q] = Search(q)[0]);

        Assert.That(parallel, Is.EqualTo(sequential));
    }

    [Test]
    public void Small_catalogues_stay_exact_and_bad_queries_are_refused()
    {
        var vectors = Vectors(101, seed: 4);
        using var model = new ContentModel("content", "test", vectors, new FactorMatrix(0, Dimension));
        using var index = HnswIndex.Build(vectors);
        using var tooLarge = HnswIndex.Build(Vectors(201, seed: 5));
        var rows = new int[5];
        var similarities = new float[5];

        Assert.Multiple(() =>
        {
            Assert.That(ContentCatalog.WithSearchIndex(model), Is.SameAs(model), $"below {ContentCatalog.ApproximateSearchFrom:N0} movies search stays exact");
            Assert.That(index.Search(new float[Dimension], rows, similarities), Is.Zero, "a zero query finds nothing");
            Assert.That(() => index.Search(new float[Dimension + 1], rows, similarities), Throws.ArgumentException.With.Message.Contains("33 values"));
            Assert.That(() => HnswIndex.Build(vectors, new HnswIndexOptions { Connectivity = 1 }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("Connectivity"));
            Assert.That(() => model.WithIndex(tooLarge), Throws.ArgumentException.With.Message.Contains("100 movies"));
        });
    }
}
