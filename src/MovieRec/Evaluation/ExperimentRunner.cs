using System.Diagnostics;
using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Evaluation;

/// <summary>
/// Runs an experiment: for every repetition (seed or fold) builds one split, trains every model on
/// the same training data and measures it on the same test data, then summarises each metric as
/// mean ± standard deviation over the repetitions.
/// </summary>
/// <remarks>
/// <para>Rating protocols report RMSE, MAE and MSE (models that predict ratings), like/dislike
/// accuracy, precision, recall, F1 and ROC AUC (like = rating ≥ <see cref="ExperimentOptions.LikeThreshold"/>;
/// a rating model predicts a like at that threshold, a like classifier at probability 0.5), log-loss for like
/// classifiers, the test set's share of likes (<c>BaseRate</c>), and top-K
/// precision, recall, F1 and NDCG at each <see cref="ExperimentOptions.TopKs"/> plus NDCG, MAP, hit rate and
/// catalogue coverage at <see cref="ExperimentOptions.RankingCutoff"/>: every movie the user did not
/// rate in training is ranked, and held-out ratings ≥ <see cref="ExperimentOptions.RelevanceThreshold"/>
/// are the relevant ones (users without one are skipped).</para>
/// <para>Leave-one-out ranks each held-out movie among its sampled negatives: HR@K and NDCG@K at the
/// ranking cut-off, scored by <see cref="HeldOutRanking"/> (ties count half).</para>
/// <para>Full ranking (<see cref="EvaluationProtocol.FullRanking"/>) reports the top-K metrics only, every test row
/// being a positive; the split's validation positives are masked from the lists as the training ones are.</para>
/// </remarks>
public static class ExperimentRunner
{
    /// <summary>Runs the experiment.</summary>
    /// <param name="ratings">All ratings of the dataset (ignored for predefined folds, may then be empty).</param>
    /// <param name="trainers">Models to compare; at least one, distinct names.</param>
    /// <param name="options">Protocol and metric options.</param>
    /// <param name="progress">Receives per-model progress; optional.</param>
    /// <param name="cancellationToken">Stops between models and training iterations.</param>
    /// <returns>The comparison table.</returns>
    /// <exception cref="ArgumentException">No trainer, duplicate names, invalid options, or no folds for the folds protocol.</exception>
    public static ExperimentReport Run(
        RatingsTable ratings,
        IReadOnlyList<IRatingTrainer> trainers,
        ExperimentOptions options,
        IProgress<ExperimentProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Run(ratings, null, trainers, options, progress, cancellationToken);

    /// <summary>
    /// Runs the experiment on a dataset whose side information (demographics, genres, titles) the models
    /// may read: every trainer is fitted with <see cref="IRatingTrainer.Fit(RecommendationDataset, RatingsTable, IProgress{double}?, CancellationToken)"/>,
    /// so models that need features (the rating CNNs) sit in the same table as those that do not.
    /// </summary>
    /// <param name="dataset">The dataset; its ratings are split by the protocol (predefined folds must index it).</param>
    /// <param name="trainers">Models to compare; at least one, distinct names.</param>
    /// <param name="options">Protocol and metric options.</param>
    /// <param name="progress">Receives per-model progress; optional.</param>
    /// <param name="cancellationToken">Stops between models and training iterations.</param>
    /// <returns>The comparison table.</returns>
    /// <exception cref="ArgumentException">No trainer, duplicate names, invalid options, or no folds for the folds protocol.</exception>
    public static ExperimentReport Run(
        RecommendationDataset dataset,
        IReadOnlyList<IRatingTrainer> trainers,
        ExperimentOptions options,
        IProgress<ExperimentProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Run(dataset.Ratings, dataset, trainers, options, progress, cancellationToken);
    }

    private static ExperimentReport Run(
        RatingsTable ratings,
        RecommendationDataset? dataset,
        IReadOnlyList<IRatingTrainer> trainers,
        ExperimentOptions options,
        IProgress<ExperimentProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(trainers);
        ArgumentNullException.ThrowIfNull(options);
        Validate(ratings, trainers, options);

        bool folds = options.Protocol == EvaluationProtocol.MovieLens100KFolds;
        int repetitions = folds ? options.Folds!.Count : options.Seeds;
        var values = trainers.Select(_ => new Dictionary<string, List<double>>()).ToArray();
        var trainSeconds = trainers.Select(_ => new List<double>()).ToArray();
        var speed = trainers.Select(_ => new List<double>()).ToArray();
        var spent = new TimeSpan[trainers.Count];
        for (int rep = 0; rep < repetitions; rep++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int seed = options.FirstSeed + rep;
            string label = folds ? $"fold {rep + 1}" : $"seed {seed}";
            var split = folds ? options.Folds![rep] : ProtocolSplits.Create(options.Protocol, ratings, seed, options.Negatives);
            for (int t = 0; t < trainers.Count; t++)
            {
                var trainer = trainers[t] is IReseedableTrainer reseedable ? reseedable.ForRepetition(rep) : trainers[t];
                int repetition = rep, index = t;
                var clock = Stopwatch.StartNew();
                // Elapsed counts this model's own time only: the models take turns within each repetition.
                ExperimentProgress Progress(double fraction, string stage) =>
                    new(trainer.Name, fraction, $"{label}: {stage}") { Elapsed = spent[index] + clock.Elapsed };
                var modelProgress = progress is null ? null : new InlineProgress(f => progress.Report(Progress((repetition + (0.9 * f)) / repetitions, "training")));
                progress?.Report(Progress((double)rep / repetitions, "training"));
                var model = dataset is null ? trainer.Fit(split.Train, modelProgress, cancellationToken) : trainer.Fit(dataset, split.Train, modelProgress, cancellationToken);
                trainSeconds[t].Add(clock.Elapsed.TotalSeconds);
                progress?.Report(Progress((rep + 0.9) / repetitions, "evaluating"));
                var metrics = new Dictionary<string, double>();
                double perSecond;
                try
                {
                    perSecond = Measure(model, split, options, metrics);
                }
                finally
                {
                    // Deep models hold native sessions; release each as soon as it is measured.
                    (model as IDisposable)?.Dispose();
                }

                speed[t].Add(perSecond);
                foreach (var (name, value) in metrics)
                {
                    if (!values[t].TryGetValue(name, out var list))
                    {
                        values[t][name] = list = [];
                    }

                    list.Add(value);
                }

                progress?.Report(Progress((rep + 1.0) / repetitions, "done"));
                spent[t] += clock.Elapsed;
            }
        }

        var names = new List<string>();
        foreach (var dict in values)
        {
            foreach (string name in dict.Keys)
            {
                if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }
        }

        var rows = new List<ModelResult>();
        for (int t = 0; t < trainers.Count; t++)
        {
            rows.Add(new ModelResult(trainers[t].Name, values[t], trainSeconds[t], speed[t]));
        }

        return new ExperimentReport(options.DatasetName, options.Protocol, repetitions, names, rows);
    }

    /// <summary>Creates the seeded split a protocol uses, the same one <see cref="Run(RatingsTable, IReadOnlyList{IRatingTrainer}, ExperimentOptions, IProgress{ExperimentProgress}?, CancellationToken)"/> evaluates on.</summary>
    /// <param name="protocol">A generated protocol (not <see cref="EvaluationProtocol.MovieLens100KFolds"/>).</param>
    /// <param name="ratings">All ratings of the dataset.</param>
    /// <param name="seed">Seed of the split.</param>
    /// <param name="negatives">Leave-one-out only: sampled never-rated movies per held-out one; 1 or more.</param>
    /// <returns>The split; for leave-one-out with one candidate list per test row.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The protocol has no generated split, or <paramref name="negatives"/> is below 1.</exception>
    public static EvaluationSplit CreateSplit(EvaluationProtocol protocol, RatingsTable ratings, int seed, int negatives = ExperimentOptions.Defaults.Negatives)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfLessThan(negatives, 1);
        return ProtocolSplits.Create(protocol, ratings, seed, negatives);
    }

    /// <summary>
    /// Measures one trained model on one split with the metrics <see cref="Run(RatingsTable, IReadOnlyList{IRatingTrainer}, ExperimentOptions, IProgress{ExperimentProgress}?, CancellationToken)"/> reports: HR, NDCG
    /// (at <see cref="ExperimentOptions.RankingCutoff"/>) and MRR when the split has candidate lists,
    /// otherwise the rating metrics and, when <see cref="ExperimentOptions.TopKs"/> is not empty, top-K ones.
    /// </summary>
    /// <param name="model">The trained model.</param>
    /// <param name="split">The split it was trained on.</param>
    /// <param name="options">Cut-offs and thresholds (protocol, seeds and folds are ignored).</param>
    /// <returns>Metric name to value.</returns>
    public static IReadOnlyDictionary<string, double> Evaluate(IRatingPredictor model, EvaluationSplit split, ExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        ValidateCutoffs(options);
        var metrics = new Dictionary<string, double>();
        Measure(model, split, options, metrics);
        return metrics;
    }

    /// <summary>Fills <paramref name="metrics"/> for one model on one split; returns predictions per second.</summary>
    private static double Measure(IRatingPredictor model, EvaluationSplit split, ExperimentOptions options, Dictionary<string, double> metrics)
    {
        if (split.Candidates is not null)
        {
            return EvaluateLeaveOneOut(model, split, options, metrics);
        }

        if (options.Protocol == EvaluationProtocol.FullRanking)
        {
            // Every test row is a positive: there is no rating to predict, only lists to rank.
            return EvaluateTopK(model, split, options, metrics);
        }

        double perSecond = EvaluateRatings(model, split, options, metrics);
        if (options.TopKs.Count > 0)
        {
            EvaluateTopK(model, split, options, metrics);
        }

        return perSecond;
    }

    private static void ValidateCutoffs(ExperimentOptions options)
    {
        if (options.RankingCutoff < 1 || options.TopKs.Any(k => k < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"RankingCutoff = {options.RankingCutoff}, TopKs = [{string.Join(", ", options.TopKs)}]; expected cut-offs of 1 or more.");
        }
    }

    private static void Validate(RatingsTable ratings, IReadOnlyList<IRatingTrainer> trainers, ExperimentOptions options)
    {
        if (trainers.Count == 0)
        {
            throw new ArgumentException("trainers is empty; expected at least one model.", nameof(trainers));
        }

        var duplicate = trainers.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Model name '{duplicate.Key}' appears {duplicate.Count()} times; expected distinct names.", nameof(trainers));
        }

        if (options.Seeds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Seeds, $"Seeds = {options.Seeds}; expected 1 or more.");
        }

        if (options.Negatives < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Negatives, $"Negatives = {options.Negatives}; expected 1 or more.");
        }

        ValidateCutoffs(options);
        if (!Enum.IsDefined(options.Protocol))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Protocol, "Protocol is not a defined evaluation protocol.");
        }

        if (options.Protocol == EvaluationProtocol.MovieLens100KFolds)
        {
            if (options.Folds is not { Count: > 0 })
            {
                throw new ArgumentException("The ml100k-folds protocol needs ExperimentOptions.Folds (u1..u5 base/test); none were given.", nameof(options));
            }
        }
        else if (ratings.Count == 0)
        {
            throw new ArgumentException("ratings is empty; expected the dataset's ratings.", nameof(ratings));
        }
    }

    private static double EvaluateRatings(IRatingPredictor model, EvaluationSplit split, ExperimentOptions options, Dictionary<string, double> metrics)
    {
        var test = split.Test;
        if (test.Count == 0)
        {
            return 0;
        }

        var predicted = new float[test.Count];
        var clock = Stopwatch.StartNew();
        // Each held-out rating is predicted as of when it was made, so a model that reads recent ratings sees only earlier ones.
        if (test.HasTimestamps)
        {
            model.PredictAt(test.Users, test.Movies, test.Timestamps, predicted);
        }
        else
        {
            model.Predict(test.Users, test.Movies, predicted);
        }

        double perSecond = test.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        var actual = test.Ratings;
        if (model.Predicts == PredictionKind.Rating)
        {
            metrics["RMSE"] = RatingMetrics.RootMeanSquaredError(predicted, actual);
            metrics["MAE"] = RatingMetrics.MeanAbsoluteError(predicted, actual);
            metrics["MSE"] = RatingMetrics.MeanSquaredError(predicted, actual);
        }

        // Like/dislike: a rating model likes at the like threshold, a classifier at probability 0.5.
        var likes = new bool[test.Count];
        var predictedLikes = new bool[test.Count];
        float cut = model.Predicts == PredictionKind.LikeProbability ? 0.5f : options.LikeThreshold;
        for (int i = 0; i < likes.Length; i++)
        {
            likes[i] = actual[i] >= options.LikeThreshold;
            predictedLikes[i] = predicted[i] >= cut;
        }

        metrics["BaseRate"] = ClassificationMetrics.PositiveRate(likes);
        if (model.Predicts != PredictionKind.Ranking)
        {
            metrics["Accuracy"] = ClassificationMetrics.Accuracy(predictedLikes, likes);
            metrics["Precision"] = ClassificationMetrics.Precision(predictedLikes, likes);
            metrics["Recall"] = ClassificationMetrics.Recall(predictedLikes, likes);
            metrics["F1"] = ClassificationMetrics.F1(predictedLikes, likes);
        }

        if (model.Predicts == PredictionKind.LikeProbability)
        {
            metrics["LogLoss"] = ClassificationMetrics.LogLoss(predicted, likes);
        }

        metrics["AUC"] = ClassificationMetrics.RocAuc(predicted, likes);
        return perSecond;
    }

    private static double EvaluateLeaveOneOut(IRatingPredictor model, EvaluationSplit split, ExperimentOptions options, Dictionary<string, double> metrics)
    {
        var candidates = split.Candidates!;
        var testUsers = split.Test.Users;
        int k = options.RankingCutoff;
        int longest = candidates.Count == 0 ? 0 : candidates.Max(c => c.Length);
        var users = new int[longest];
        var scores = new float[longest];
        var ranking = new HeldOutRanking(k);
        long pairs = 0;
        var clock = new Stopwatch();
        for (int i = 0; i < candidates.Count; i++)
        {
            var list = candidates[i];
            users.AsSpan(0, list.Length).Fill(testUsers[i]);
            clock.Start();
            model.Predict(users.AsSpan(0, list.Length), list, scores);
            clock.Stop();
            pairs += list.Length;
            ranking.Add<float>(scores.AsSpan(0, list.Length));
        }

        metrics[$"HR@{k}"] = ranking.HitRatio;
        metrics[$"NDCG@{k}"] = ranking.Ndcg;
        metrics["MRR"] = ranking.MeanReciprocalRank;
        return pairs / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
    }

    /// <summary>Fills the top-K metrics over every movie the user did not rate in training or validation; returns movies scored per second.</summary>
    private static double EvaluateTopK(IRatingPredictor model, EvaluationSplit split, ExperimentOptions options, Dictionary<string, double> metrics)
    {
        var test = split.Test;
        var train = split.Train;
        int userBound = Math.Max(train.UserIndexBound, test.UserIndexBound);
        var relevant = new HashSet<int>?[userBound];
        for (int i = 0; i < test.Count; i++)
        {
            if (test.Ratings[i] >= options.RelevanceThreshold)
            {
                (relevant[test.Users[i]] ??= []).Add(test.Movies[i]);
            }
        }

        var seen = new List<int>?[userBound];
        var catalogue = new HashSet<int>();
        for (int i = 0; i < train.Count; i++)
        {
            (seen[train.Users[i]] ??= []).Add(train.Movies[i]);
            catalogue.Add(train.Movies[i]);
        }

        if (split.Validation is { } validation)
        {
            for (int i = 0; i < validation.Count; i++)
            {
                if (validation.Users[i] < userBound)
                {
                    (seen[validation.Users[i]] ??= []).Add(validation.Movies[i]);
                }
            }
        }

        var evaluated = Enumerable.Range(0, userBound).Where(u => relevant[u] is not null).ToArray();
        if (evaluated.Length == 0)
        {
            return 0;
        }

        // P, R, F1 and NDCG at each cut-off; then NDCG, MAP and hit rate at the ranking cut-off.
        var ks = options.TopKs.Distinct().Order().ToArray();
        int cutoff = options.RankingCutoff;
        int longest = Math.Max(ks.Length == 0 ? 0 : ks[^1], cutoff);
        int columns = (4 * ks.Length) + 3;
        var perUser = new double[evaluated.Length, columns];
        var lists = new int[evaluated.Length][];
        int bound = model.MovieIndexBound;
        var clock = Stopwatch.StartNew();
        Parallel.For(
            0,
            evaluated.Length,
            () => (Scores: new float[Math.Max(bound, 1)], Top: new int[longest]),
            (e, _, buffers) =>
            {
                int user = evaluated[e];
                var scores = buffers.Scores.AsSpan(0, bound);
                model.ScoreAll(user, scores);
                if (bound > 0)
                {
                    scores[0] = float.NegativeInfinity;
                }

                if (seen[user] is { } rated)
                {
                    foreach (int m in rated)
                    {
                        if (m < bound)
                        {
                            scores[m] = float.NegativeInfinity;
                        }
                    }
                }

                int count = TopK.Select(scores, buffers.Top);
                var top = buffers.Top.AsSpan(0, count);
                var rel = relevant[user]!;
                for (int j = 0; j < ks.Length; j++)
                {
                    double precision = RankingMetrics.PrecisionAtK(top, rel, ks[j]);
                    double recall = RankingMetrics.RecallAtK(top, rel, ks[j]);
                    perUser[e, 4 * j] = precision;
                    perUser[e, (4 * j) + 1] = recall;
                    perUser[e, (4 * j) + 2] = ClassificationMetrics.HarmonicMean(precision, recall); // F1@K, without scanning the list twice more
                    perUser[e, (4 * j) + 3] = RankingMetrics.NdcgAtK(top, rel, ks[j]);
                }

                perUser[e, 4 * ks.Length] = RankingMetrics.NdcgAtK(top, rel, cutoff);
                perUser[e, (4 * ks.Length) + 1] = RankingMetrics.AveragePrecisionAtK(top, rel, cutoff);
                perUser[e, (4 * ks.Length) + 2] = RankingMetrics.HitRateAtK(top, rel, cutoff);
                lists[e] = top[..Math.Min(cutoff, count)].ToArray();
                return buffers;
            },
            _ => { });
        double perSecond = (double)evaluated.Length * bound / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);

        var means = new double[columns];
        for (int e = 0; e < evaluated.Length; e++)
        {
            for (int c = 0; c < columns; c++)
            {
                means[c] += perUser[e, c] / evaluated.Length;
            }
        }

        for (int j = 0; j < ks.Length; j++)
        {
            metrics[$"P@{ks[j]}"] = means[4 * j];
            metrics[$"R@{ks[j]}"] = means[(4 * j) + 1];
            metrics[$"F1@{ks[j]}"] = means[(4 * j) + 2];
            metrics[$"NDCG@{ks[j]}"] = means[(4 * j) + 3];
        }

        metrics[$"NDCG@{cutoff}"] = means[4 * ks.Length];
        metrics[$"MAP@{cutoff}"] = means[(4 * ks.Length) + 1];
        metrics[$"HR@{cutoff}"] = means[(4 * ks.Length) + 2];
        double distinct = lists.SelectMany(l => l).Where(catalogue.Contains).Distinct().Count();
        metrics[$"Coverage@{cutoff}"] = distinct / Math.Max(1, catalogue.Count);
        return perSecond;
    }

    private sealed class InlineProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
