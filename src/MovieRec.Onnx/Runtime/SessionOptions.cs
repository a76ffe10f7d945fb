namespace MovieRec.Onnx.Runtime;

/// <summary>
/// How an <see cref="InferenceSession"/> is built: threads, graph optimisation, execution provider, logging.
/// </summary>
/// <remarks>
/// <para>Threads: ONNX Runtime splits one operator across <see cref="IntraOpThreads"/> threads (the calling thread
/// counts as one); <see cref="InterOpThreads"/> only matters for graphs with independent branches run in parallel
/// mode, which MovieRec does not use. On a small machine shared with other work, 1 or 2 intra-op threads avoid
/// contention; 0 lets the runtime use one per physical core.</para>
/// <para>On an idle two-core machine the batch-256 scoring graph of the benchmarks runs in about 25 µs with one
/// intra-op thread and about 18 µs with two. When the cores are busy with other work, extra intra-op threads make
/// each run several times slower (they spin waiting for work and compete for the cores): measured under a load of
/// about 6 on two cores, 50 µs with one thread against 150 µs with two. Prefer 1 on a shared machine.</para>
/// </remarks>
public sealed record SessionOptions
{
    private readonly int _intraOpThreads = Defaults.IntraOpThreads;
    private readonly int _interOpThreads = Defaults.InterOpThreads;
    private readonly ExecutionProvider _executionProvider = Defaults.ExecutionProvider;
    private readonly GraphOptimizationLevel _graphOptimizationLevel = Defaults.GraphOptimizationLevel;
    private readonly OrtLogLevel? _logLevel;

    /// <summary>Threads that split the work of one operator; 0 (the default) lets ONNX Runtime choose (one per physical core). Range 0–1024.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0–1024.</exception>
    public int IntraOpThreads
    {
        get => _intraOpThreads;
        init => _intraOpThreads = CheckThreads(value, nameof(IntraOpThreads));
    }

    /// <summary>Threads that run independent operators concurrently; 0 (the default) lets ONNX Runtime choose. Range 0–1024.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 0–1024.</exception>
    public int InterOpThreads
    {
        get => _interOpThreads;
        init => _interOpThreads = CheckThreads(value, nameof(InterOpThreads));
    }

    /// <summary>How much the graph is rewritten before running (default <see cref="GraphOptimizationLevel.All"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined level.</exception>
    public GraphOptimizationLevel GraphOptimizationLevel
    {
        get => _graphOptimizationLevel;
        init => _graphOptimizationLevel = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(GraphOptimizationLevel), value, "Expected Disabled, Basic, Extended, Layout or All.");
    }

    /// <summary>
    /// Where kernels run (default <see cref="ExecutionProvider.Cpu"/>). A CUDA request that cannot be met falls back
    /// to the CPU; <see cref="InferenceSession.FallbackReason"/> says why.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public ExecutionProvider ExecutionProvider
    {
        get => _executionProvider;
        init => _executionProvider = value ?? throw new ArgumentNullException(nameof(ExecutionProvider));
    }

    /// <summary>
    /// The least severe message this session logs; <see langword="null"/> (the default) uses the environment's
    /// <see cref="OrtEnvironment.LogLevel"/>. Messages go to <see cref="OrtEnvironment.LogSink"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined level.</exception>
    public OrtLogLevel? LogLevel
    {
        get => _logLevel;
        init => _logLevel = value is null || Enum.IsDefined(value.Value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LogLevel), value, "Expected Verbose, Info, Warning, Error or Fatal.");
    }

    /// <summary>A name that tags this session's log messages; <see langword="null"/> (the default) for none.</summary>
    public string? LogId { get; init; }

    /// <summary>
    /// Extra ONNX Runtime session configuration entries (for example <c>session.intra_op.allow_spinning</c> = <c>0</c>);
    /// empty by default. Passed to the runtime as given (AddSessionConfigEntry).
    /// </summary>
    public IReadOnlyDictionary<string, string> ConfigEntries { get; init; } = new Dictionary<string, string>();

    private static int CheckThreads(int value, string name) => value is >= 0 and <= 1024
        ? value
        : throw new ArgumentOutOfRangeException(name, value, "Expected 0 (let ONNX Runtime choose) to 1024 threads.");

    /// <summary>The default of each option, written once.</summary>
    internal static class Defaults
    {
        public const int IntraOpThreads = 0;
        public const int InterOpThreads = 0;
        public const GraphOptimizationLevel GraphOptimizationLevel = Runtime.GraphOptimizationLevel.All;

        public static ExecutionProvider ExecutionProvider => ExecutionProvider.Cpu;
    }
}
