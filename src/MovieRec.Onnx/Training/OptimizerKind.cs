namespace MovieRec.Onnx.Training;

/// <summary>The update rule a deep model trains with (see <see cref="DeepTrainingOptions.Optimizer"/>).</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba, 2015), with decoupled weight decay.</summary>
    Adam,

    /// <summary>Plain stochastic gradient descent, as the NCF paper uses to fine-tune a pre-trained NeuMF.</summary>
    Sgd,
}
