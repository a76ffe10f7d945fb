using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models.Ncf;

/// <summary>
/// A trained GMF, MLP or NeuMF model. It scores (user, movie) pairs by running its exported ONNX
/// inference graph through ONNX Runtime in batches, and can be saved as a self-describing .onnx file
/// and loaded back.
/// </summary>
/// <remarks>
/// <para>
/// Inputs of the ONNX model: <c>user</c> and <c>movie</c>, int64 [N] dense indices; output
/// <c>score</c>, float [N, 1]: the logit of the interaction probability (implicit task; σ(score) is the
/// probability) or the rating scaled to [-1, 1] (rating task; this class maps it back to the rating
/// scale and clamps it to the training range). Metadata keys <c>movierec.ncf.*</c> record the
/// architecture, task, index bounds and rating range.
/// </para>
/// <para>
/// Cold start: an unknown user or movie (0 or beyond the training bound) is scored with the reserved
/// index 0, whose embedding was never trained; scores stay finite. Movie and user vectors exist for
/// GMF and NeuMF (the GMF branch: users p_u ⊙ h, movies q_i, so their dot product is the branch's
/// contribution to the score); MLP has none. Scoring is thread-safe (one run at a time).
/// </para>
/// </remarks>
public sealed class NcfModel : IRatingPredictor, IDisposable
{
    internal const string ArchitectureKey = "movierec.ncf.architecture";
    internal const string TaskKey = "movierec.ncf.task";
    internal const string UserBoundKey = "movierec.ncf.user_bound";
    internal const string MovieBoundKey = "movierec.ncf.movie_bound";
    internal const string MinRatingKey = "movierec.ncf.min_rating";
    internal const string MaxRatingKey = "movierec.ncf.max_rating";
    internal const string NameKey = "movierec.ncf.name";
    internal const string AlphaKey = "movierec.ncf.alpha";

    /// <summary>Feature schema of NCF bundles: one id column per side.</summary>
    internal const string BundleSchema = "ncf-ids-v1";

    private readonly Lock _gate = new();
    private readonly OnnxSessionOptions _sessionOptions;
    private OnnxSession? _session;
    private readonly Dictionary<int, ScoringSlot> _slots = [];
    private readonly int _scoringBatch;
    private readonly float _minRating;
    private readonly float _maxRating;
    private bool _disposed;
    private double _learningRate;
    private double _samplesPerEpoch;

    private NcfModel(string name, OnnxModel model, OnnxSession? session, OnnxSessionOptions sessionOptions, int scoringBatch, IReadOnlyList<double> losses, IReadOnlyList<double> seconds)
    {
        Name = name;
        OnnxModel = model;
        _session = session;
        _sessionOptions = sessionOptions;
        _scoringBatch = scoringBatch;
        var meta = model.Metadata;
        Architecture = Enum.Parse<NcfArchitecture>(Required(meta, ArchitectureKey));
        Alpha = meta.TryGetValue(AlphaKey, out var alpha) ? double.Parse(alpha, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
        Task = Enum.Parse<NcfTask>(Required(meta, TaskKey));
        UserIndexBound = int.Parse(Required(meta, UserBoundKey), CultureInfo.InvariantCulture);
        MovieIndexBound = int.Parse(Required(meta, MovieBoundKey), CultureInfo.InvariantCulture);
        _minRating = float.Parse(Required(meta, MinRatingKey), CultureInfo.InvariantCulture);
        _maxRating = float.Parse(Required(meta, MaxRatingKey), CultureInfo.InvariantCulture);
        TrainingLosses = losses;
        EpochSeconds = seconds;
        if (Architecture != NcfArchitecture.Mlp)
        {
            var users = model.GetInitializer(NcfGraph.GmfUser).ToFloats();
            var movies = model.GetInitializer(NcfGraph.GmfMovie).ToFloats();
            var weight = model.GetInitializer((Architecture == NcfArchitecture.Gmf ? NcfGraph.GmfOut : NcfGraph.NeuMFOut) + ".weight").ToFloats();
            int factors = movies.Length / MovieIndexBound;
            var userVectors = new float[UserIndexBound * factors];
            for (int u = 0; u < UserIndexBound; u++)
            {
                TensorPrimitives.Multiply(users.AsSpan(u * factors, factors), weight.AsSpan(0, factors), userVectors.AsSpan(u * factors, factors));
            }

            UserVectors = new FactorMatrix(UserIndexBound, factors, userVectors);
            MovieVectors = new FactorMatrix(MovieIndexBound, factors, movies.Length == MovieIndexBound * factors ? movies : movies[..(MovieIndexBound * factors)]);
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the architecture (GMF, MLP or NeuMF).</summary>
    public NcfArchitecture Architecture { get; }

    /// <summary>Gets the task the model was trained for.</summary>
    public NcfTask Task { get; }

    /// <inheritdoc/>
    public bool PredictsRatings => Task == NcfTask.Rating;

    /// <summary>
    /// Gets the GMF/MLP trade-off a pre-trained NeuMF was initialised with (chosen on the validation split
    /// when <see cref="NcfOptions.SelectAlpha"/> is on), or null for GMF, MLP and NeuMF without pre-training.
    /// </summary>
    public double? Alpha { get; }

    /// <summary>
    /// Gets the validation NDCG@10 at the final stage's chosen epoch when the model was trained with
    /// <see cref="NcfOptions.EpochSelection"/> (each user's latest training interaction ranked among 99
    /// never-rated movies; never the test data), or null. Use it to compare settings without the test set.
    /// </summary>
    public double? ValidationNdcg { get; internal set; }

    /// <summary>
    /// Gets, for a model trained with <see cref="NcfOptions.EpochSelection"/>, each stage's chosen epoch
    /// count and its validation NDCG@10, in training order (GMF, MLP, then the fine-tuned NeuMF for a
    /// pre-trained NeuMF; one stage otherwise); empty without epoch selection.
    /// </summary>
    public IReadOnlyList<NcfStageSelection> StageSelections { get; internal set; } = [];

    /// <inheritdoc/>
    public int UserIndexBound { get; }

    /// <inheritdoc/>
    public int MovieIndexBound { get; }

    /// <inheritdoc/>
    public FactorMatrix? UserVectors { get; }

    /// <inheritdoc/>
    public FactorMatrix? MovieVectors { get; }

    /// <summary>Gets the mean training loss of every epoch of the final model (empty for a loaded model).</summary>
    public IReadOnlyList<double> TrainingLosses { get; }

    /// <summary>Gets the wall-clock seconds of every epoch of the final model (negative sampling included; empty for a loaded model).</summary>
    public IReadOnlyList<double> EpochSeconds { get; }

    /// <summary>Gets the inference model (the forward graph with trained weights as initializers).</summary>
    public OnnxModel OnnxModel { get; }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <param name="path">Path of the .onnx file.</param>
    /// <param name="options">Device and threads of the scoring session; null uses the default device (Auto) and
    /// one thread (<see cref="NcfOptions.Defaults.Training"/>).</param>
    /// <returns>The model; dispose it to release its session.</returns>
    /// <exception cref="InvalidDataException">The file is not an NCF model written by this library.</exception>
    /// <exception cref="InvalidOperationException">The options ask for CUDA and CUDA cannot be started.</exception>
    public static NcfModel Load(string path, OnnxSessionOptions? options = null)
    {
        options ??= NcfOptions.Defaults.Training.SessionOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var model = OnnxModel.Load(path);
        if (!model.Metadata.TryGetValue(NameKey, out var name))
        {
            throw new InvalidDataException($"'{path}' has no '{NameKey}' metadata; expected an NCF model saved by NcfModel.Save.");
        }

        var session = OnnxSession.Create(model.ToBytes(), options);
        try
        {
            return FromOnnx(name, model, session, options, NcfOptions.Defaults.ScoringBatchSize, [], []);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Saves the inference model (with its metadata) to an .onnx file, atomically.</summary>
    /// <param name="path">Target path.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        OnnxModel.Save(path);
    }

    /// <summary>
    /// Packs the model into a <see cref="ModelBundle"/> (the shared deep-model file format), so the
    /// recommendation commands, <see cref="DeepRatingModel"/> and the ONNX export work with it.
    /// </summary>
    /// <remarks>
    /// The bundle's feature tables hold one column, the dense index itself (indices the model never saw
    /// map to 0, the unknown row); the inputs <c>user</c> and <c>movie</c> read it. Scores come from the
    /// <c>rating</c> output (<see cref="ScoreInteraction.Graph"/>): σ(score) for the implicit task, the
    /// rating for the rating task. GMF and NeuMF also export <c>user_vector</c> (p_u ⊙ h) and
    /// <c>movie_vector</c> (q_i), the GMF branch, for similar-movie search.
    /// </remarks>
    /// <param name="dataset">The dataset the model was trained on (ids, titles, genres).</param>
    /// <param name="train">The training ratings (kept as the seen pairs that recommendations leave out).</param>
    /// <returns>The bundle.</returns>
    public ModelBundle ToBundle(RecommendationDataset dataset, RatingsTable train)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(train);
        int users = dataset.UserIds.IndexCount;
        int movies = dataset.MovieIds.IndexCount;
        var userRows = new long[users];
        var movieRows = new long[movies];
        for (int u = 0; u < users; u++)
        {
            userRows[u] = UserIndex(u);
        }

        for (int m = 0; m < movies; m++)
        {
            movieRows[m] = MovieIndex(m);
        }

        var history = new List<EpochSummary>();
        for (int e = 0; e < TrainingLosses.Count; e++)
        {
            double seconds = e < EpochSeconds.Count ? EpochSeconds[e] : 0;
            history.Add(new EpochSummary(e + 1, TrainingLosses[e], null, _learningRate, seconds, seconds > 0 ? _samplesPerEpoch / seconds : 0));
        }

        var metadata = OnnxModel.Metadata.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!PredictsRatings)
        {
            metadata[ModelBundle.PredictsRatingsKey] = "false";
        }

        metadata[ModelBundle.BestEpochKey] = TrainingLosses.Count.ToString(CultureInfo.InvariantCulture);
        return new ModelBundle
        {
            ModelKind = Name,
            FeatureSchema = BundleSchema,
            Interaction = ScoreInteraction.Graph,
            Model = OnnxModel,
            Inputs = [new FeatureInput(NcfGraph.UserInput, FeatureSide.User, 0, 1), new FeatureInput(NcfGraph.MovieInput, FeatureSide.Movie, 0, 1)],
            UserFeatureWidth = 1,
            UserFeatures = userRows,
            MovieFeatureWidth = 1,
            MovieFeatures = movieRows,
            Metadata = metadata,
            History = history,
            Catalog = BundleCatalog.Create(dataset, train),
        };
    }

    /// <inheritdoc/>
    public float Predict(int user, int movie)
    {
        Span<int> users = [user];
        Span<int> movies = [movie];
        Span<float> output = stackalloc float[1];
        Predict(users, movies, output);
        return output[0];
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        PredictorChecks.CheckBatch(users, movies, output);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int start = 0; start < users.Length; start += _scoringBatch)
            {
                int count = Math.Min(_scoringBatch, users.Length - start);
                var slot = Slot(count);
                var u = slot.Users.GetSpan<long>();
                var m = slot.Movies.GetSpan<long>();
                for (int i = 0; i < count; i++)
                {
                    u[i] = UserIndex(users[start + i]);
                    m[i] = MovieIndex(movies[start + i]);
                }

                Score(slot, output.Slice(start, count));
            }
        }
    }

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long userIndex = UserIndex(user);
            for (int start = 0; start < MovieIndexBound; start += _scoringBatch)
            {
                int count = Math.Min(_scoringBatch, MovieIndexBound - start);
                var slot = Slot(count);
                slot.Users.GetSpan<long>().Fill(userIndex);
                var m = slot.Movies.GetSpan<long>();
                for (int i = 0; i < count; i++)
                {
                    m[i] = start + i;
                }

                Score(slot, scores.Slice(start, count));
            }
        }
    }

    /// <summary>Releases the inference session and scoring buffers.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var slot in _slots.Values)
            {
                slot.Dispose();
            }

            _slots.Clear();
            _session?.Dispose();
        }
    }

    internal static NcfModel Create(string name, NcfOptions options, NcfTrainingSet set, Trainer trainer, IReadOnlyList<double> losses, IReadOnlyList<double> seconds)
    {
        var metadata = new Dictionary<string, string>
        {
            [NameKey] = name,
            [ArchitectureKey] = options.Architecture.ToString(),
            [TaskKey] = options.Task.ToString(),
            [UserBoundKey] = set.UserBound.ToString(CultureInfo.InvariantCulture),
            [MovieBoundKey] = set.MovieBound.ToString(CultureInfo.InvariantCulture),
            [MinRatingKey] = set.MinRating.ToString("R", CultureInfo.InvariantCulture),
            [MaxRatingKey] = set.MaxRating.ToString("R", CultureInfo.InvariantCulture),
            ["movierec.ncf.factors"] = options.Factors.ToString(CultureInfo.InvariantCulture),
            ["movierec.ncf.mlp_layers"] = string.Join("-", options.ResolveMlpLayers()),
        };
        if (options.Architecture == NcfArchitecture.NeuMF && options.Pretrain)
        {
            metadata[AlphaKey] = options.Alpha.ToString("R", CultureInfo.InvariantCulture);
        }

        var onnx = trainer.ExportModel(new ExportOptions
        {
            ModelKind = "ncf-" + options.Architecture.ToString().ToLowerInvariant(),
            VocabularySizes = new Dictionary<string, long> { ["user"] = set.UserBound, ["movie"] = set.MovieBound },
            FeatureContract = "user: int64[N] dense user index (0 = unknown); movie: int64[N] dense movie index (0 = unknown)",
            Metadata = metadata,
        });
        var model = FromOnnx(name, onnx, null, options.SessionOptions(), options.ScoringBatchSize, losses, seconds);
        model._learningRate = options.Architecture == NcfArchitecture.NeuMF && options.Pretrain ? options.FineTuneLearningRate : options.Training.LearningRate;
        model._samplesPerEpoch = set.RowCount;
        return model;
    }

    private static NcfModel FromOnnx(string name, OnnxModel onnx, OnnxSession? session, OnnxSessionOptions sessionOptions, int scoringBatch, IReadOnlyList<double> losses, IReadOnlyList<double> seconds)
    {
        try
        {
            return new NcfModel(name, onnx, session, sessionOptions, scoringBatch, losses, seconds);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"ONNX model '{onnx.GraphName}' lacks valid NCF metadata: {e.Message}", e);
        }
    }

    private static string Required(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"Metadata '{key}' is missing.");

    private long UserIndex(int user) => (uint)user < (uint)UserIndexBound ? user : 0;

    private long MovieIndex(int movie) => (uint)movie < (uint)MovieIndexBound ? movie : 0;

    private void Score(ScoringSlot slot, Span<float> output)
    {
        _session!.RunBound(slot.RunOptions, slot.Binding);

        var scores = slot.Output.GetSpan<float>();
        if (Task == NcfTask.Implicit)
        {
            for (int i = 0; i < output.Length; i++)
            {
                float s = scores[i];
                output[i] = float.IsNaN(s) ? 0f : s;
            }

            return;
        }

        float half = (_maxRating - _minRating) / 2f;
        for (int i = 0; i < output.Length; i++)
        {
            float s = scores[i];
            float r = _minRating + ((float.IsNaN(s) ? 0f : s + 1f) * half);
            output[i] = Math.Clamp(r, _minRating, _maxRating);
        }
    }

    private ScoringSlot Slot(int count)
    {
        if (!_slots.TryGetValue(count, out var slot))
        {
            // Created on first use: a model trained only to be bundled (movierec train) never scores here.
            _session ??= OnnxSession.Create(OnnxModel.ToBytes(), _sessionOptions);
            slot = ScoringSlot.Create(_session, count);
            _slots[count] = slot;
        }

        return slot;
    }

    private sealed class ScoringSlot : IDisposable
    {
        private ScoringSlot(PinnedTensor users, PinnedTensor movies, PinnedTensor output, OrtIoBinding binding)
        {
            Users = users;
            Movies = movies;
            Output = output;
            Binding = binding;
        }

        public PinnedTensor Users { get; }

        public PinnedTensor Movies { get; }

        public PinnedTensor Output { get; }

        public OrtIoBinding Binding { get; }

        public RunOptions RunOptions { get; } = new();

        public static ScoringSlot Create(OnnxSession session, int count)
        {
            var users = PinnedTensor.Allocate<long>(count);
            var movies = PinnedTensor.Allocate<long>(count);
            var output = PinnedTensor.Allocate<float>(count, 1);
            var binding = session.CreateIoBinding();
            binding.BindInput(NcfGraph.UserInput, users.Value);
            binding.BindInput(NcfGraph.MovieInput, movies.Value);
            binding.BindOutput(NcfGraph.ScoreOutput, output.Value);
            return new ScoringSlot(users, movies, output, binding);
        }

        public void Dispose()
        {
            Binding.Dispose();
            RunOptions.Dispose();
            Users.Dispose();
            Movies.Dispose();
            Output.Dispose();
        }
    }
}
