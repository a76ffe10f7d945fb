using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Abstractions;
using MovieRec.Features;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Models;

/// <summary>
/// A trained deep rating model loaded from a <see cref="ModelBundle"/>: an ONNX Runtime session
/// over the bundle's inference model plus the feature tables that feed it, usable wherever an
/// <see cref="IRatingPredictor"/> is (evaluation, recommendation).
/// </summary>
/// <remarks>
/// <para>
/// <b>Scoring.</b> For a factorised model (<see cref="ScoreInteraction.Dot"/> or
/// <see cref="ScoreInteraction.Additive"/>) the towers run once per user and per movie when the
/// model is created, through the ONNX session in batches; afterwards score(u, m) =
/// U[u]·V[m] + o_u[u] + o_m[m] is computed in managed code with <see cref="TensorPrimitives"/>,
/// so scoring every movie for one user costs one pass over the movie vectors. These equal the
/// model's <c>rating</c> output up to float rounding (≈1e-6 relative). A
/// <see cref="ScoreInteraction.Graph"/> model runs the session for every batch of pairs.
/// </para>
/// <para>
/// <b>Vectors.</b> <see cref="UserVectors"/> and <see cref="MovieVectors"/> are the model's
/// <c>user_vector</c> and <c>movie_vector</c> outputs (for the CNN models, the two 200-d tower
/// outputs), used by similar-movie search.
/// </para>
/// <para>
/// <b>Cold start.</b> An unknown index (0, negative, or beyond the bound) is scored as index 0:
/// the feature row 0, whose id is 0 (an embedding row no rating trained). A user or movie known
/// only by its side features (gender, age group, occupation; title and genres) is scored through
/// <see cref="ScoreAll(ReadOnlySpan{long}, Span{float})"/> and
/// <see cref="ScoreUsers(ReadOnlySpan{long}, Span{float})"/> with a feature row whose id column is 0.
/// </para>
/// <para>Scoring is thread-safe: once created, a model may be scored from many threads at once (the tower vectors are
/// read-only, and each ONNX Runtime run has its own inputs and outputs), with the same results as one thread.</para>
/// </remarks>
public sealed partial class BundleModel : IRatingPredictor, IDisposable
{
    /// <summary>Name of the output deep rating models score with (unless the bundle names another, <see cref="ModelBundle.ScoreOutput"/>): the predicted rating, Float [N].</summary>
    public const string RatingOutput = "rating";

    /// <summary>Name of the optional user tower output, Float [N, D].</summary>
    public const string UserVectorOutput = "user_vector";

    /// <summary>Name of the optional movie tower output, Float [N, D].</summary>
    public const string MovieVectorOutput = "movie_vector";

    /// <summary>Name of the optional per-user additive term (user bias + global offset), Float [N].</summary>
    public const string UserOffsetOutput = "user_offset";

    /// <summary>Name of the optional per-movie additive term (movie bias), Float [N].</summary>
    public const string MovieOffsetOutput = "movie_offset";

    private const int BatchSize = 4096;

    /// <summary>At most this many batch sizes keep pooled scoring slots; slots of further sizes are released after use.</summary>
    private const int PooledBatchSizes = 8;

    private readonly OnnxSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly HashSet<string> _outputs;
    private readonly float[] _userOffsets;
    private readonly float[] _movieOffsets;
    private readonly bool _hasOffsets;
    private readonly ConcurrentDictionary<int, ConcurrentBag<ScoringSlot>> _slots = new();
    private RatingHistory? _history;
    private volatile bool _disposed;

    private BundleModel(ModelBundle bundle, OnnxSession session)
    {
        Bundle = bundle;
        _session = session;
        _outputs = session.OutputNames.ToHashSet(StringComparer.Ordinal);
        if (!_outputs.Contains(bundle.ScoreOutput))
        {
            throw new InvalidDataException($"Model '{bundle.ModelKind}' has no '{bundle.ScoreOutput}' output; outputs: {string.Join(", ", session.OutputNames)}.");
        }

        var scoreDims = session.OutputMetadata[bundle.ScoreOutput].Dimensions;
        if (!(scoreDims.Length == 1 || (scoreDims.Length == 2 && scoreDims[1] == 1)))
        {
            throw new InvalidDataException($"Model '{bundle.ModelKind}' scores with output '{bundle.ScoreOutput}' of shape [{string.Join(", ", scoreDims)}]; one value per pair ([N] or [N, 1]) is expected.");
        }

        if (bundle.Interaction != ScoreInteraction.Graph)
        {
            foreach (string name in RequiredOutputs(bundle.Interaction))
            {
                if (!_outputs.Contains(name))
                {
                    throw new InvalidDataException($"Model '{bundle.ModelKind}' declares {bundle.Interaction} scoring but has no '{name}' output.");
                }
            }
        }

        bool vectors = _outputs.Contains(UserVectorOutput) && _outputs.Contains(MovieVectorOutput);
        // Offsets are optional for a dot model (a plain dot product has none): they stay 0.
        bool offsets = bundle.Interaction != ScoreInteraction.Graph && _outputs.Contains(UserOffsetOutput) && _outputs.Contains(MovieOffsetOutput);
        int users = bundle.UserCount;
        int movies = bundle.MovieCount;
        _hasOffsets = offsets;
        _userOffsets = new float[users];
        _movieOffsets = new float[movies];
        float[]? userVectors = null, movieVectors = null;
        int dimension = 0;
        if (vectors)
        {
            dimension = (int)session.OutputMetadata[UserVectorOutput].Dimensions[^1];
            userVectors = new float[checked(users * dimension)];
            movieVectors = new float[checked(movies * dimension)];
        }

        try
        {
            ComputeTowers(FeatureSide.User, users, userVectors, _userOffsets, offsets);
            ComputeTowers(FeatureSide.Movie, movies, movieVectors, _movieOffsets, offsets);
        }
        catch (OnnxRuntimeException e)
        {
            // The feature tables hold ids the model's embeddings do not have, or columns it cannot read.
            throw new InvalidDataException($"model.onnx cannot score the bundle's own feature tables: {e.Message}", e);
        }

        if (vectors)
        {
            UserVectors = new FactorMatrix(users, dimension, userVectors!);
            MovieVectors = new FactorMatrix(movies, dimension, movieVectors!);
        }
    }

    /// <summary>The bundle the model was created from.</summary>
    public ModelBundle Bundle { get; }

    /// <inheritdoc/>
    public string Name => Bundle.ModelKind;

    /// <inheritdoc/>
    public PredictionKind Predicts => Bundle.Predicts;

    /// <inheritdoc/>
    public int UserIndexBound => Bundle.UserCount;

    /// <inheritdoc/>
    public int MovieIndexBound => Bundle.MovieCount;

    /// <inheritdoc/>
    public FactorMatrix? UserVectors { get; }

    /// <inheritdoc/>
    public FactorMatrix? MovieVectors { get; }

    /// <summary>How scores are computed (see the class remarks).</summary>
    public ScoreInteraction Interaction => Bundle.Interaction;

    /// <summary>Gets the device the model's session runs on: CPU or CUDA.</summary>
    public ExecutionDevice Device => _session.Device;

    /// <summary>Gets the device as people write it: <c>CPU</c> or <c>CUDA:0</c>.</summary>
    public string DeviceName => _session.DeviceName;

    /// <summary>Gets why CUDA was not used when the device Auto fell back to the CPU, or null.</summary>
    public string? FallbackReason => _session.FallbackReason;

    /// <summary>Creates the model of a bundle: opens an ONNX Runtime session and computes the tower outputs.</summary>
    /// <param name="bundle">The bundle.</param>
    /// <param name="options">Session settings; null uses the default device (Auto) and one intra-op thread (deterministic, and fastest for small batches).</param>
    /// <returns>The model; dispose it to release the native session.</returns>
    /// <exception cref="InvalidDataException">The bundle's parts disagree or the model lacks a needed output.</exception>
    /// <exception cref="InvalidOperationException">The options ask for CUDA and CUDA cannot be started.</exception>
    public static BundleModel Create(ModelBundle bundle, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        bundle.Validate("<in memory>");
        OnnxSession? session = OnnxSession.Create(bundle.Model.ToBytes(), options ?? new OnnxSessionOptions { IntraOpThreads = 1 });
        try
        {
            var model = new BundleModel(bundle, session);
            session = null;
            return model;
        }
        finally
        {
            session?.Dispose();
        }
    }

    /// <summary>Loads a bundle file and creates its model.</summary>
    /// <param name="path">Bundle file written by <see cref="Save(string)"/>.</param>
    /// <param name="expectedSchema">When given, the feature schema the caller needs (see <see cref="ModelBundle.Load(string, string?)"/>).</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The file is corrupted or made for another feature schema (the message names the file).</exception>
    public static BundleModel Load(string path, string? expectedSchema = null)
    {
        var bundle = ModelBundle.Load(path, expectedSchema);
        try
        {
            return Create(bundle);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Model bundle '{path}': {e.Message}", e);
        }
    }

    /// <summary>Loads a model from a stream holding its bundle (see <see cref="ModelBundle.Load(Stream, string?)"/>).</summary>
    /// <param name="stream">A readable stream, left open.</param>
    /// <param name="expectedSchema">When given, the feature schema the caller needs.</param>
    /// <param name="options">Device and threads of the scoring session; null uses the defaults.</param>
    /// <returns>The model; dispose it to release its session.</returns>
    /// <exception cref="InvalidDataException">The stream does not hold a valid bundle, or its model cannot score its own feature tables.</exception>
    public static BundleModel Load(Stream stream, string? expectedSchema = null, OnnxSessionOptions? options = null) =>
        Create(ModelBundle.Load(stream, expectedSchema), options);

    /// <summary>Writes the model's bundle to a stream, left open (see <see cref="ModelBundle.Save(Stream)"/>).</summary>
    /// <param name="stream">A writable stream.</param>
    public void Save(Stream stream) => Bundle.Save(stream);

    /// <summary>Saves the model's bundle atomically (see <see cref="ModelBundle.Save(string)"/>).</summary>
    /// <param name="path">Target file.</param>
    public void Save(string path) => Bundle.Save(path);

    /// <inheritdoc/>
    public float Predict(int user, int movie)
    {
        user = (uint)user < (uint)UserIndexBound ? user : 0;
        movie = (uint)movie < (uint)MovieIndexBound ? movie : 0;
        if (Interaction == ScoreInteraction.Graph)
        {
            Span<float> one = stackalloc float[1];
            ScoreGraph(1, one, RowSource.Pairs(Bundle.UserFeatures, Bundle.UserFeatureWidth, [user], UserIndexBound), RowSource.Pairs(Bundle.MovieFeatures, Bundle.MovieFeatureWidth, [movie], MovieIndexBound));
            return one[0];
        }

        return Factorised(user, movie);
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        PredictorChecks.CheckBatch(users, movies, output);
        if (Interaction == ScoreInteraction.Graph)
        {
            ScorePairs(users, movies, output);
            return;
        }

        for (int i = 0; i < users.Length; i++)
        {
            output[i] = Predict(users[i], movies[i]);
        }
    }

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        user = (uint)user < (uint)UserIndexBound ? user : 0;
        if (Interaction == ScoreInteraction.Graph)
        {
            // The user's stored feature row against every movie row: the same pairs, without gathering copies.
            ScoreAll(Bundle.UserFeatures.AsSpan(user * Bundle.UserFeatureWidth, Bundle.UserFeatureWidth), scores);
            return;
        }

        ScoreFactorised(UserVectors is null ? default : UserVectors.Row(user), _userOffsets[user], scores);
    }

    /// <summary>
    /// Gets the ratings the model reads users' recent histories from when it predicts at a time
    /// (<see cref="PredictAt(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{long}, Span{float})"/>): its training ratings
    /// when the trainer set them, or null (a loaded bundle, or a model whose users do not change with time).
    /// </summary>
    public RatingHistory? History => _history;

    /// <inheritdoc/>
    /// <remarks>
    /// For a model whose user rows are recent histories (<see cref="ModelBundle.HistoryLength"/>) with <see cref="History"/>
    /// set, each pair's user row is rebuilt from the ratings made strictly before its time; otherwise the stored rows
    /// (the latest history at training) are used, as by <see cref="Predict(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float})"/>.
    /// </remarks>
    public void PredictAt(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, ReadOnlySpan<long> timestamps, Span<float> output)
    {
        if (_history is null || Bundle.HistoryLength is null)
        {
            PredictorChecks.CheckTimes(users, timestamps);
            Predict(users, movies, output);
            return;
        }

        PredictAt(users, movies, timestamps, _history, output);
    }

    /// <summary>
    /// Predicts pairs as of given times, each user read from <paramref name="history"/>: their latest ratings made
    /// strictly before the pair's time (for a model whose user rows are recent histories, <see cref="ModelBundle.HistoryLength"/>).
    /// </summary>
    /// <param name="users">Dense user indices.</param>
    /// <param name="movies">Dense movie indices, as many as <paramref name="users"/>.</param>
    /// <param name="timestamps">Unix seconds of each pair, as many as <paramref name="users"/>.</param>
    /// <param name="history">The ratings histories are read from, for example <see cref="RatingHistory.Create"/> of newer ratings than training saw.</param>
    /// <param name="output">Receives one score per pair.</param>
    /// <exception cref="ArgumentException">The spans' lengths do not match.</exception>
    /// <exception cref="InvalidOperationException">The model's user rows are not histories.</exception>
    public void PredictAt(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, ReadOnlySpan<long> timestamps, RatingHistory history, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(history);
        PredictorChecks.CheckBatch(users, movies, output);
        PredictorChecks.CheckTimes(users, timestamps);
        int length = Bundle.HistoryLength ?? throw new InvalidOperationException($"The {Bundle.ModelKind} model does not read users as recent ratings; predict with Predict(users, movies, output).");
        int width = Bundle.UserFeatureWidth;
        for (int start = 0; start < users.Length; start += BatchSize)
        {
            int n = Math.Min(BatchSize, users.Length - start);
            var rows = new long[n * width];
            for (int i = 0; i < n; i++)
            {
                int user = users[start + i];
                var row = rows.AsSpan(i * width, width);
                row[0] = (uint)user < (uint)UserIndexBound ? Bundle.UserFeatures[user * width] : 0;
                history.Fill(user, timestamps[start + i], length, row[1..]);
            }

            ScoreGraph(n, output.Slice(start, n), RowSource.All(rows, width), RowSource.Pairs(Bundle.MovieFeatures, Bundle.MovieFeatureWidth, movies.Slice(start, n), MovieIndexBound));
        }
    }

    /// <summary>Sets the ratings <see cref="PredictAt(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{long}, Span{float})"/> reads histories from.</summary>
    /// <param name="history">The training ratings' history.</param>
    /// <returns>This model.</returns>
    internal BundleModel WithHistory(RatingHistory history)
    {
        _history = history;
        return this;
    }

    /// <summary>Scores every movie for a user given by a feature row (cold start: a new user known by side features).</summary>
    /// <param name="userFeatures">A user feature row, <see cref="ModelBundle.UserFeatureWidth"/> values; put 0 in the id column.</param>
    /// <param name="scores">Receives one score per movie index; at least <see cref="MovieIndexBound"/> long.</param>
    public void ScoreAll(ReadOnlySpan<long> userFeatures, Span<float> scores)
    {
        CheckRow(userFeatures, Bundle.UserFeatureWidth, nameof(userFeatures));
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        int movies = MovieIndexBound;
        if (Interaction == ScoreInteraction.Graph)
        {
            ScoreGraph(movies, scores, RowSource.Fixed(userFeatures), RowSource.All(Bundle.MovieFeatures, Bundle.MovieFeatureWidth));
            return;
        }

        var (vector, offset) = Tower(FeatureSide.User, userFeatures);
        ScoreFactorised(vector, offset, scores);
    }

    /// <summary>Scores a movie given by a feature row for every user (cold start: a new movie known by title and genres).</summary>
    /// <param name="movieFeatures">A movie feature row, <see cref="ModelBundle.MovieFeatureWidth"/> values; put 0 in the id column.</param>
    /// <param name="scores">Receives one score per user index; at least <see cref="UserIndexBound"/> long.</param>
    public void ScoreUsers(ReadOnlySpan<long> movieFeatures, Span<float> scores)
    {
        CheckRow(movieFeatures, Bundle.MovieFeatureWidth, nameof(movieFeatures));
        if (scores.Length < UserIndexBound)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"scores has {scores.Length} entries; expected at least UserIndexBound = {UserIndexBound}."), nameof(scores));
        }

        int users = UserIndexBound;
        if (Interaction == ScoreInteraction.Graph)
        {
            ScoreGraph(users, scores, RowSource.All(Bundle.UserFeatures, Bundle.UserFeatureWidth), RowSource.Fixed(movieFeatures));
            return;
        }

        var (vector, offset) = Tower(FeatureSide.Movie, movieFeatures);
        for (int u = 0; u < users; u++)
        {
            float dot = Interaction == ScoreInteraction.Dot ? TensorPrimitives.Dot(UserVectors!.Row(u), vector) : 0f;
            scores[u] = dot + _userOffsets[u] + offset;
        }
    }

    /// <summary>Runs the ONNX model on (user, movie) index pairs and returns its score output (<see cref="ModelBundle.ScoreOutput"/>), for checking the managed fast path.</summary>
    /// <param name="users">Dense user indices (unknown ones map to 0).</param>
    /// <param name="movies">Dense movie indices, as many as <paramref name="users"/>.</param>
    /// <returns>One score per pair, straight from the ONNX model.</returns>
    public float[] PredictWithSession(ReadOnlySpan<int> users, ReadOnlySpan<int> movies)
    {
        var output = new float[users.Length];
        PredictorChecks.CheckBatch(users, movies, output);
        ScorePairs(users, movies, output);
        return output;
    }

    // Runs the ONNX model on pairs of the bundle's rows; unknown (out-of-range) indices read row 0.
    private void ScorePairs(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output) =>
        ScoreGraph(users.Length, output, RowSource.Pairs(Bundle.UserFeatures, Bundle.UserFeatureWidth, users, UserIndexBound), RowSource.Pairs(Bundle.MovieFeatures, Bundle.MovieFeatureWidth, movies, MovieIndexBound));

    /// <summary>Releases the ONNX Runtime session and the scoring buffers.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var bag in _slots.Values)
        {
            while (bag.TryTake(out var slot))
            {
                slot.Dispose();
            }
        }

        _session.Dispose();
        _runOptions.Dispose();
    }

    private static string[] RequiredOutputs(ScoreInteraction interaction) => interaction == ScoreInteraction.Dot
        ? [UserVectorOutput, MovieVectorOutput]
        : [UserOffsetOutput, MovieOffsetOutput];

    private static void CheckRow(ReadOnlySpan<long> row, int width, string name)
    {
        if (row.Length != width)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The feature row has {row.Length} values; this model's rows have {width}."), name);
        }
    }

    private float Factorised(int user, int movie)
    {
        float dot = Interaction == ScoreInteraction.Dot ? TensorPrimitives.Dot(UserVectors!.Row(user), MovieVectors!.Row(movie)) : 0f;
        return dot + _userOffsets[user] + _movieOffsets[movie];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScoreFactorised(ReadOnlySpan<float> userVector, float userOffset, Span<float> scores)
    {
        int movies = MovieIndexBound;
        if (Interaction == ScoreInteraction.Dot)
        {
            var vectors = MovieVectors!;
            int d = vectors.Columns;
            var values = vectors.Values;
            for (int m = 0; m < movies; m++)
            {
                scores[m] = TensorPrimitives.Dot(userVector, values.Slice(m * d, d)) + userOffset + _movieOffsets[m];
            }
        }
        else
        {
            for (int m = 0; m < movies; m++)
            {
                scores[m] = userOffset + _movieOffsets[m];
            }
        }
    }

    private (float[] Vector, float Offset) Tower(FeatureSide side, ReadOnlySpan<long> row)
    {
        var users = side == FeatureSide.User ? row.ToArray() : Bundle.UserFeatures.AsSpan(0, Bundle.UserFeatureWidth).ToArray();
        var movies = side == FeatureSide.Movie ? row.ToArray() : Bundle.MovieFeatures.AsSpan(0, Bundle.MovieFeatureWidth).ToArray();
        string vectorName = side == FeatureSide.User ? UserVectorOutput : MovieVectorOutput;
        string offsetName = side == FeatureSide.User ? UserOffsetOutput : MovieOffsetOutput;
        float[] vector = [];
        float offset = 0;
        var names = new List<string>();
        if (Interaction == ScoreInteraction.Dot)
        {
            names.Add(vectorName);
        }

        if (_hasOffsets)
        {
            names.Add(offsetName);
        }

        Run(users, movies, 1, names, (name, values, start, count) =>
        {
            if (name == vectorName)
            {
                vector = values.ToArray();
            }
            else
            {
                offset = values[0];
            }
        });
        return (vector, offset);
    }

    private void ComputeTowers(FeatureSide side, int rows, float[]? vectors, float[] offsets, bool withOffsets)
    {
        if (rows == 0 || (vectors is null && !withOffsets))
        {
            return;
        }

        string vectorName = side == FeatureSide.User ? UserVectorOutput : MovieVectorOutput;
        string offsetName = side == FeatureSide.User ? UserOffsetOutput : MovieOffsetOutput;
        var names = new List<string>();
        if (vectors is not null)
        {
            names.Add(vectorName);
        }

        if (withOffsets)
        {
            names.Add(offsetName);
        }

        // The other side's row 0 (the unknown id) is paired with every row; only this side's outputs are kept.
        int otherWidth = side == FeatureSide.User ? Bundle.MovieFeatureWidth : Bundle.UserFeatureWidth;
        var other = (side == FeatureSide.User ? Bundle.MovieFeatures : Bundle.UserFeatures).AsSpan(0, otherWidth);
        var otherRows = new long[rows * otherWidth];
        for (int r = 0; r < rows; r++)
        {
            other.CopyTo(otherRows.AsSpan(r * otherWidth));
        }

        var userRows = side == FeatureSide.User ? Bundle.UserFeatures : otherRows;
        var movieRows = side == FeatureSide.Movie ? Bundle.MovieFeatures : otherRows;
        int dimension = vectors is null ? 0 : vectors.Length / rows;
        Run(userRows, movieRows, rows, names, (name, values, start, count) =>
        {
            if (name == vectorName)
            {
                values.CopyTo(vectors.AsSpan(start * dimension, count * dimension));
            }
            else
            {
                values.CopyTo(offsets.AsSpan(start, count));
            }
        });
    }
}
