using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Evaluation;

/// <summary>
/// Chooses a model's settings on validation data only (<c>movierec tune</c>): for each seed it builds the protocol's
/// split, keeps the training part, carves a validation split from that part alone, and scores every candidate on it.
/// The test part of the split is dropped before any model sees data, so no test rating can steer a choice.
/// </summary>
/// <remarks>
/// <para>The validation split of <see cref="EvaluationProtocol.FullRanking"/> is its own 10 % validation positives (the
/// models train on the 80 %, as <c>evaluate</c> trains them). Every other generated protocol is applied again to the
/// training part with the same seed: leave-one-out holds out each user's latest training rating, a random split 20 %
/// (or 10 %) of the training ratings, and so on. <see cref="EvaluationProtocol.MovieLens100KFolds"/> and
/// <see cref="EvaluationProtocol.FoldIn"/> have no generated split to carve and are refused.</para>
/// <para>The score is NDCG@10 (higher is better) on ranking protocols and for models that rank; RMSE (lower is better)
/// for rating models and accuracy (higher is better) for like/dislike classifiers on the rating protocols.</para>
/// </remarks>
public static class Tuner
{
    /// <summary>Scores every candidate on each seed's validation split.</summary>
    /// <param name="dataset">The dataset; its ratings are split by the protocol.</param>
    /// <param name="candidates">The settings to compare, all of one model; at least one.</param>
    /// <param name="options">The protocol, seeds and negatives (top-K cut-offs and folds are ignored).</param>
    /// <param name="progress">Receives per-candidate progress; optional.</param>
    /// <param name="cancellationToken">Stops between fits.</param>
    /// <returns>The validation table and the choices.</returns>
    /// <exception cref="ArgumentException">No candidate, or a protocol with no generated split.</exception>
    public static TuningReport Run(
        RecommendationDataset dataset,
        IReadOnlyList<TuningCandidate> candidates,
        ExperimentOptions options,
        IProgress<ExperimentProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("candidates is empty; expected at least one setting to score.", nameof(candidates));
        }

        if (options.Protocol is EvaluationProtocol.MovieLens100KFolds or EvaluationProtocol.FoldIn)
        {
            throw new ArgumentException($"Protocol {EvaluationProtocolNames.NameOf(options.Protocol)} has no generated split to carve a validation split from; tune on a generated protocol such as random-90-10 or full-ranking.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Seeds, 1);
        var seeds = Enumerable.Range(options.FirstSeed, options.Seeds).ToArray();
        var scores = new double[candidates.Count, seeds.Length];
        string? metric = null;
        bool lowerIsBetter = false;
        var measure = options with { TopKs = [], RankingCutoff = 10 };
        var run = measure;
        for (int s = 0; s < seeds.Length; s++)
        {
            var validation = ValidationSplit(options.Protocol, dataset.Ratings, seeds[s], options.Negatives);
            for (int c = 0; c < candidates.Count; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var trainer = candidates[c].Trainer is IReseedableTrainer reseedable ? reseedable.ForRepetition(s) : candidates[c].Trainer;
                double done = ((double)(s * candidates.Count) + c) / (seeds.Length * candidates.Count);
                progress?.Report(new ExperimentProgress(candidates[c].Trainer.Name, done, $"seed {seeds[s]}: {candidates[c].Label}"));
                var model = trainer.Fit(dataset, validation.Train, null, cancellationToken);
                try
                {
                    if (metric is null)
                    {
                        // A rating protocol scores a ranking model by NDCG@10 over every unseen movie.
                        bool rankingProtocol = options.Protocol is EvaluationProtocol.FullRanking or EvaluationProtocol.LeaveOneOut99 or EvaluationProtocol.ColdItems or EvaluationProtocol.Mixed;
                        (metric, lowerIsBetter) = rankingProtocol ? ("NDCG@10", false) : model.Predicts switch
                        {
                            PredictionKind.Rating => ("RMSE", true),
                            PredictionKind.LikeProbability => ("Accuracy", false),
                            _ => ("NDCG@10", false),
                        };
                        run = !rankingProtocol && metric == "NDCG@10" ? measure with { TopKs = [10] } : measure;
                    }

                    var metrics = ExperimentRunner.Evaluate(model, validation, run);
                    scores[c, s] = metrics.TryGetValue(metric, out double value) ? value : double.NaN;
                }
                finally
                {
                    (model as IDisposable)?.Dispose();
                }
            }
        }

        return new TuningReport(candidates[0].Trainer.Name, options.DatasetName, options.Protocol, metric!, lowerIsBetter, seeds, candidates, scores);
    }

    /// <summary>
    /// The validation split <see cref="Run"/> scores on for one seed: carved from the training part of the protocol's
    /// split, which is all it returns; the test part is never returned.
    /// </summary>
    /// <param name="protocol">A generated protocol.</param>
    /// <param name="ratings">All ratings of the dataset.</param>
    /// <param name="seed">The seed of the outer split (and of the inner one).</param>
    /// <param name="negatives">Sampled negatives of the leave-one-out protocols.</param>
    /// <returns>Training ratings to fit and validation ratings to score.</returns>
    public static EvaluationSplit ValidationSplit(EvaluationProtocol protocol, RatingsTable ratings, int seed, int negatives = ExperimentOptions.Defaults.Negatives)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (protocol == EvaluationProtocol.FullRanking)
        {
            var split = Splits.FullRankingSplit.Create(ratings, seed);
            return new EvaluationSplit(split.Train, split.Validation);
        }

        var training = ProtocolSplits.Create(protocol, ratings, seed, negatives).Train;
        return ProtocolSplits.Create(protocol, training, seed, negatives);
    }
}
