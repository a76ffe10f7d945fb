using System.Globalization;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Features;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;

namespace MovieRec.Onnx.Models.SeqCnn;

/// <summary>
/// Trains the sequence CNN rating model: a user is the sequence of the movies they rated most recently, a movie the
/// sequence of its genres and plot-summary words, and stacked 1-D convolutions over both predict the rating.
/// </summary>
/// <remarks>
/// <para>
/// User side: the latest <see cref="SeqCnnOptions.HistoryLength"/> ratings made strictly before the rating predicted
/// (<see cref="RatingHistory"/>), each a movie embedding plus a rating-key embedding. Movie side: its genre keys then the
/// words of its plot summary (the dataset's description, joined from a titles catalogue such as the Netflix titles;
/// the title's words when it has none), each a token embedding. Padding embeds to zeros. Each side runs through the
/// same shape of stack, <see cref="SeqCnnOptions.Filters"/> convolutions of <see cref="SeqCnnOptions.KernelSize"/>
/// with ReLU, and is pooled by the maximum over positions; the two pooled vectors are concatenated (the paper's
/// "flattened" features, fixed in width whatever the sequence lengths) and a fully connected layer gives the
/// rating, plus the training mean. Optional terms: a hidden layer, user and movie biases, and a factor dot
/// product started from biased matrix factorisation (<see cref="SeqCnnOptions.Tuned"/>). The model follows
/// "Movie Recommender System Using Convolutional Neural Networks Algorithm" (ML-100K, 80/20: MAE 0.685, RMSE 0.895).
/// </para>
/// <para>
/// No leakage: a training rating's history holds only training ratings made strictly before it; a held-out rating is
/// predicted from the training ratings made strictly before it (<see cref="BundleModel.PredictAt(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{long}, Span{float})"/>,
/// which the experiment runner uses). The bundle's user rows hold each user's latest history at training, which is what
/// recommending for a user reads.
/// </para>
/// <para>
/// The bundle's user rows are <c>[user, movie × L, rating key × L]</c>, its movie rows <c>[movie, genre × G, word × P]</c>
/// (ids of users and movies without a training rating are 0); the exported graph reads <c>history</c> and
/// <c>history_ratings</c> (int64 [N, L]), <c>genres</c> [N, G], <c>plot</c> [N, P], and <c>user_id</c> and
/// <c>movie_id</c> [N] when it has biases or factors, and writes <c>rating</c>, <c>user_vector</c> and
/// <c>movie_vector</c> (the pooled user and movie features).
/// </para>
/// </remarks>
public sealed class SeqCnnTrainer : GraphBundleTrainer
{
    /// <summary>The model name: <c>seq-cnn</c>.</summary>
    public const string ModelName = "seq-cnn";

    /// <summary>Metadata key of the number of movies whose plot words come from a real summary rather than the title.</summary>
    public const string SummaryCountKey = "movierec.seq_cnn.summaries";

    private const string TargetInput = "target";
    private const string UserBias = "user_id.bias";
    private const string MovieBias = "movie_id.bias";
    private const string UserFactors = "user_id.factors";
    private const string MovieFactors = "movie_id.factors";

    private SeqCnnTrainer(SeqCnnOptions options)
    {
        Options = options;
    }

    /// <inheritdoc/>
    public override string Name => Options.Name ?? ModelName;

    /// <summary>Gets the settings.</summary>
    public SeqCnnOptions Options { get; }

    /// <inheritdoc/>
    public override bool ReadsDescriptions => Options.PlotLength > 0;

    /// <inheritdoc/>
    public override DeepTrainingOptions Training => Options.Training;

    /// <summary>Creates a trainer with the paper's settings.</summary>
    /// <returns>The trainer.</returns>
    public static SeqCnnTrainer Create() => Create(new SeqCnnOptions());

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Settings; every value is checked here.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it, see <see cref="SeqCnnOptions.Validate"/>).</exception>
    public static SeqCnnTrainer Create(SeqCnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new SeqCnnTrainer(options);
    }

    /// <inheritdoc/>
    public override BundleTrainer WithSeed(int seed) => new SeqCnnTrainer(Options with { Training = Options.Training with { Seed = seed } });

    /// <inheritdoc/>
    private protected override string OptionsName => nameof(SeqCnnOptions);

    /// <inheritdoc/>
    private protected override string Description => Describe(Options);

    /// <inheritdoc/>
    private protected override GraphRun Prepare(RecommendationDataset dataset, RatingsTable train) =>
        new Run(Options, Tables.Create(dataset, train, Options), RatingHistory.Create(train));

    private sealed class Run(SeqCnnOptions o, Tables tables, RatingHistory ratingHistory) : GraphRun
    {
        private IReadOnlyList<FeatureInput> _inputs = [];
        private MatrixFactorizationStart? _start;

        public override int UserCount => tables.UserCount;

        public override int MovieCount => tables.MovieCount;

        public override IReadOnlyDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ModelBundle.HistoryLengthKey] = o.HistoryLength.ToString(CultureInfo.InvariantCulture),
            [SummaryCountKey] = tables.SummaryCount.ToString(CultureInfo.InvariantCulture),
        };

        public override (ModelGraph Graph, GraphTensor Loss) BuildGraph(RatingsTable fit, double mean, CancellationToken cancellationToken)
        {
            _start = o.InitializeFromMatrixFactorization ? MatrixFactorizationStart.Create(fit, tables, o, mean, cancellationToken) : null;
            var (graph, loss, inputs) = SeqCnnTrainer.BuildGraph(o, tables, mean, o.FreezeMatrixFactorization ? _start : null);
            _inputs = inputs;
            return (graph, loss);
        }

        public override void Initialize(Trainer trainer)
        {
            if (_start is not null && !o.FreezeMatrixFactorization)
            {
                trainer.SetParameter(UserBias, _start.UserBias);
                trainer.SetParameter(MovieBias, _start.MovieBias);
                trainer.SetParameter(UserFactors, _start.UserFactors);
                trainer.SetParameter(MovieFactors, _start.MovieFactors);
            }
        }

        public override TrainingData ToTrainingData(RatingRows ratings) =>
            tables.ToTrainingData(ratings.Source, ratings.Rows ?? [.. Enumerable.Range(0, ratings.Source.Count)], ratingHistory, _inputs);

        public override ExportOptions Export() => new()
        {
            ModelKind = ModelName,
            FeatureContract = string.Create(CultureInfo.InvariantCulture, $"history, history_ratings: int64[N, {o.HistoryLength}] (movie keys and rating keys 1-10 of the latest ratings, oldest first, 0 = padding); genres: int64[N, {o.GenreLength}]; plot: int64[N, {o.PlotLength}] word keys; user_id, movie_id: int64[N] when present"),
            Metadata = new Dictionary<string, string> { [ModelBundle.HistoryLengthKey] = o.HistoryLength.ToString(CultureInfo.InvariantCulture) },
            VocabularySizes = new Dictionary<string, long>
            {
                ["user_id"] = tables.UserCount,
                ["movie_id"] = tables.MovieCount,
                ["genre"] = tables.GenreVocabulary.Count,
                ["plot"] = tables.PlotVocabulary.Count,
            },
        };

        public override ModelBundle Bundle(OnnxModel model, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<EpochSummary> history, BundleDataset dataset) => new()
        {
            ModelKind = o.Name ?? ModelName,
            FeatureSchema = string.Create(CultureInfo.InvariantCulture, $"movierec.features/seq-cnn user[id,history*{o.HistoryLength},history_ratings*{o.HistoryLength}] movie[id,genres*{o.GenreLength},plot*{o.PlotLength}]"),
            Interaction = ScoreInteraction.Graph,
            Model = model,
            Inputs = _inputs,
            UserFeatureWidth = tables.UserWidth,
            UserFeatures = tables.UserRows(ratingHistory),
            MovieFeatureWidth = tables.MovieWidth,
            MovieFeatures = tables.MovieRows,
            Vocabularies = new Dictionary<string, Vocabulary>(StringComparer.Ordinal) { ["genre"] = tables.GenreVocabulary, ["plot"] = tables.PlotVocabulary },
            Metadata = metadata,
            History = history,
            Dataset = dataset,
        };

        public override void Attach(BundleModel model) => model.WithHistory(ratingHistory);
    }

    private static (ModelGraph Graph, GraphTensor Loss, IReadOnlyList<FeatureInput> Inputs) BuildGraph(SeqCnnOptions o, Tables tables, double mean, MatrixFactorizationStart? frozen)
    {
        var g = ModelGraph.Create(ModelName, o.Training.Seed);
        bool ids = o.UseBiases || o.ApproximationRank > 0;
        var inputs = new List<FeatureInput>();
        GraphTensor Input(FeatureInput input)
        {
            inputs.Add(input);
            return input.Width == 1 ? g.Input(input.Name, OnnxElementType.Int64, "N") : g.Input(input.Name, OnnxElementType.Int64, "N", input.Width);
        }

        int l = o.HistoryLength;
        var userId = ids ? Input(new("user_id", FeatureSide.User, 0, 1)) : null;
        var recent = Input(new("history", FeatureSide.User, 1, l));
        var recentRatings = o.UseRatings ? Input(new("history_ratings", FeatureSide.User, 1 + l, l)) : null;
        var movieId = ids ? Input(new("movie_id", FeatureSide.Movie, 0, 1)) : null;
        var genres = Input(new("genres", FeatureSide.Movie, 1, o.GenreLength));
        var plot = o.PlotLength > 0 ? Input(new("plot", FeatureSide.Movie, 1 + o.GenreLength, o.PlotLength)) : null;
        var target = g.Input(TargetInput, OnnxElementType.Float, "N");

        long e = o.EmbeddingSize;
        // User: the recent movies, each its embedding plus its rating's; movie: genres then plot words.
        var userSequence = EmbeddingLayer.Create(g, "history.embedding", tables.MovieCount, e).ApplyMasked(recent);
        if (recentRatings is not null)
        {
            userSequence = g.Add(userSequence, EmbeddingLayer.Create(g, "history_ratings.embedding", RatingHistory.RatingKeyCount, e).ApplyMasked(recentRatings));
        }

        var movieSequence = EmbeddingLayer.Create(g, "genres.embedding", tables.GenreVocabulary.Count, e).ApplyMasked(genres);
        if (plot is not null)
        {
            movieSequence = g.Concat(1, movieSequence, EmbeddingLayer.Create(g, "plot.embedding", tables.PlotVocabulary.Count, e).ApplyMasked(plot));
        }

        GraphTensor Stack(string name, GraphTensor x)
        {
            long width = e;
            for (int i = 0; i < o.Filters.Count; i++)
            {
                var layer = TextConvLayer.Create(g, string.Create(CultureInfo.InvariantCulture, $"{name}.conv{i + 1}"), width, o.KernelSize, o.Filters[i]);
                x = i == o.Filters.Count - 1 ? layer.Apply(x) : layer.ApplySequence(x);
                width = o.Filters[i];
            }

            return x;
        }

        var user = Stack("user", userSequence);
        var movie = Stack("movie", movieSequence);
        long features = 2L * o.Filters[^1];
        var x = g.Concat(1, user, movie);
        if (o.DropoutRate > 0)
        {
            x = g.Dropout(x, o.DropoutRate);
        }

        if (o.HiddenSize > 0)
        {
            x = DenseLayer.Create(g, "hidden", features, o.HiddenSize, Activation.Relu).Apply(x);
            features = o.HiddenSize;
            if (o.DropoutRate > 0)
            {
                x = g.Dropout(x, o.DropoutRate);
            }
        }

        var rating = g.Add(g.Squeeze(DenseLayer.Create(g, "output", features, 1).Apply(x), 1), g.Scalar(mean));
        // Matrix factorisation's terms: parameters, or constants when frozen (the network then learns what MF misses).
        GraphTensor Table(string name, long count, long width, ParameterInit init, double[]? values) => values is null
            ? g.Parameter(name, init, count, width)
            : g.Constant(OnnxTensorData.FromFloats(Array.ConvertAll(values, v => (float)v), count, width));

        if (o.UseBiases)
        {
            GraphTensor Bias(string name, GraphTensor id, long count, double[]? values) =>
                g.Squeeze(g.Gather(Table(name, count, 1, ParameterInit.Zeros, values), id), 1);

            rating = g.Add(rating, g.Add(Bias(UserBias, userId!, tables.UserCount, frozen?.UserBias), Bias(MovieBias, movieId!, tables.MovieCount, frozen?.MovieBias)));
        }

        if (o.ApproximationRank > 0)
        {
            var p = g.Gather(Table(UserFactors, tables.UserCount, o.ApproximationRank, ParameterInit.Normal(0.01), frozen?.UserFactors), userId!);
            var q = g.Gather(Table(MovieFactors, tables.MovieCount, o.ApproximationRank, ParameterInit.Normal(0.01), frozen?.MovieFactors), movieId!);
            rating = g.Add(rating, g.ReduceSum(g.Mul(p, q), [1]));
        }

        g.Output(BundleModel.RatingOutput, rating);
        g.Output(BundleModel.UserVectorOutput, user);
        g.Output(BundleModel.MovieVectorOutput, movie);
        return (g, g.MseLoss(rating, target), inputs);
    }

    /// <summary>
    /// The library's biased matrix factorisation trained on the training ratings, laid out as the network's tables; its
    /// global mean differs from the network's constant by the MF's own mean, so the difference goes into the user biases.
    /// </summary>
    private sealed record MatrixFactorizationStart(double[] UserBias, double[] MovieBias, double[] UserFactors, double[] MovieFactors)
    {
        public static MatrixFactorizationStart Create(RatingsTable fit, Tables tables, SeqCnnOptions o, double mean, CancellationToken cancellationToken)
        {
            var mf = (MatrixFactorizationModel)BaselineCatalog.MatrixFactorization(new MatrixFactorizationOptions { ApproximationRank = o.ApproximationRank, Seed = o.Training.Seed })
                .Fit(fit, null, cancellationToken);
            double shift = mf.GlobalMean - mean;
            var start = new MatrixFactorizationStart(new double[tables.UserCount], new double[tables.MovieCount], new double[tables.UserCount * o.ApproximationRank], new double[tables.MovieCount * o.ApproximationRank]);
            for (int u = 1; u < tables.UserCount && u < mf.UserIndexBound; u++)
            {
                start.UserBias[u] = mf.UserBiases[u] + shift;
                Copy(mf.UserVectors!.Row(u), start.UserFactors.AsSpan(u * o.ApproximationRank, o.ApproximationRank));
            }

            for (int m = 1; m < tables.MovieCount && m < mf.MovieIndexBound; m++)
            {
                start.MovieBias[m] = mf.MovieBiases[m];
                Copy(mf.MovieVectors!.Row(m), start.MovieFactors.AsSpan(m * o.ApproximationRank, o.ApproximationRank));
            }

            return start;
        }

        private static void Copy(ReadOnlySpan<float> from, Span<double> to)
        {
            for (int i = 0; i < from.Length; i++)
            {
                to[i] = from[i];
            }
        }
    }

    private static string Describe(SeqCnnOptions o) => string.Create(
        CultureInfo.InvariantCulture,
        $"history={o.HistoryLength}; genres={o.GenreLength}; plot={o.PlotLength}; embedding={o.EmbeddingSize}; kernel={o.KernelSize}; filters={string.Join(',', o.Filters)}; hidden={o.HiddenSize}; dropout={o.DropoutRate}; ratings={o.UseRatings}; biases={o.UseBiases}; factors={o.ApproximationRank}; mf_init={o.InitializeFromMatrixFactorization}; mf_frozen={o.FreezeMatrixFactorization}; optimizer={o.Training.Optimizer}; lr={o.Training.LearningRate}; batch={o.Training.BatchSize}; epochs={o.Training.Epochs}; weight_decay={o.Training.WeightDecay}; validation={o.Training.ValidationFraction}; patience={o.Training.Patience}; seed={o.Training.Seed}");

    /// <summary>The model's feature tables: movie rows <c>[movie, genre × G, word × P]</c>; user rows are built from a history.</summary>
    private sealed class Tables
    {
        private readonly bool[] _trainedUsers;
        private readonly int _historyLength;

        private Tables(bool[] trainedUsers, int historyLength)
        {
            _trainedUsers = trainedUsers;
            _historyLength = historyLength;
        }

        public required long[] MovieRows { get; init; }

        public required int MovieWidth { get; init; }

        public required Vocabulary GenreVocabulary { get; init; }

        public required Vocabulary PlotVocabulary { get; init; }

        public required int SummaryCount { get; init; }

        public int UserCount => _trainedUsers.Length;

        public int UserWidth => 1 + (2 * _historyLength);

        public int MovieCount => MovieRows.Length / MovieWidth;

        public static Tables Create(RecommendationDataset dataset, RatingsTable train, SeqCnnOptions o)
        {
            var movies = dataset.Movies;
            int movieCount = dataset.MovieIds.IndexCount;
            var trainedUsers = new bool[dataset.UserIds.IndexCount];
            var trainedMovies = new bool[movieCount];
            foreach (int u in train.Users)
            {
                trainedUsers[u] = true;
            }

            foreach (int m in train.Movies)
            {
                trainedMovies[m] = true;
            }

            // A movie's plot words: its description when the dataset has one, else its title's words.
            var texts = new string[movieCount];
            int summaries = 0;
            for (int m = 1; m < movieCount && m < movies.Count; m++)
            {
                string? description = movies.Descriptions[m];
                summaries += description is null ? 0 : 1;
                texts[m] = description ?? movies.Titles[m];
            }

            var plotVocabulary = Vocabulary.Build(texts.Skip(1).Where(text => text is not null).SelectMany(TitleEncoder.Tokenize));
            var words = o.PlotLength > 0 ? TitleEncoder.Create(plotVocabulary, o.PlotLength) : null;
            int width = 1 + o.GenreLength + o.PlotLength;
            var rows = new long[movieCount * width];
            for (int m = 1; m < movieCount && m < movies.Count; m++)
            {
                var row = rows.AsSpan(m * width, width);
                row[0] = trainedMovies[m] ? m : 0;
                for (int slot = 0; slot < o.GenreLength; slot++)
                {
                    row[1 + slot] = movies.GenreKey(m, slot);
                }

                words?.Encode(texts[m], row[(1 + o.GenreLength)..]);
            }

            return new Tables(trainedUsers, o.HistoryLength)
            {
                MovieRows = rows,
                MovieWidth = width,
                GenreVocabulary = MovieFeatureEncoder.GenreVocabularyOf(movies),
                PlotVocabulary = plotVocabulary,
                SummaryCount = summaries,
            };
        }

        /// <summary>Each user's latest history: what recommending for them reads.</summary>
        public long[] UserRows(RatingHistory history)
        {
            var rows = new long[UserCount * UserWidth];
            for (int u = 1; u < UserCount; u++)
            {
                var row = rows.AsSpan(u * UserWidth, UserWidth);
                row[0] = _trainedUsers[u] ? u : 0;
                history.Fill(u, long.MaxValue, _historyLength, row[1..]);
            }

            return rows;
        }

        /// <summary>
        /// Training columns of some rows of the training ratings: each example's user row is its user's history strictly
        /// before it (a rating's time is its timestamp, or its row in <paramref name="train"/> when there are none).
        /// </summary>
        public TrainingData ToTrainingData(RatingsTable train, int[] rows, RatingHistory history, IReadOnlyList<FeatureInput> inputs)
        {
            int n = rows.Length;
            var users = new int[n];
            var times = new long[n];
            var movies = new int[n];
            var targets = new float[n];
            for (int i = 0; i < n; i++)
            {
                int r = rows[i];
                users[i] = train.Users[r];
                times[i] = train.HasTimestamps ? train.Timestamps[r] : r;
                movies[i] = train.Movies[r];
                targets[i] = train.Ratings[r];
            }

            // The user rows (a history per example: 1 + 2 x HistoryLength values) are built batch by batch when the trainer
            // fills one, so memory holds the ratings rather than a history for each of them.
            var data = TrainingData.Create(n);
            int userWidth = UserWidth;
            foreach (var input in inputs)
            {
                if (input.Side == FeatureSide.Movie)
                {
                    data.AddGathered(input.Name, MovieRows, MovieWidth, input.Offset, input.Width, movies);
                    continue;
                }

                var (offset, width) = (input.Offset, input.Width);
                data.AddComputed(input.Name, width, (example, destination) =>
                {
                    int u = users[example];
                    Span<long> row = stackalloc long[userWidth];
                    row[0] = _trainedUsers[u] ? u : 0;
                    if (offset + width > 1)
                    {
                        history.Fill(u, times[example], _historyLength, row[1..]);
                    }

                    row.Slice(offset, width).CopyTo(destination);
                });
            }

            data.Add(TargetInput, targets);
            return data;
        }
    }
}
