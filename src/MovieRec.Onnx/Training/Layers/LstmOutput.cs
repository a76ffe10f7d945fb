using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Training.Layers;

/// <summary>What an <see cref="LstmLayer"/> returns.</summary>
/// <param name="Sequence">Hidden state at every step [N, T, H]; zero at padded steps.</param>
/// <param name="Final">Hidden state after the last valid step [N, H].</param>
public sealed record LstmOutput(GraphTensor Sequence, GraphTensor Final);
