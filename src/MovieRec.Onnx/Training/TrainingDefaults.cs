using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Training;

/// <summary>Default values of the training options, written once.</summary>
public static class TrainingDefaults
{
    /// <summary>Adam learning rate: 1e-3 (Kingma and Ba, 2015).</summary>
    public const double AdamLearningRate = 1e-3;

    /// <summary>Adam β₁ (decay of the first moment): 0.9.</summary>
    public const double Beta1 = 0.9;

    /// <summary>Adam β₂ (decay of the second moment): 0.999.</summary>
    public const double Beta2 = 0.999;

    /// <summary>Adam ε: 1e-8.</summary>
    public const double Epsilon = 1e-8;

    /// <summary>Weight decay: 0 (off).</summary>
    public const double WeightDecay = 0;

    /// <summary>SGD learning rate: 0.01.</summary>
    public const double SgdLearningRate = 0.01;

    /// <summary>SGD momentum: 0 (plain gradient descent).</summary>
    public const double Momentum = 0;

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
