using Microsoft.ML;
using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.MLNet;

/// <summary>ML.NET's standard binary classifiers, as <see cref="LikeClassifierTrainer"/> runs them.</summary>
public enum LikeClassifierAlgorithm
{
    /// <summary>Logistic regression trained by SDCA (<c>sdca</c>).</summary>
    SdcaLogisticRegression,

    /// <summary>Boosted decision trees, FastTree (<c>fasttree</c>).</summary>
    FastTree,

    /// <summary>Boosted decision trees, LightGBM (<c>lightgbm</c>).</summary>
    LightGbm,
}

/// <summary>
/// Trains one of ML.NET's standard binary classifiers to tell likes (rating ≥ the like threshold) from dislikes, on
/// the like/dislike MLP's five inputs, so the library's deep classifier can be compared with them on the same splits.
/// </summary>
/// <remarks>
/// <para>
/// Inputs: the user id, the movie id, the movie's first and second genre (0 when it has fewer) and its release
/// year. The ids and genres are one-hot encoded by ML.NET (<c>OneHotEncoding</c>, keys learned from the training
/// ratings; an id the training ratings never saw is all zeros); the year is a number, unknown years replaced by the
/// training mean and scaled to [0, 1] (<c>NormalizeMinMax</c>). The classifiers run with ML.NET's defaults; the
/// like probability is their <c>Probability</c> column (SDCA's is calibrated by the logistic loss; FastTree's and
/// LightGBM's by Platt scaling, ML.NET's default for them).
/// </para>
/// <para>
/// The model is an <see cref="IRatingPredictor"/> whose scores are like probabilities
/// (<see cref="IRatingPredictor.Predicts"/> is <see cref="Abstractions.PredictionKind.LikeProbability"/>); it scores through ML.NET's transformer in batches and
/// has no ONNX form in this library.
/// </para>
/// </remarks>
public sealed class LikeClassifierTrainer : IReseedableTrainer
{
    private LikeClassifierTrainer(LikeClassifierAlgorithm algorithm, float likeThreshold, int seed)
    {
        Algorithm = algorithm;
        LikeThreshold = likeThreshold;
        Seed = seed;
    }

    /// <summary>Gets the names of the classifiers, in <see cref="LikeClassifierAlgorithm"/> order: sdca, fasttree, lightgbm.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = ["sdca", "fasttree", "lightgbm"];

    /// <inheritdoc/>
    public string Name => ModelNames[(int)Algorithm];

    /// <summary>Gets the classifier.</summary>
    public LikeClassifierAlgorithm Algorithm { get; }

    /// <summary>Gets the rating at or above which a rating is a like.</summary>
    public float LikeThreshold { get; }

    /// <summary>Gets the seed of ML.NET's context.</summary>
    public int Seed { get; }

    /// <summary>Creates a trainer.</summary>
    /// <param name="algorithm">The classifier.</param>
    /// <param name="likeThreshold">A rating at or above this is a like; default 3.5.</param>
    /// <param name="seed">Seed of ML.NET's context; default 1.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The algorithm is not defined or the threshold is not finite.</exception>
    public static LikeClassifierTrainer Create(LikeClassifierAlgorithm algorithm, float likeThreshold = 3.5f, int seed = 1)
    {
        if (!Enum.IsDefined(algorithm))
        {
            OptionChecks.Throw(nameof(algorithm), algorithm, "expected SdcaLogisticRegression, FastTree or LightGbm");
        }

        if (!float.IsFinite(likeThreshold))
        {
            OptionChecks.Throw(nameof(likeThreshold), likeThreshold, "expected a finite rating");
        }

        return new LikeClassifierTrainer(algorithm, likeThreshold, seed);
    }

    /// <summary>Creates the trainer of a name of <see cref="ModelNames"/>, with the default threshold and seed.</summary>
    /// <param name="name">sdca, fasttree or lightgbm (case-insensitive).</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static LikeClassifierTrainer FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < ModelNames.Count; i++)
        {
            if (string.Equals(ModelNames[i], name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Create((LikeClassifierAlgorithm)i);
            }
        }

        throw new ArgumentException($"Unknown classifier '{name}'; expected one of {string.Join(", ", ModelNames)}.", nameof(name));
    }

    /// <summary>The registered name of the blend of the tuned like/dislike MLP with ML.NET's three classifiers.</summary>
    public const string BlendName = "like-blend";

    /// <inheritdoc/>
    public IRatingTrainer WithSeed(int seed) => seed == Seed ? this : new LikeClassifierTrainer(Algorithm, LikeThreshold, seed);

    /// <inheritdoc/>
    /// <remarks>Repetition r trains with the seed + r.</remarks>
    public IRatingTrainer ForRepetition(int repetition) => WithSeed(Seed + repetition);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">Always: the classifiers read the movies' genres and years.</exception>
    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"{Name} reads the movies' genres and release years; train it with Fit(dataset, train), or through ExperimentRunner.Run with the dataset.");

    /// <inheritdoc/>
    public IRatingPredictor Fit(RecommendationDataset dataset, RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        PredictorChecks.CheckTrainingRatings(train, nameof(train));
        var movies = MovieInputs.Create(dataset);
        if (train.MovieIndexBound > movies.Count)
        {
            throw new ArgumentException($"The ratings refer to movie index {train.MovieIndexBound - 1}, beyond the dataset's {movies.Count - 1}.", nameof(train));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var ml = new MLContext(Seed);
        var rows = new LikeRow[train.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = movies.Row(train.Users[i], train.Movies[i]);
            rows[i].Label = train.Ratings[i] >= LikeThreshold;
        }

        var data = ml.Data.LoadFromEnumerable(rows);
        var features = ml.Transforms.Categorical.OneHotEncoding(
            [
                new InputOutputColumnPair("UserKey", nameof(LikeRow.User)),
                new InputOutputColumnPair("MovieKey", nameof(LikeRow.Movie)),
                new InputOutputColumnPair("Genre1Key", nameof(LikeRow.Genre1)),
                new InputOutputColumnPair("Genre2Key", nameof(LikeRow.Genre2)),
            ])
            .Append(ml.Transforms.ReplaceMissingValues(nameof(LikeRow.Year)))
            .Append(ml.Transforms.NormalizeMinMax(nameof(LikeRow.Year)))
            .Append(ml.Transforms.Concatenate("Features", "UserKey", "MovieKey", "Genre1Key", "Genre2Key", nameof(LikeRow.Year)));
        var classifiers = ml.BinaryClassification.Trainers;
        IEstimator<ITransformer> classifier = Algorithm switch
        {
            LikeClassifierAlgorithm.SdcaLogisticRegression => classifiers.SdcaLogisticRegression(),
            LikeClassifierAlgorithm.FastTree => classifiers.FastTree(),
            _ => classifiers.LightGbm(),
        };
        var model = features.Append(classifier).Fit(data);
        progress?.Report(1.0);
        return new LikeClassifierModel(Name, ml, model, movies, train.UserIndexBound, train.MovieIndexBound);
    }

    /// <summary>One input row of the classifiers.</summary>
    internal sealed class LikeRow
    {
        public float User;
        public float Movie;
        public float Genre1;
        public float Genre2;
        public float Year;
        public bool Label;
    }

    /// <summary>Genre and year inputs of every movie index.</summary>
    internal sealed class MovieInputs(float[] genre1, float[] genre2, float[] years)
    {
        public int Count => years.Length;

        public static MovieInputs Create(RecommendationDataset dataset)
        {
            var movies = dataset.Movies;
            int count = Math.Min(dataset.MovieIds.IndexCount, movies.Count);
            var genre1 = new float[count];
            var genre2 = new float[count];
            var years = new float[count];
            for (int m = 0; m < count; m++)
            {
                genre1[m] = movies.GenreKey(m, 0);
                genre2[m] = movies.GenreKey(m, 1);
                years[m] = movies.Years[m] > 0 ? movies.Years[m] : float.NaN;
            }

            return new MovieInputs(genre1, genre2, years);
        }

        /// <summary>The row of a pair; a movie index outside the table is an unknown movie with no genre or year.</summary>
        public LikeRow Row(int user, int movie) => (uint)movie < (uint)years.Length && movie > 0
            ? new LikeRow { User = user, Movie = movie, Genre1 = genre1[movie], Genre2 = genre2[movie], Year = years[movie] }
            : new LikeRow { User = user, Movie = 0, Genre1 = 0, Genre2 = 0, Year = float.NaN };
    }
}
