namespace MovieRec.Onnx.Training.Graph;

/// <summary>The tensors of one unrolled LSTM, kept so that export can fuse it into ONNX <c>LSTM</c>.</summary>
internal sealed record LstmRegion(
    GraphTensor Input,
    GraphTensor? Mask,
    GraphTensor InputWeight,
    GraphTensor RecurrentWeight,
    GraphTensor Bias,
    long HiddenSize,
    GraphTensor Sequence,
    GraphTensor Final);
