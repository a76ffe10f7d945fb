using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using MovieRec.Abstractions;
using MovieRec.Onnx.Content;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// Exact search against the HNSW index (USearch) on synthetic sentence-like vectors: for each catalogue size, the
/// time to build the index, the latency of one top-10 query (one thread) both ways, and the index's recall@10 against
/// exact search. The vectors are unit-length points scattered around 1,000 random centres, as sentence embeddings
/// cluster by topic; queries are further points drawn the same way, never in the catalogue.
/// </summary>
/// <remarks>
/// Arguments (all optional): <c>--sizes 10000,100000,1000000</c>, <c>--dimension 384</c>, <c>--queries 200</c>,
/// <c>--ef 64</c> (the index's search expansion), <c>--seed 1</c>.
/// </remarks>
public static class VectorSearchReport
{
    private const int K = 10;
    private const int Centres = 1000;

    public static int Run(string[] args)
    {
        int[] sizes = [.. Arg(args, "--sizes", "10000,100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        int dimension = int.Parse(Arg(args, "--dimension", "384"), CultureInfo.InvariantCulture);
        int queries = int.Parse(Arg(args, "--queries", "200"), CultureInfo.InvariantCulture);
        int ef = int.Parse(Arg(args, "--ef", "64"), CultureInfo.InvariantCulture);
        int seed = int.Parse(Arg(args, "--seed", "1"), CultureInfo.InvariantCulture);

        Console.WriteLine($"{dimension}-dimensional unit vectors around {Centres:N0} centres, {queries} queries, top-{K}, one query at a time; HNSW connectivity 16, expansion 128 (build) / {ef} (search)");
        Console.WriteLine();
        Console.WriteLine("| vectors | exact query (ms) | HNSW build (s) | HNSW query (ms) | recall@10 |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (int size in sizes)
        {
            var random = new Random(seed);
            var centres = Points(random, Centres, dimension, null, 0);
            var vectors = Points(random, size + 1, dimension, centres, 0.6f);
            vectors.AsSpan(0, dimension).Clear(); // row 0 is the "no movie" row, as in a content model
            var queryVectors = Points(random, queries, dimension, centres, 0.6f);
            var matrix = new FactorMatrix(size + 1, dimension, vectors);

            var exact = new int[queries][];
            var scores = new float[size + 1];
            var clock = Stopwatch.StartNew();
            for (int q = 0; q < queries; q++)
            {
                var query = queryVectors.AsSpan(q * dimension, dimension);
                for (int r = 0; r < scores.Length; r++)
                {
                    scores[r] = TensorPrimitives.Dot(query, matrix.Row(r));
                }

                scores[0] = float.NegativeInfinity;
                exact[q] = new int[K];
                TopK.Select(scores, exact[q]);
            }

            double exactMs = clock.Elapsed.TotalMilliseconds / queries;

            clock.Restart();
            using var index = HnswIndex.Build(matrix, new HnswIndexOptions { ExpansionSearch = ef });
            double buildS = clock.Elapsed.TotalSeconds;

            var rows = new int[K];
            var similarities = new float[K];
            int hits = 0;
            clock.Restart();
            for (int q = 0; q < queries; q++)
            {
                int found = index.Search(queryVectors.AsSpan(q * dimension, dimension), rows, similarities);
                hits += rows.AsSpan(0, found).ToArray().Intersect(exact[q]).Count();
            }

            double hnswMs = clock.Elapsed.TotalMilliseconds / queries;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {exactMs:F2} | {buildS:F1} | {hnswMs:F3} | {(double)hits / (queries * K):F3} |"));
        }

        return 0;
    }

    /// <summary>Unit vectors: uniform on the sphere without centres, else a random centre plus Gaussian noise of the given spread.</summary>
    private static float[] Points(Random random, int count, int dimension, float[]? centres, float spread)
    {
        var values = new float[checked(count * dimension)];
        for (int i = 0; i < count; i++)
        {
            var row = values.AsSpan(i * dimension, dimension);
            int centre = centres is null ? -1 : random.Next(centres.Length / dimension);
            for (int j = 0; j < dimension; j++)
            {
                float noise = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
                row[j] = centre < 0 ? noise : centres![(centre * dimension) + j] + (spread * noise / MathF.Sqrt(dimension));
            }

            float norm = TensorPrimitives.Norm(row);
            TensorPrimitives.Divide(row, norm, row);
        }

        return values;
    }
}
