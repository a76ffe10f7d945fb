using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Training;

/// <summary>Settings of a <see cref="Trainer"/>.</summary>
public sealed record TrainerOptions
{
    /// <summary>Gets the number of passes over the training data, 0 or more (0 keeps the initial weights); default 5.</summary>
    public int Epochs { get; init; } = TrainingDefaults.Epochs;

    /// <summary>Gets the rows per training step, at least 1; default 256. The last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = TrainingDefaults.BatchSize;

    /// <summary>Gets the seed of the row shuffling (each epoch's order comes from this seed and the epoch number); default 0.</summary>
    public int Seed { get; init; } = TrainingDefaults.Seed;

    /// <summary>Gets a value indicating whether rows are shuffled each epoch; default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Gets the learning-rate schedule applied to the optimizer's base rate; default constant.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>
    /// Gets the early-stopping patience: training stops after this many epochs without a
    /// validation-loss improvement larger than <see cref="MinDelta"/>; 0 (default) never stops early.
    /// </summary>
    public int Patience { get; init; } = TrainingDefaults.Patience;

    /// <summary>Gets the smallest decrease of the validation loss that counts as an improvement; default 0.</summary>
    public double MinDelta { get; init; } = TrainingDefaults.MinDelta;

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
    public int ProgressInterval { get; init; } = TrainingDefaults.ProgressInterval;

    /// <summary>
    /// Gets the device; default <see cref="ExecutionDevice.Auto"/>: CUDA when it can be started, otherwise
    /// the CPU, with the reason in <see cref="Trainer.FallbackReason"/>. <see cref="ExecutionDevice.Cuda"/>
    /// makes <see cref="Trainer.Create"/> fail, naming the cause, when CUDA cannot be started.
    /// </summary>
    public ExecutionDevice Device { get; init; } = TrainingDefaults.Device;

    /// <summary>Gets the CUDA device ordinal used on CUDA; default 0.</summary>
    public int CudaDeviceId { get; init; }

    /// <summary>Gets ONNX Runtime's intra-op thread count; 0 (default) lets it choose.</summary>
    public int IntraOpThreads { get; init; } = TrainingDefaults.IntraOpThreads;

    /// <summary>The session settings these options ask for.</summary>
    internal OnnxSessionOptions SessionOptions() => new() { Device = Device, CudaDeviceId = CudaDeviceId, IntraOpThreads = IntraOpThreads };
}
