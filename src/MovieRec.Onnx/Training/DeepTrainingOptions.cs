using MovieRec.Abstractions;
using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Training;

/// <summary>
/// How a network trains: the one record of training settings, read by every deep model of the library and by the
/// training loop itself (<see cref="Trainer.Create"/>): epochs, batch, learning rate and its schedule, optimizer,
/// weight decay and averaging, seed, threads, device, early stopping, checkpoints and progress. A model's own options
/// carry its architecture and a <c>Training</c> property of this type, whose default is the model's published setting.
/// </summary>
public sealed record DeepTrainingOptions
{
    /// <summary>Default values of <see cref="DeepTrainingOptions"/>; each model's options start from its own published setting instead.</summary>
    public static class Defaults
    {
        /// <summary>Epochs: 5.</summary>
        public const int Epochs = 5;

        /// <summary>Rows per step: 256.</summary>
        public const int BatchSize = 256;

        /// <summary>Learning rate: 0.001 (Adam's usual rate).</summary>
        public const double LearningRate = 1e-3;

        /// <summary>Per-epoch learning-rate factor: 1 (a constant rate).</summary>
        public const double LearningRateDecay = 1;

        /// <summary>Optimizer: Adam.</summary>
        public const OptimizerKind Optimizer = OptimizerKind.Adam;

        /// <summary>Decoupled weight decay: 0.</summary>
        public const double WeightDecay = 0;

        /// <summary>Weight averaging β: 0 (off).</summary>
        public const double WeightAveraging = 0;

        /// <summary>Seed of the initial weights, shuffling, dropout and sampling: 1.</summary>
        public const int Seed = 1;

        /// <summary>
        /// Threads (ONNX Runtime's intra-op threads): 1. The models' operations are small, and with more threads ONNX
        /// Runtime's workers spin between them; on a 2-core machine shared with other work one thread trained
        /// the CNN models 2–3× faster than ONNX Runtime's default and a NeuMF epoch took 0.78 s against 1.75 s.
        /// </summary>
        public const int NumberOfThreads = 1;

        /// <summary>Device: <see cref="ExecutionDevice.Auto"/> (CUDA when it can be started, otherwise the CPU).</summary>
        public const ExecutionDevice Device = ExecutionDevice.Auto;

        /// <summary>Early-stopping patience: 0 (off).</summary>
        public const int Patience = 0;

        /// <summary>Share of the training ratings held out to choose the epoch: 0 (none).</summary>
        public const double ValidationFraction = 0;

        /// <summary>Smallest improvement of the validation loss that counts: 0.</summary>
        public const double MinDelta = 0;

        /// <summary>Progress is reported every this many batches (and at the end of each epoch): 50.</summary>
        public const int ProgressInterval = 50;
    }

    /// <summary>Gets the number of passes over the training data (the upper bound when epochs are chosen on validation data), 1 or more.</summary>
    public int Epochs { get; init; } = Defaults.Epochs;

    /// <summary>Gets the rows per training step, 1 or more.</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>Gets the learning rate, greater than 0.</summary>
    public double LearningRate { get; init; } = Defaults.LearningRate;

    /// <summary>Gets the factor the learning rate is multiplied by after every epoch, in (0, 1]; 1 keeps it constant.</summary>
    public double LearningRateDecay { get; init; } = Defaults.LearningRateDecay;

    /// <summary>
    /// Gets another learning-rate schedule (step decay, cosine) applied to the optimizer's base rate, or
    /// <see langword="null"/> (default) for the exponential decay <see cref="LearningRateDecay"/>.
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Gets the update rule.</summary>
    public OptimizerKind Optimizer { get; init; } = Defaults.Optimizer;

    /// <summary>Gets the decoupled weight decay (L2 on every weight), 0 or more.</summary>
    public double WeightDecay { get; init; } = Defaults.WeightDecay;

    /// <summary>
    /// Gets β of the weight averaging, in [0, 1); 0 is off: after every epoch the model becomes the bias-corrected
    /// exponential average of the epochs' weights (validation and the final model use it; training goes on from the raw
    /// weights).
    /// </summary>
    public double WeightAveraging { get; init; } = Defaults.WeightAveraging;

    /// <summary>
    /// Gets the seed of everything random in training: initial weights, row order (each epoch's from this seed and the
    /// epoch number), dropout, negatives, validation slice.
    /// </summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>Gets a value indicating whether rows are shuffled each epoch; default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Gets the threads training and scoring use (ONNX Runtime's intra-op threads), 0 (let it choose) or more; ML.NET's name.</summary>
    public int NumberOfThreads { get; init; } = Defaults.NumberOfThreads;

    /// <summary>Gets the device training and scoring run on.</summary>
    public ExecutionDevice Device { get; init; } = Defaults.Device;

    /// <summary>Gets the CUDA device ordinal used on CUDA; default 0.</summary>
    public int CudaDeviceId { get; init; }

    /// <summary>
    /// Gets the early-stopping patience: training stops after this many epochs without a better validation
    /// figure, and the best epoch's weights are kept; 0 never stops early. Rating models need a
    /// <see cref="ValidationFraction"/> for it; ranking models (NCF) validate on their own leave-one-out.
    /// </summary>
    public int Patience { get; init; } = Defaults.Patience;

    /// <summary>Gets the share of the training ratings a rating model holds out to watch the validation loss, in [0, 0.5].</summary>
    public double ValidationFraction { get; init; } = Defaults.ValidationFraction;

    /// <summary>Gets the smallest decrease of the validation loss that counts as an improvement; default 0.</summary>
    public double MinDelta { get; init; } = Defaults.MinDelta;

    /// <summary>Gets a value indicating whether, with validation data, the weights of the best epoch are restored at the end; default true.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>
    /// Gets the checkpoint file written after every epoch (parameters, optimizer state, epoch, history); null (default)
    /// writes none. When the file exists, <see cref="Trainer.Fit(TrainingData, TrainingData?, IProgress{TrainingProgress}?, CancellationToken)"/> resumes from it.
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Gets how often progress is reported, in batches (also at each epoch's end), 1 or more; default 50.</summary>
    public int ProgressInterval { get; init; } = Defaults.ProgressInterval;

    /// <summary>Checks every value, naming the option as users write it.</summary>
    /// <param name="owner">The options record that holds these, such as <c>NcfOptions</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (the message names it).</exception>
    public void Validate(string owner)
    {
        string p = owner + ".Training.";
        OptionChecks.AtLeast(Epochs, 1, p + nameof(Epochs));
        OptionChecks.AtLeast(BatchSize, 1, p + nameof(BatchSize));
        OptionChecks.Positive(LearningRate, p + nameof(LearningRate));
        OptionChecks.InUnitInterval(LearningRateDecay, p + nameof(LearningRateDecay));
        OptionChecks.Defined(Optimizer, p + nameof(Optimizer));
        OptionChecks.NonNegative(WeightDecay, p + nameof(WeightDecay));
        if (!(WeightAveraging is >= 0 and < 1))
        {
            OptionChecks.Throw(p + nameof(WeightAveraging), WeightAveraging, "expected a value in [0, 1)");
        }

        OptionChecks.AtLeast(NumberOfThreads, 0, p + nameof(NumberOfThreads));
        OptionChecks.Defined(Device, p + nameof(Device));
        OptionChecks.AtLeast(CudaDeviceId, 0, p + nameof(CudaDeviceId));
        OptionChecks.AtLeast(Patience, 0, p + nameof(Patience));
        if (!(ValidationFraction is >= 0 and <= 0.5))
        {
            OptionChecks.Throw(p + nameof(ValidationFraction), ValidationFraction, "expected a value in [0, 0.5]");
        }
    }

    /// <summary>
    /// Checks that early stopping has validation ratings to watch: a slice of the training ratings, or (for a model that
    /// takes them, <paramref name="takesValidationRatings"/>) ratings its caller gives to <c>Fit(dataset, train, validation)</c>.
    /// Called where the validation ratings are known: at creation for a model whose validation is always the slice, when
    /// fitting without validation ratings otherwise.
    /// </summary>
    /// <param name="owner">The options record that holds these, such as <c>SeqCnnOptions</c>.</param>
    /// <param name="takesValidationRatings">Whether the model also has <c>Fit(dataset, train, validation)</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Patience"/> is set without validation ratings.</exception>
    internal void RequireValidationForPatience(string owner, bool takesValidationRatings = false)
    {
        if (Patience > 0 && ValidationFraction == 0)
        {
            OptionChecks.Throw(owner + ".Training.Patience", Patience, takesValidationRatings
                ? "expected 0 when Training.ValidationFraction is 0 and no validation ratings are given (early stopping needs a validation slice, or Fit(dataset, train, validation))"
                : "expected 0 when Training.ValidationFraction is 0 (early stopping needs a validation slice)");
        }
    }

    /// <summary>The optimizer these options ask for, or another kind and rate (a fine-tuning stage).</summary>
    internal Optimizer CreateOptimizer(OptimizerKind? kind = null, double? learningRate = null)
    {
        double rate = learningRate ?? LearningRate;
        return (kind ?? Optimizer) == OptimizerKind.Adam
            ? Optimizers.Optimizer.Adam(new AdamOptions { LearningRate = rate, WeightDecay = WeightDecay })
            : Optimizers.Optimizer.Sgd(new SgdOptions { LearningRate = rate, WeightDecay = WeightDecay });
    }

    /// <summary>The learning-rate schedule the loop applies: <see cref="Schedule"/>, else the exponential decay.</summary>
    internal LearningRateSchedule EffectiveSchedule =>
        Schedule ?? (LearningRateDecay == 1 ? LearningRateSchedule.Constant : LearningRateSchedule.Exponential(LearningRateDecay));

    /// <summary>The session settings: device and threads (the training options' threads unless given).</summary>
    internal OnnxSessionOptions SessionOptions(int? intraOpThreads = null) =>
        new() { Device = Device, CudaDeviceId = CudaDeviceId, IntraOpThreads = intraOpThreads ?? NumberOfThreads };
}
