using System.Diagnostics;
using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Evaluation;

/// <summary>
/// The fold-in protocol (<c>movierec evaluate --protocol fold-in</c>): how well a model serves users who arrive after
/// training, without retraining. A share of the users is held out entirely; the model trains on the others; each
/// held-out user is folded in (<see cref="IUserFoldIn.FoldIn"/>) from a share of their ratings and tested on the rest,
/// beside a full retrain on the same ratings plus the held-out users' fold-in shares, tested on the same rows.
/// </summary>
/// <remarks>
/// Rating models report RMSE of both and their ratio (fold-in / retrain; 1.02 is 2 % worse). Ranking models
/// (implicit feedback) rank each held-out user's first test movie among 99 movies they never rated (HR@10, NDCG@10),
/// ties counting half. A model without fold-in reports the retrain only. Users with fewer than five ratings stay in
/// training. Each repetition draws another held-out set and reseeds the trainer.
/// </remarks>
public static class FoldInExperiment
{
    /// <summary>The share of users held out; 10 %.</summary>
    public const double HeldOutUsers = 0.1;

    /// <summary>The share of a held-out user's ratings the model folds them in from; 80 %.</summary>
    public const double FoldInShare = 0.8;

    private const int Negatives = 99;
    private const int Cutoff = 10;

    /// <summary>Runs the protocol for every trainer over <paramref name="seeds"/> repetitions.</summary>
    /// <param name="ratings">All ratings.</param>
    /// <param name="dataset">The dataset the ratings index, for models that read its features; null for ratings alone.</param>
    /// <param name="trainers">The models.</param>
    /// <param name="datasetName">The dataset's name, for the report.</param>
    /// <param name="seeds">Repetitions, 1 or more; repetition r uses seed <paramref name="firstSeed"/> + r.</param>
    /// <param name="firstSeed">The first seed.</param>
    /// <param name="progress">Optional progress.</param>
    /// <param name="cancellationToken">Cancels between models.</param>
    /// <returns>The report: per model, the fold-in and retrain figures.</returns>
    /// <exception cref="ArgumentException">Too few users have five ratings to hold any out.</exception>
    public static ExperimentReport Run(RatingsTable ratings, RecommendationDataset? dataset, IReadOnlyList<IRatingTrainer> trainers, string datasetName, int seeds = 1, int firstSeed = 1, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(trainers);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        var values = trainers.Select(_ => new Dictionary<string, List<double>>()).ToArray();
        var seconds = trainers.Select(_ => new List<double>()).ToArray();
        var speed = trainers.Select(_ => new List<double>()).ToArray();
        for (int rep = 0; rep < seeds; rep++)
        {
            var split = Split(ratings, firstSeed + rep);
            for (int t = 0; t < trainers.Count; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var trainer = trainers[t] is IReseedableTrainer reseedable ? reseedable.ForRepetition(rep) : trainers[t];
                progress?.Report(new ExperimentProgress(trainer.Name, (double)rep / seeds, $"seed {firstSeed + rep}: training"));
                var clock = Stopwatch.StartNew();
                var model = Fit(trainer, dataset, split.Train, cancellationToken);
                seconds[t].Add(clock.Elapsed.TotalSeconds);
                var retrained = Fit(trainer, dataset, split.Retrain, cancellationToken);
                try
                {
                    var measuring = Stopwatch.StartNew();
                    int predictions = Measure(model, retrained, split, ratings, firstSeed + rep, values[t]);
                    speed[t].Add(predictions / Math.Max(1e-9, measuring.Elapsed.TotalSeconds));
                }
                finally
                {
                    (model as IDisposable)?.Dispose();
                    (retrained as IDisposable)?.Dispose();
                }
            }
        }

        var names = values.SelectMany(v => v.Keys).Distinct().ToList();
        var rows = trainers.Select((trainer, t) => new ModelResult(trainer.Name, values[t], seconds[t], speed[t])).ToList();
        return new ExperimentReport(datasetName, EvaluationProtocol.FoldIn, seeds, names, rows);
    }

    private static IRatingPredictor Fit(IRatingTrainer trainer, RecommendationDataset? dataset, RatingsTable train, CancellationToken cancellationToken) =>
        dataset is null ? trainer.Fit(train, cancellationToken: cancellationToken) : trainer.Fit(dataset, train, cancellationToken: cancellationToken);

    /// <summary>Adds the figures of one repetition; returns the number of predictions made (folding in counts as the users' share of the time).</summary>
    private static int Measure(IRatingPredictor model, IRatingPredictor retrained, FoldInSplit split, RatingsTable all, int seed, Dictionary<string, List<double>> values)
    {
        var foldIn = model as IUserFoldIn;
        var folded = new Dictionary<int, FoldedInUser>();
        if (foldIn is not null)
        {
            foreach (var (user, rows) in split.FoldInRows)
            {
                folded[user] = foldIn.FoldIn([.. rows.Select(r => all.Movies[r])], [.. rows.Select(r => all.Ratings[r])]);
            }
        }

        if (model.Predicts == PredictionKind.Rating)
        {
            double foldError = 0, retrainError = 0;
            int count = 0;
            foreach (var (user, rows) in split.TestRows)
            {
                foreach (int r in rows)
                {
                    float actual = all.Ratings[r];
                    int movie = all.Movies[r];
                    if (foldIn is not null)
                    {
                        double e = foldIn.Predict(folded[user], movie) - actual;
                        foldError += e * e;
                    }

                    double d = retrained.Predict(user, movie) - actual;
                    retrainError += d * d;
                    count++;
                }
            }

            double retrainRmse = Math.Sqrt(retrainError / count);
            Add(values, "RMSE retrain", retrainRmse);
            if (foldIn is not null)
            {
                double foldRmse = Math.Sqrt(foldError / count);
                Add(values, "RMSE fold-in", foldRmse);
                Add(values, "fold-in / retrain", foldRmse / retrainRmse);
            }

            return count * (foldIn is null ? 1 : 2);
        }

        // Ranking: each held-out user's first test movie among 99 movies they never rated.
        var random = new Random(seed);
        var rated = new HashSet<long>();
        for (int r = 0; r < all.Count; r++)
        {
            rated.Add(((long)all.Users[r] << 32) | (uint)all.Movies[r]);
        }

        var foldRanking = new HeldOutRanking(Cutoff);
        var retrainRanking = new HeldOutRanking(Cutoff);
        var candidates = new int[Negatives + 1];
        var foldScores = new float[Negatives + 1];
        var retrainScores = new float[Negatives + 1];
        int movieBound = all.MovieIndexBound;
        foreach (var (user, rows) in split.TestRows)
        {
            candidates[0] = all.Movies[rows[0]];
            for (int j = 1; j <= Negatives; j++)
            {
                int movie;
                do
                {
                    movie = random.Next(1, movieBound);
                }
                while (rated.Contains(((long)user << 32) | (uint)movie));
                candidates[j] = movie;
            }

            for (int j = 0; j < candidates.Length; j++)
            {
                retrainScores[j] = retrained.Predict(user, candidates[j]);
                if (foldIn is not null)
                {
                    foldScores[j] = foldIn.Predict(folded[user], candidates[j]);
                }
            }

            retrainRanking.Add<float>(retrainScores);
            if (foldIn is not null)
            {
                foldRanking.Add<float>(foldScores);
            }
        }

        Add(values, "HR@10 retrain", retrainRanking.HitRatio);
        Add(values, "NDCG@10 retrain", retrainRanking.Ndcg);
        if (foldIn is not null)
        {
            Add(values, "HR@10 fold-in", foldRanking.HitRatio);
            Add(values, "NDCG@10 fold-in", foldRanking.Ndcg);
        }

        return split.TestRows.Count * candidates.Length * (foldIn is null ? 1 : 2);
    }

    private static void Add(Dictionary<string, List<double>> values, string name, double value)
    {
        if (!values.TryGetValue(name, out var list))
        {
            values[name] = list = [];
        }

        list.Add(value);
    }

    /// <summary>Holds out users: the others' rows train; each held-out user's rows split into fold-in and test rows.</summary>
    private static FoldInSplit Split(RatingsTable ratings, int seed)
    {
        var random = new Random(seed);
        var rowsOf = new Dictionary<int, List<int>>();
        for (int r = 0; r < ratings.Count; r++)
        {
            int user = ratings.Users[r];
            if (!rowsOf.TryGetValue(user, out var list))
            {
                rowsOf[user] = list = [];
            }

            list.Add(r);
        }

        int[] eligible = [.. rowsOf.Where(p => p.Value.Count >= 5).Select(p => p.Key).Order()];
        int held = (int)Math.Round(rowsOf.Count * HeldOutUsers);
        if (held < 1 || eligible.Length < held)
        {
            throw new ArgumentException($"The fold-in protocol holds out {HeldOutUsers:P0} of the users, each with five ratings or more; the ratings have {eligible.Length} such users of {rowsOf.Count}.", nameof(ratings));
        }

        random.Shuffle(eligible);
        var heldOut = eligible[..held].ToHashSet();
        var train = new List<int>();
        var retrain = new List<int>();
        var foldInRows = new List<(int User, int[] Rows)>();
        var testRows = new List<(int User, int[] Rows)>();
        foreach (var (user, rows) in rowsOf.OrderBy(p => p.Key))
        {
            if (!heldOut.Contains(user))
            {
                train.AddRange(rows);
                retrain.AddRange(rows);
                continue;
            }

            int[] shuffled = [.. rows];
            random.Shuffle(shuffled);
            int fold = Math.Clamp((int)Math.Round(shuffled.Length * FoldInShare), 1, shuffled.Length - 1);
            foldInRows.Add((user, shuffled[..fold]));
            testRows.Add((user, shuffled[fold..]));
            retrain.AddRange(shuffled[..fold]);
        }

        train.Sort();
        retrain.Sort();
        return new FoldInSplit(ratings.Subset([.. train]), ratings.Subset([.. retrain]), foldInRows, testRows);
    }

    private sealed record FoldInSplit(RatingsTable Train, RatingsTable Retrain, IReadOnlyList<(int User, int[] Rows)> FoldInRows, IReadOnlyList<(int User, int[] Rows)> TestRows);
}
