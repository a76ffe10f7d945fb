using System.Globalization;
using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.MLNet;
using MovieRec.Onnx.Content;
using static MovieRec.Benchmarks.RatingCnnQualityReport;

namespace MovieRec.Benchmarks;

/// <summary>
/// What each piece of the hybrid buys, on <c>evaluate</c>'s own protocols (warm <c>loo-99</c>, <c>cold-items</c>,
/// <c>mixed</c>) and splits: the collaborative model alone, content alone, the hybrid as <c>hybrid</c> ships (weights
/// chosen on the mixed protocol carved from the training ratings), the hybrid whose validation is built as the test
/// protocol (<c>hybrid-warm</c>, <c>hybrid-cold</c>, or <c>hybrid</c> on mixed), and that one with one weight for all
/// movies instead of one per group of training-rating counts, and without a cold movie's collaborative score taken from
/// its 20 nearest training movies by content; and what each text source gives content alone (titles and genres, then
/// descriptions, then the tags of training ratings where the dataset has tags). HR@10 and NDCG@10, mean ± std over
/// seeds.
/// </summary>
/// <remarks>
/// Arguments (all optional): <c>--data ml-100k</c>, <c>--seeds 3</c>, <c>--collaborative ials</c> (any model name of
/// the registry), <c>--protocols loo-99,cold-items,mixed</c>, <c>--descriptions FILE</c> (default: the Netflix titles
/// when present).
/// </remarks>
public static class ColdItemsReport
{
    public static int Run(string[] args)
    {
        var catalog = new MLContext(seed: 0).MovieRec();
        string data = Arg(args, "--data", "ml-100k");
        int seeds = int.Parse(Arg(args, "--seeds", "3"), CultureInfo.InvariantCulture);
        string collaborativeName = Arg(args, "--collaborative", "ials");
        string[] protocols = Arg(args, "--protocols", "loo-99,cold-items,mixed").Split(',');
        var dataset = DatasetCatalog.Load(data);
        string descriptions = Arg(args, "--descriptions", TitleDescriptions.FindNetflixTitles() ?? string.Empty);
        if (descriptions.Length > 0)
        {
            dataset = TitleDescriptions.Join(dataset, TitleDescriptions.Load(descriptions));
        }

        var encoder = ContentCatalog.DefaultEncoder;
        Console.WriteLine($"{data}: {seeds} seed(s); collaborative {collaborativeName}; encoder {encoder?.Name ?? "tfidf"}; {dataset.Movies.DescriptionCount} movies with a description; {dataset.Tags.Count} tags");
        HybridTrainer Hybrid(string name, HybridOptions options) => ContentCatalog.Hybrid(options with
        {
            Name = name,
            Collaborative = catalog.CreateTrainer(collaborativeName),
            Content = new ContentOptions { Encoder = encoder },
        });
        foreach (string protocol in protocols)
        {
            var trainers = new IRatingTrainer[]
            {
                catalog.CreateTrainer(collaborativeName),
                ContentCatalog.Content(new ContentOptions { Name = "content: titles and genres", Encoder = encoder, Sources = ContentSources.None }),
                ContentCatalog.Content(new ContentOptions { Name = "content: + descriptions (content)", Encoder = encoder }),
                ContentCatalog.Content(new ContentOptions { Name = "content: + descriptions + tags", Encoder = encoder, Sources = ContentSources.All }),
                Hybrid("hybrid", new HybridOptions()),
                Hybrid("hybrid, validation as the test", new HybridOptions { Validation = EvaluationProtocolNames.Parse(protocol) }),
                Hybrid("hybrid, validation as the test, one weight", new HybridOptions { Validation = EvaluationProtocolNames.Parse(protocol), GateCounts = [] }),
                Hybrid("hybrid, validation as the test, no neighbour transfer", new HybridOptions { Validation = EvaluationProtocolNames.Parse(protocol), ColdNeighbours = 0 }),
            };
            var options = new ExperimentOptions { DatasetName = data, Protocol = EvaluationProtocolNames.Parse(protocol), Seeds = seeds, TopKs = [] };
            var report = ExperimentRunner.Run(dataset, trainers, options);
            Console.WriteLine();
            Console.WriteLine($"{protocol}:");
            Console.WriteLine("| model | HR@10 | NDCG@10 |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var row in report.Models)
            {
                Console.WriteLine($"| {row.Model} | {row.Metrics["HR@10"].ToString(3)} | {row.Metrics["NDCG@10"].ToString(3)} |");
            }

            // What the fusion learned: the weights of the hybrid validated as the test, on seed 1's training part.
            var split = ExperimentRunner.CreateSplit(options.Protocol, dataset.Ratings, options.FirstSeed);
            using var hybrid = Hybrid("hybrid", new HybridOptions { Validation = options.Protocol }).Fit(dataset, split.Train);
            string weights = string.Join(" / ", hybrid.Weights.Select(w => w.ToString("F1", CultureInfo.InvariantCulture)));
            Console.WriteLine($"content weights chosen on seed {options.FirstSeed} (movies with 0, 1-4, 5-19, 20+ training ratings): {weights}");
        }

        return 0;
    }
}
