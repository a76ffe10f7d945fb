using MovieRec.Abstractions;
using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Training;

/// <summary>
/// How a deep model trains, the same record for every deep model of the library: epochs, batch,
/// learning rate and its schedule, optimizer, weight decay and averaging, seed, threads, device and
/// early stopping. A model's own options carry its architecture and a <c>Training</c> property of this
/// type, whose default is the model's published setting.
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
        /// ONNX Runtime intra-op threads: 1. The models' operations are small, and with more threads ONNX
        /// Runtime's workers spin between them; on a 2-core machine shared with other work one thread trained
        /// the CNN models 2–3× faster than ONNX Runtime's default and a NeuMF epoch took 0.78 s against 1.75 s.
        /// </summary>
        public const int IntraOpThreads = 1;

        /// <summary>Device: <see cref="ExecutionDevice.Auto"/> (CUDA when it can be started, otherwise the CPU).</summary>
        public const ExecutionDevice Device = ExecutionDevice.Auto;

        /// <summary>Early-stopping patience: 0 (off).</summary>
        public const int Patience = 0;

        /// <summary>Share of the training ratings held out to choose the epoch: 0 (none).</summary>
        public const double ValidationFraction = 0;
    }

    /// <summary>Gets the number of passes over the training data (the upper bound when epochs are chosen on validation data), 1 or more.</summary>
    public int Epochs { get; init; } = Defaults.Epochs;

    /// <summary>Gets the rows per training step, 1 or more.</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>Gets the learning rate, greater than 0.</summary>
    public double LearningRate { get; init; } = Defaults.LearningRate;

    /// <summary>Gets the factor the learning rate is multiplied by after every epoch, in (0, 1]; 1 keeps it constant.</summary>
    public double LearningRateDecay { get; init; } = Defaults.LearningRateDecay;

    /// <summary>Gets the update rule.</summary>
    public OptimizerKind Optimizer { get; init; } = Defaults.Optimizer;

    /// <summary>Gets the decoupled weight decay (L2 on every weight), 0 or more.</summary>
    public double WeightDecay { get; init; } = Defaults.WeightDecay;

    /// <summary>Gets β of the per-epoch weight averaging (see <see cref="TrainerOptions.WeightAveraging"/>), in [0, 1); 0 is off.</summary>
    public double WeightAveraging { get; init; } = Defaults.WeightAveraging;

    /// <summary>Gets the seed of everything random in training: initial weights, row order, dropout, negatives, validation slice.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>Gets ONNX Runtime's intra-op thread count, 0 (let it choose) or more.</summary>
    public int IntraOpThreads { get; init; } = Defaults.IntraOpThreads;

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

        OptionChecks.AtLeast(IntraOpThreads, 0, p + nameof(IntraOpThreads));
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

    /// <summary>The training loop's settings these options ask for.</summary>
    internal TrainerOptions ToTrainerOptions() => new()
    {
        Epochs = Epochs,
        BatchSize = BatchSize,
        Seed = Seed,
        Schedule = LearningRateDecay == 1 ? LearningRateSchedule.Constant : LearningRateSchedule.Exponential(LearningRateDecay),
        WeightAveraging = WeightAveraging,
        Patience = Patience,
        IntraOpThreads = IntraOpThreads,
        Device = Device,
        CudaDeviceId = CudaDeviceId,
    };

    /// <summary>The scoring session's settings: device and threads.</summary>
    internal OnnxSessionOptions SessionOptions(int? intraOpThreads = null) =>
        ToTrainerOptions().SessionOptions() with { IntraOpThreads = intraOpThreads ?? IntraOpThreads };
}
