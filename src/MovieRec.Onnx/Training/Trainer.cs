using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Training;

/// <summary>
/// Trains a <see cref="ModelGraph"/> through ONNX Runtime: every step is one run of one ONNX
/// model (forward pass, backward pass, optimizer update) whose outputs are written into
/// preallocated buffers; validation and scoring run the inference graph (dropout removed).
/// </summary>
/// <remarks>
/// <para>
/// Parameters and optimizer state live in two sets of pinned buffers. A step reads set k and
/// writes set 1 − k through an IO binding made once per set and batch size, then the sets swap,
/// so nothing is allocated per step; only the batch rows are copied in.
/// </para>
/// <para>
/// Determinism: the initial weights come from the graph seed, the row order of epoch e from
/// <see cref="DeepTrainingOptions.Seed"/> and e, dropout masks from the graph seed; with the same
/// thread count, the same inputs give the same weights. A resumed run draws new dropout masks.
/// A trainer is not thread-safe.
/// </para>
/// </remarks>
public sealed partial class Trainer : IDisposable
{
    private readonly ModelGraph _graph;
    private readonly GraphTensor _loss;
    private readonly Optimizer _optimizer;
    private readonly DeepTrainingOptions _options;
    private readonly TrainingStepGraph _step;
    private readonly OnnxSession _session;
    private readonly RunOptions _runOptions;
    private readonly PinnedTensor[][] _parameters;
    private readonly PinnedTensor[][] _states;
    private readonly PinnedTensor _learningRate;
    private readonly PinnedTensor _stepCount;
    private readonly PinnedTensor _lossValue;
    private readonly Dictionary<int, StepBinding> _bindings = [];
    private readonly Dictionary<string, Scorer> _scorers = new(StringComparer.Ordinal);
    private long _weightsVersion;
    private long _runTicks;
    private readonly TrainingHistory _history = new([]);
    private DataColumn[] _columns = [];
    private TrainingData? _columnsOf;
    private int _current;
    private long _steps;
    private int _epochsDone;
    private double _bestLoss = double.PositiveInfinity;
    private int _sinceBest;
    private double[][]? _bestParameters;
    private bool _hasBest;
    private double[][]? _average;

    private static readonly TrainingHooks s_noHooks = new();

    private Trainer(ModelGraph graph, GraphTensor loss, Optimizer optimizer, DeepTrainingOptions options)
    {
        // The first ONNX Runtime object of a training run: without the native library this says which package to add.
        OrtLog.Environment();
        _runOptions = new RunOptions();
        _graph = graph;
        _loss = loss;
        _optimizer = optimizer;
        _options = options;
        _step = TrainingStepGraph.Build(graph, loss, optimizer);
        foreach (var input in _step.BatchInputs)
        {
            if (input.Rank == 0 || input.Shape[0].IsFixed || input.Dims[1..].Any(d => !d.IsFixed))
            {
                throw new ArgumentException($"Input '{input}' must have a symbolic batch axis first and fixed sizes after it, such as [N] or [N, 20].", nameof(graph));
            }
        }

        _session = OnnxSession.Create(_step.Model.ToBytes(), options.SessionOptions());
        var ps = _step.Parameters;
        int stateCount = _step.StateNames.Count;
        _parameters = new PinnedTensor[2][];
        _states = new PinnedTensor[2][];
        for (int k = 0; k < 2; k++)
        {
            _parameters[k] = ps.Select(p => TensorBuffers.Allocate(p.ElementType, p.StaticDims())).ToArray();
            _states[k] = new PinnedTensor[ps.Count * stateCount];
            for (int i = 0; i < ps.Count; i++)
            {
                for (int s = 0; s < stateCount; s++)
                {
                    _states[k][(i * stateCount) + s] = TensorBuffers.Allocate(ps[i].ElementType, ps[i].StaticDims());
                }
            }
        }

        for (int i = 0; i < ps.Count; i++)
        {
            TensorBuffers.Write(_parameters[0][i], graph.InitialValues(ps[i]));
        }

        _learningRate = TensorBuffers.Allocate(graph.FloatType, []);
        _stepCount = TensorBuffers.Allocate(graph.FloatType, []);
        _lossValue = TensorBuffers.Allocate(loss.ElementType, []);
    }

    /// <summary>The metadata key of exported models that names the device they were trained on (<c>CPU</c>, <c>CUDA:0</c>).</summary>
    public const string TrainingDeviceKey = "movierec.training_device";

    /// <summary>Gets the device the training steps run on: CPU or CUDA, as <see cref="DeepTrainingOptions.Device"/> resolved.</summary>
    public ExecutionDevice Device => _session.Device;

    /// <summary>Gets the device as people write it: <c>CPU</c> or <c>CUDA:0</c>.</summary>
    public string DeviceName => _session.DeviceName;

    /// <summary>Gets why CUDA was not used when <see cref="ExecutionDevice.Auto"/> fell back to the CPU, or null.</summary>
    public string? FallbackReason => _session.FallbackReason;

    /// <summary>Gets the loss and validation history so far.</summary>
    public TrainingHistory History => _history;

    /// <summary>Gets the number of finished epochs (including those of a resumed checkpoint).</summary>
    public int EpochsDone => _epochsDone;

    /// <summary>Gets the number of optimizer steps taken.</summary>
    public long Steps => _steps;

    /// <summary>Gets the total time spent inside ONNX Runtime's Run by training steps.</summary>
    public TimeSpan RunTime => Stopwatch.GetElapsedTime(0, _runTicks);

    /// <summary>Gets the compiled training-step model (for inspection and tests).</summary>
    public OnnxModel TrainingModel => _step.Model;

    /// <summary>Compiles a graph and its loss into a training step and prepares its buffers.</summary>
    /// <param name="graph">The model graph.</param>
    /// <param name="loss">A scalar tensor of the graph to minimise.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="options">Settings; null uses the defaults.</param>
    /// <returns>The trainer; dispose it to release the native session and buffers.</returns>
    /// <exception cref="InvalidOperationException">An operation between the loss and a parameter has no gradient rule (the message names it).</exception>
    public static Trainer Create(ModelGraph graph, GraphTensor loss, Optimizer optimizer, DeepTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new DeepTrainingOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Epochs, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ProgressInterval, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Patience, nameof(options));
        if (!(options.WeightAveraging is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WeightAveraging, "DeepTrainingOptions.WeightAveraging must be in [0, 1).");
        }

        if (options.WeightAveraging > 0 && options.CheckpointPath is not null)
        {
            throw new ArgumentException("A checkpoint does not hold the running average of the weights; use WeightAveraging = 0 with CheckpointPath.", nameof(options));
        }
        return new Trainer(graph, loss, optimizer, options);
    }

    /// <summary>Trains for the configured epochs (resuming from the checkpoint file when one exists).</summary>
    /// <param name="training">Training rows; a column per model input the loss needs.</param>
    /// <param name="validation">Optional validation rows, scored through the inference graph after every epoch.</param>
    /// <param name="progress">Optional progress sink.</param>
    /// <param name="cancellationToken">Cancels between steps; the weights stay those of the last finished step.</param>
    /// <returns>The history.</returns>
    public TrainingHistory Fit(TrainingData training, TrainingData? validation = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        return FitCore(training, validation, s_noHooks, progress, cancellationToken);
    }

    /// <summary>
    /// Trains for the configured epochs with a model's hooks: rows prepared anew before every epoch and a
    /// validation figure where higher is better (see <see cref="TrainingHooks"/>).
    /// </summary>
    /// <param name="training">Training rows; a column per model input the loss needs.</param>
    /// <param name="hooks">The model's hooks.</param>
    /// <param name="progress">Optional progress sink.</param>
    /// <param name="cancellationToken">Cancels between steps; the weights stay those of the last finished step.</param>
    /// <returns>The history; <see cref="TrainingHistory.BestEpoch"/> is 0 when the initial weights won.</returns>
    public TrainingHistory Fit(TrainingData training, TrainingHooks hooks, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(hooks);
        if (hooks.InitialWeightsCompete && hooks.ValidationMetric is null)
        {
            throw new ArgumentException("InitialWeightsCompete needs a ValidationMetric to compare the initial weights with.", nameof(hooks));
        }

        return FitCore(training, null, hooks, progress, cancellationToken);
    }

    private TrainingHistory FitCore(TrainingData training, TrainingData? validation, TrainingHooks hooks, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        _columns = Columns(training, _step.BatchInputs);
        _columnsOf = training;
        if (_options.CheckpointPath is { } checkpoint && File.Exists(checkpoint) && _epochsDone == 0)
        {
            LoadCheckpoint(checkpoint);
        }

        var metric = hooks.ValidationMetric;
        if (metric is not null && hooks.InitialWeightsCompete && _epochsDone == 0)
        {
            Improved(0, null, metric(this));
        }

        int rows = training.RowCount;
        // A batch larger than the data is one batch of all of it (and rows + batchSize must not overflow).
        int batchSize = Math.Min(_options.BatchSize, Math.Max(rows, 1));
        int batches = (rows + batchSize - 1) / batchSize;
        var order = new int[rows];
        var total = Stopwatch.StartNew();
        int firstEpoch = _epochsDone;
        long planned = (long)(_options.Epochs - firstEpoch) * batches;
        for (int epoch = _epochsDone; epoch < _options.Epochs; epoch++)
        {
            if (hooks.PrepareEpoch is { } prepare)
            {
                prepare(epoch, order);
            }
            else
            {
                FillOrder(order, epoch);
            }

            double lr = _options.EffectiveSchedule.RateAt(_optimizer.LearningRate, epoch);
            double sum = 0;
            int seen = 0;
            var clock = Stopwatch.StartNew();
            for (int b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = b * batchSize;
                int count = Math.Min(batchSize, rows - start);
                double loss = Step(order.AsSpan(start, count), lr);
                if (!double.IsFinite(loss))
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The {_graph.Name} training loss became {loss} at epoch {epoch + 1}, batch {b + 1}; lower the learning rate (now {lr})."));
                }

                sum += loss * count;
                seen += count;
                if (progress is not null && (b + 1) % _options.ProgressInterval == 0 && b + 1 < batches)
                {
                    progress.Report(Timed(new TrainingProgress(epoch + 1, _options.Epochs, b + 1, batches, sum / seen, seen / clock.Elapsed.TotalSeconds, null, false), total, ((long)(epoch - firstEpoch) * batches) + b + 1, planned));
                }
            }

            double seconds = clock.Elapsed.TotalSeconds;
            var raw = _options.WeightAveraging > 0 ? AverageWeights(epoch) : null;
            double? validationLoss = validation is null ? null : Evaluate(validation);
            double? validationMetric = metric?.Invoke(this);
            _history.Add(new EpochSummary(epoch + 1, sum / seen, validationLoss, lr, seconds, seen / seconds) { ValidationMetric = validationMetric });
            _epochsDone = epoch + 1;
            if ((validationLoss ?? validationMetric) is not null && !Improved(epoch + 1, validationLoss, validationMetric))
            {
                _sinceBest++;
            }

            if (_options.CheckpointPath is { } path)
            {
                SaveCheckpoint(path);
            }

            progress?.Report(Timed(new TrainingProgress(epoch + 1, _options.Epochs, batches, batches, sum / seen, seen / seconds, validationLoss, true) { ValidationMetric = validationMetric }, total, (long)(epoch + 1 - firstEpoch) * batches, planned));
            bool stop = _options.Patience > 0 && _sinceBest >= _options.Patience;
            if (raw is not null && !stop && epoch + 1 < _options.Epochs)
            {
                WriteParameters(raw);
            }

            if (stop)
            {
                _history.StoppedEarly = true;
                break;
            }
        }

        if (_bestParameters is not null && _history.BestEpoch != _epochsDone)
        {
            WriteParameters(_bestParameters);
        }

        if (progress is not null && _history.Epochs.Count > 0)
        {
            var last = _history.Epochs[^1];
            int kept = _bestParameters is not null ? _history.BestEpoch : _epochsDone;
            progress.Report(new TrainingProgress(_epochsDone, _options.Epochs, 1, 1, last.TrainingLoss, last.SamplesPerSecond, last.ValidationLoss, false) { KeptEpoch = kept, Elapsed = total.Elapsed, Remaining = TimeSpan.Zero });
        }

        return _history;
    }

    /// <summary>Adds the time since training began and, at the pace so far, the time the planned batches left will take.</summary>
    private static TrainingProgress Timed(TrainingProgress report, Stopwatch total, long done, long planned)
    {
        var elapsed = total.Elapsed;
        return report with { Elapsed = elapsed, Remaining = done > 0 ? elapsed * ((double)Math.Max(0, planned - done) / done) : null };
    }

    /// <summary>
    /// Runs one training step on the given rows of <paramref name="data"/>, for custom training
    /// loops (the columns are checked on the first call with a given <paramref name="data"/>, as
    /// <see cref="Fit(TrainingData, TrainingData?, IProgress{TrainingProgress}?, CancellationToken)"/> checks them once).
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="rows">Row indices forming the batch.</param>
    /// <param name="learningRate">Learning rate of this step, greater than 0.</param>
    /// <returns>The batch loss before the update.</returns>
    public double TrainStep(TrainingData data, ReadOnlySpan<int> rows, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (rows.IsEmpty)
        {
            throw new ArgumentException("A step needs at least one row.", nameof(rows));
        }

        if (!(learningRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Expected a learning rate greater than 0.");
        }

        foreach (int row in rows)
        {
            if ((uint)row >= (uint)data.RowCount)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, string.Create(CultureInfo.InvariantCulture, $"Row indices must lie in [0, {data.RowCount})."));
            }
        }

        // A TrainingData never replaces or drops a column, so columns checked once stay valid for it.
        if (!ReferenceEquals(data, _columnsOf))
        {
            _columns = Columns(data, _step.BatchInputs);
            _columnsOf = data;
        }

        return Step(rows, learningRate);
    }

    /// <summary>Releases the sessions, bindings and buffers.</summary>
    public void Dispose()
    {
        foreach (var binding in _bindings.Values)
        {
            binding.Dispose();
        }

        foreach (var scorer in _scorers.Values)
        {
            scorer.Dispose();
        }

        _session.Dispose();
        _runOptions.Dispose();
        foreach (var set in _parameters.Concat(_states))
        {
            foreach (var t in set)
            {
                t.Dispose();
            }
        }

        _learningRate.Dispose();
        _stepCount.Dispose();
        _lossValue.Dispose();
    }

    /// <summary>
    /// Keeps an epoch (0: the initial weights) as the best so far when it improves on it: by the validation
    /// metric where there is one (higher is better), otherwise by the validation loss.
    /// </summary>
    private bool Improved(int epoch, double? validationLoss, double? validationMetric)
    {
        double key = validationMetric is { } metric ? -metric : validationLoss!.Value;
        if (_hasBest && !(key < _bestLoss - _options.MinDelta))
        {
            return false;
        }

        _bestLoss = key;
        _hasBest = true;
        _history.BestEpoch = epoch;
        _history.BestValidationMetric = validationMetric;
        _sinceBest = 0;
        if (_options.RestoreBestWeights)
        {
            _bestParameters = _parameters[_current].Select(TensorBuffers.Read).ToArray();
        }

        return true;
    }

    /// <summary>
    /// Replaces the weights by their bias-corrected running average a_e = Σ_j (1 − β) β^(e−j) w_j / (1 − β^e),
    /// so epoch 1 weighs no more than any other, and returns the raw weights training goes on from.
    /// </summary>
    private double[][] AverageWeights(int epoch)
    {
        double beta = _options.WeightAveraging;
        var raw = _parameters[_current].Select(TensorBuffers.Read).ToArray();
        double keep = epoch == 0 ? 0 : 1 - ((1 - beta) / (1 - Math.Pow(beta, epoch + 1)));
        _average ??= new double[raw.Length][];
        for (int k = 0; k < raw.Length; k++)
        {
            if (epoch == 0)
            {
                _average[k] = (double[])raw[k].Clone();
            }
            else
            {
                TensorPrimitives.Multiply(_average[k], keep, _average[k]);
                TensorPrimitives.MultiplyAdd(raw[k], 1 - keep, _average[k], _average[k]);
            }
        }

        WriteParameters(_average);
        return raw;
    }

    private static DataColumn[] Columns(TrainingData data, IReadOnlyList<GraphTensor> inputs)
    {
        var columns = new DataColumn[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var column = data.Column(input.Name, "the model input");
            var rowShape = input.Dims[1..].Select(d => d.Size).ToArray();
            if (column.ElementType != input.ElementType || !column.RowShape.SequenceEqual(rowShape))
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' is {column.ElementType}[rows, {string.Join(", ", column.RowShape)}] but input '{input.Name}' is {input.ElementType}{GraphTensor.FormatShape(input.Shape)}.",
                    nameof(data));
            }

            columns[i] = column;
        }

        return columns;
    }

    private double Step(ReadOnlySpan<int> rows, double learningRate)
    {
        var binding = GetBinding(rows.Length);
        for (int i = 0; i < _columns.Length; i++)
        {
            _columns[i].CopyRows(rows, binding.Inputs[i]);
        }

        TensorBuffers.SetScalar(_learningRate, learningRate);
        TensorBuffers.SetScalar(_stepCount, ++_steps);
        long started = Stopwatch.GetTimestamp();
        _session.RunBound(_runOptions, binding.Bindings[_current]);
        _runTicks += Stopwatch.GetTimestamp() - started;
        _current ^= 1;
        _weightsVersion++;
        return TensorBuffers.GetScalar(_lossValue);
    }

    private StepBinding GetBinding(int batchSize) =>
        _bindings.TryGetValue(batchSize, out var binding) ? binding : CreateBinding(batchSize);

    // Separate from GetBinding: its lambdas capture batchSize, and a captured parameter costs a
    // closure allocation on every call of the method that declares it.
    private StepBinding CreateBinding(int batchSize)
    {
        var inputs = _step.BatchInputs.Select(i => TensorBuffers.Allocate(i.ElementType, [batchSize, .. i.Dims[1..].Select(d => d.Size)])).ToArray();
        var bindings = new OrtIoBinding[2];
        var ps = _step.Parameters;
        int stateCount = _step.StateNames.Count;
        for (int k = 0; k < 2; k++)
        {
            var io = _session.CreateIoBinding();
            bindings[k] = io;
            for (int i = 0; i < inputs.Length; i++)
            {
                io.BindInput(_step.BatchInputs[i].Name, inputs[i].Value);
            }

            io.BindInput(TrainingStepGraph.LearningRateInput, _learningRate.Value);
            if (_session.InputNames.Contains(TrainingStepGraph.StepInput))
            {
                io.BindInput(TrainingStepGraph.StepInput, _stepCount.Value);
            }

            io.BindOutput(TrainingStepGraph.LossOutput, _lossValue.Value);
            for (int i = 0; i < ps.Count; i++)
            {
                io.BindInput(ps[i].Name, _parameters[k][i].Value);
                io.BindOutput(TrainingStepGraph.NewParameter(ps[i]), _parameters[1 - k][i].Value);
                for (int s = 0; s < stateCount; s++)
                {
                    io.BindInput(TrainingStepGraph.State(ps[i], _step.StateNames[s]), _states[k][(i * stateCount) + s].Value);
                    io.BindOutput(TrainingStepGraph.NewState(ps[i], _step.StateNames[s]), _states[1 - k][(i * stateCount) + s].Value);
                }
            }
        }

        var binding = new StepBinding(inputs, bindings);
        _bindings[batchSize] = binding;
        return binding;
    }

    private void FillOrder(int[] order, int epoch)
    {
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (!_options.Shuffle)
        {
            return;
        }

        var rng = new SplitMix64(SplitMix64.Mix((ulong)(uint)_options.Seed, (ulong)epoch));
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(rng.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>The batch buffers of one batch size and the two IO bindings (set 0 → 1, set 1 → 0).</summary>
    private sealed class StepBinding(PinnedTensor[] inputs, OrtIoBinding[] bindings) : IDisposable
    {
        public PinnedTensor[] Inputs { get; } = inputs;

        public OrtIoBinding[] Bindings { get; } = bindings;

        public void Dispose()
        {
            foreach (var b in Bindings)
            {
                b.Dispose();
            }

            foreach (var t in Inputs)
            {
                t.Dispose();
            }
        }
    }
}
