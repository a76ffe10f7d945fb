using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Training;

/// <summary>Settings of a <see cref="Trainer"/>.</summary>
public sealed record TrainerOptions
{
    /// <summary>Default values of <see cref="TrainerOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>Epochs: 5.</summary>
        public const int Epochs = 5;

        /// <summary>Batch size: 256.</summary>
        public const int BatchSize = 256;

        /// <summary>Seed of the shuffling: 0.</summary>
        public const int Seed = 0;

        /// <summary>Early-stopping patience in epochs: 0 (off).</summary>
        public const int Patience = 0;

        /// <summary>Smallest improvement of the validation loss that counts: 0.</summary>
        public const double MinDelta = 0;

        /// <summary>Progress is reported every this many batches (and at the end of each epoch): 50.</summary>
        public const int ProgressInterval = 50;

        /// <summary>ONNX Runtime intra-op threads: 0 (let ONNX Runtime choose).</summary>
        public const int IntraOpThreads = 0;

        /// <summary>Device: <see cref="ExecutionDevice.Auto"/> (CUDA when it can be started, otherwise the CPU).</summary>
        public const ExecutionDevice Device = ExecutionDevice.Auto;
    }

    /// <summary>Gets the number of passes over the training data, 0 or more (0 keeps the initial weights); default 5.</summary>
    public int Epochs { get; init; } = Defaults.Epochs;

    /// <summary>Gets the rows per training step, at least 1; default 256. The last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>Gets the seed of the row shuffling (each epoch's order comes from this seed and the epoch number); default 0.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>Gets a value indicating whether rows are shuffled each epoch; default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Gets the learning-rate schedule applied to the optimizer's base rate; default constant.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>
    /// Gets the early-stopping patience: training stops after this many epochs without a
    /// validation-loss improvement larger than <see cref="MinDelta"/>; 0 (default) never stops early.
    /// </summary>
    public int Patience { get; init; } = Defaults.Patience;

    /// <summary>Gets the smallest decrease of the validation loss that counts as an improvement; default 0.</summary>
    public double MinDelta { get; init; } = Defaults.MinDelta;

    /// <summary>Gets a value indicating whether, with validation data, the weights of the best epoch are restored at the end; default true.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>
    /// Gets β of the weight averaging: after every epoch the model becomes the bias-corrected exponential
    /// average of the epochs' weights (validation and the final model use it; training goes on from the raw
    /// weights); 0 (default) is off, otherwise in (0, 1).
    /// </summary>
    public double WeightAveraging { get; init; }

    /// <summary>
    /// Gets the checkpoint file written after every epoch (parameters, optimizer state, epoch,
    /// history); null (default) writes none. When the file exists, <see cref="Trainer.Fit(TrainingData, TrainingData?, IProgress{TrainingProgress}?, CancellationToken)"/> resumes from it.
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Gets how often progress is reported, in batches (also at each epoch's end); default 50.</summary>
    public int ProgressInterval { get; init; } = Defaults.ProgressInterval;

    /// <summary>
    /// Gets the device; default <see cref="ExecutionDevice.Auto"/>: CUDA when it can be started, otherwise
    /// the CPU, with the reason in <see cref="Trainer.FallbackReason"/>. <see cref="ExecutionDevice.Cuda"/>
    /// makes <see cref="Trainer.Create"/> fail, naming the cause, when CUDA cannot be started.
    /// </summary>
    public ExecutionDevice Device { get; init; } = Defaults.Device;

    /// <summary>Gets the CUDA device ordinal used on CUDA; default 0.</summary>
    public int CudaDeviceId { get; init; }

    /// <summary>Gets ONNX Runtime's intra-op thread count; 0 (default) lets it choose.</summary>
    public int IntraOpThreads { get; init; } = Defaults.IntraOpThreads;

    /// <summary>The session settings these options ask for.</summary>
    internal OnnxSessionOptions SessionOptions() => new() { Device = Device, CudaDeviceId = CudaDeviceId, IntraOpThreads = IntraOpThreads };
}
