using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models;

/// <summary>
/// A trainer of the library's one trainer abstraction, <see cref="IRatingTrainer"/>, whose models go into a
/// <see cref="ModelBundle"/>: the deep models (LSTM-CNN, text-CNN, NCF, the like/dislike MLP, the sequence CNN) and the
/// classical models with an ONNX form (mean, bias, MF, ALS, implicit ALS, popularity). <see cref="Fit(RecommendationDataset, RatingsTable, IProgress{TrainingProgress}?, CancellationToken)"/> returns the
/// <see cref="BundleModel"/> (save its bundle, export its ONNX graph) and reports per-epoch progress;
/// the experiment runner and the recommendation modes use it as any other <see cref="IRatingTrainer"/>.
/// </summary>
public abstract class BundleTrainer : IReseedableTrainer
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>Gets how the model trains.</summary>
    public abstract DeepTrainingOptions Training { get; }

    /// <summary>Trains a model on ratings that index <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The dataset (users, movies, features); its own ratings are not used.</param>
    /// <param name="train">The training ratings (dense indices of <paramref name="dataset"/>), at least one.</param>
    /// <param name="progress">Optional progress sink (per batch interval and per epoch).</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>The trained model; dispose it to release its native session.</returns>
    /// <exception cref="ArgumentException">The ratings are empty or refer to users or movies the dataset lacks.</exception>
    public abstract BundleModel Fit(RecommendationDataset dataset, RatingsTable train, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Trains a model whose epochs are chosen on validation ratings given by the caller, instead of the slice
    /// <see cref="DeepTrainingOptions.ValidationFraction"/> of <paramref name="train"/> (with
    /// <see cref="DeepTrainingOptions.Patience"/> above 0 training stops early on them and keeps the best epoch).
    /// Only models with <see cref="TakesValidationRatings"/> have it.
    /// </summary>
    /// <param name="dataset">The dataset (users, movies, features); its own ratings are not used.</param>
    /// <param name="train">The training ratings (dense indices of <paramref name="dataset"/>), at least one; all are trained on.</param>
    /// <param name="validation">The validation ratings, at least one, indexed like <paramref name="train"/>.</param>
    /// <param name="progress">Optional progress sink (per batch interval and per epoch).</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>The trained model; dispose it to release its native session.</returns>
    /// <exception cref="ArgumentException">The ratings are empty or refer to users or movies the dataset lacks.</exception>
    /// <exception cref="NotSupportedException">The model does not take validation ratings.</exception>
    public BundleModel Fit(RecommendationDataset dataset, RatingsTable train, RatingsTable validation, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!TakesValidationRatings)
        {
            throw new NotSupportedException($"Model '{Name}' does not take validation ratings; the models that do are the rating CNNs and the like/dislike MLP. Train it with Fit(dataset, train).");
        }

        PredictorChecks.CheckTrainingRatings(validation, nameof(validation));
        return FitWithValidation(dataset, train, validation, progress, cancellationToken);
    }

    /// <summary>Gets a value indicating whether <see cref="Fit(RecommendationDataset, RatingsTable, RatingsTable, IProgress{TrainingProgress}?, CancellationToken)"/> takes validation ratings from the caller.</summary>
    public virtual bool TakesValidationRatings => false;

    /// <summary>
    /// Trains on all of <paramref name="train"/>, choosing the epochs on <paramref name="validation"/> (checked, at
    /// least one rating); a model with <see cref="TakesValidationRatings"/> overrides it.
    /// </summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="train">The training ratings.</param>
    /// <param name="validation">The validation ratings.</param>
    /// <param name="progress">Optional progress sink.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>The trained model.</returns>
    protected virtual BundleModel FitWithValidation(RecommendationDataset dataset, RatingsTable train, RatingsTable validation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Model '{Name}' does not take validation ratings.");

    /// <summary>Splits off a seeded validation slice of the training ratings.</summary>
    protected static (RatingsTable Fit, RatingsTable? Validation) SplitValidation(RatingsTable train, double fraction, int seed)
    {
        var (fit, validation) = SplitValidationRows(train.Count, fraction, seed);
        return validation is null ? (train, null) : (train.Subset(fit), train.Subset(validation));
    }

    /// <summary>The rows of <see cref="SplitValidation"/>: fit rows and validation rows (null when nothing is held out), each ascending.</summary>
    protected static (int[] Fit, int[]? Validation) SplitValidationRows(int count, double fraction, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        int held = (int)Math.Round(count * fraction);
        if (held == 0 || held >= count)
        {
            return (order, null);
        }

        new Random(seed ^ 0x5EED).Shuffle(order);
        var validation = order[..held];
        var fit = order[held..];
        Array.Sort(validation);
        Array.Sort(fit);
        return (fit, validation);
    }

    /// <summary>The mean of some ratings, 0 for none.</summary>
    protected static double Mean(ReadOnlySpan<float> ratings)
    {
        double sum = 0;
        foreach (float r in ratings)
        {
            sum += r;
        }

        return ratings.Length == 0 ? 0 : sum / ratings.Length;
    }

    /// <summary>Refuses ratings that refer to users or movies beyond a model's feature tables.</summary>
    /// <param name="ratings">The ratings.</param>
    /// <param name="userCount">User indices the tables hold, index 0 included.</param>
    /// <param name="movieCount">Movie indices the tables hold, index 0 included.</param>
    /// <param name="parameterName">The parameter the ratings came in.</param>
    /// <exception cref="ArgumentException">An index is beyond the tables.</exception>
    protected static void CheckWithinTables(RatingsTable ratings, int userCount, int movieCount, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (ratings.UserIndexBound > userCount || ratings.MovieIndexBound > movieCount)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The ratings refer to user index {ratings.UserIndexBound - 1} / movie index {ratings.MovieIndexBound - 1}, beyond the dataset's {userCount - 1} / {movieCount - 1}."), parameterName);
        }
    }

    /// <summary>
    /// Gets what the trained model predicts, which decides how it is measured: ratings (the default; RMSE and MAE on a
    /// random split), a ranking learnt from implicit feedback (NCF's implicit task; leave-one-out among 99 sampled
    /// movies), or a like probability (<c>like-mlp</c>; accuracy, AUC and log-loss on a random split).
    /// </summary>
    public virtual PredictionKind Predicts => PredictionKind.Rating;

    /// <summary>
    /// Gets a value indicating whether the model reads movies' plot summaries (<see cref="MoviesTable.Descriptions"/>,
    /// joined from a titles catalogue such as the Netflix titles), falling back to the titles' words where a movie has none.
    /// </summary>
    public virtual bool ReadsDescriptions => false;

    /// <summary>
    /// Gets a value indicating whether <see cref="Training"/>'s settings (epochs, learning rate, batch, early stopping,
    /// threads, device) shape the training; false for a model trained otherwise (a classical model bundled for
    /// serving), where only the seed counts.
    /// </summary>
    public virtual bool HasTrainingOptions => true;

    /// <summary>A trainer with the same settings and the training seed <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The trainer.</returns>
    public abstract BundleTrainer WithSeed(int seed);

    /// <inheritdoc/>
    int IReseedableTrainer.Seed => Training.Seed;

    /// <inheritdoc/>
    IRatingTrainer IReseedableTrainer.WithSeed(int seed) => seed == Training.Seed ? this : WithSeed(seed);

    /// <inheritdoc/>
    /// <remarks>Repetition r trains with the training seed + r.</remarks>
    public IRatingTrainer ForRepetition(int repetition) => repetition == 0 ? this : WithSeed(Training.Seed + repetition);

    /// <inheritdoc/>
    IRatingPredictor IRatingTrainer.Fit(RecommendationDataset dataset, RatingsTable train, IProgress<double>? progress, CancellationToken cancellationToken) =>
        Fit(dataset, train, progress is null ? null : new Fraction(progress), cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The model reads the dataset's features (see <see cref="FitRatings"/>).</exception>
    IRatingPredictor IRatingTrainer.Fit(RatingsTable train, IProgress<double>? progress, CancellationToken cancellationToken) =>
        FitRatings(train, progress, cancellationToken);

    /// <summary>
    /// Trains on ratings alone, without a dataset, for models that read nothing but the ids (NCF). The default
    /// throws: the rating CNNs read the dataset's users and movies (titles, genres, demographics).
    /// </summary>
    /// <param name="train">Training ratings.</param>
    /// <param name="progress">Receives the completed fraction (0 to 1); optional.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="InvalidOperationException">The model needs the dataset.</exception>
    protected virtual BundleModel FitRatings(RatingsTable train, IProgress<double>? progress, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{Name} reads the dataset's users and movies (ids, titles, features); train it with Fit(dataset, train), or through ExperimentRunner.Run with the dataset.");

    /// <summary>
    /// Reports a trainer's completed fraction (0 to 1) as training progress, in thousandths of the whole run shown as
    /// one epoch, with no running loss (<see cref="TrainingProgress.RunningLoss"/> is NaN).
    /// </summary>
    /// <param name="progress">The progress sink, or null.</param>
    /// <returns>A sink of fractions, or null.</returns>
    protected static IProgress<double>? AsFraction(IProgress<TrainingProgress>? progress) =>
        progress is null ? null : new FractionProgress(progress);

    private sealed class FractionProgress(IProgress<TrainingProgress> sink) : IProgress<double>
    {
        private const int Steps = 1000;

        public void Report(double value) =>
            sink.Report(new TrainingProgress(1, 1, Math.Clamp((int)Math.Round(value * Steps), 0, Steps), Steps, double.NaN, 0, null, value >= 1));
    }

    /// <summary>Turns epoch and batch progress into the completed fraction.</summary>
    private sealed class Fraction(IProgress<double> sink) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) =>
            sink.Report(Math.Clamp((value.Epoch - 1 + ((double)value.Batch / Math.Max(1, value.Batches))) / Math.Max(1, value.Epochs), 0, 1));
    }
}
