namespace MovieRec.Onnx.Models;

/// <summary>
/// Binds one Int64 input of a deep rating model to a column range of the user or movie feature
/// table: the input receives, for each pair, <see cref="Width"/> values starting at
/// <see cref="Offset"/> of the pair's user (or movie) row.
/// </summary>
/// <param name="Name">Input name in the ONNX model, for example <c>user_id</c> or <c>title</c>.</param>
/// <param name="Side">The feature table it comes from.</param>
/// <param name="Offset">First column of the range, 0 or more.</param>
/// <param name="Width">Number of columns, 1 or more; a width of 1 gives an input of shape [N], more gives [N, Width].</param>
public sealed record FeatureInput(string Name, FeatureSide Side, int Offset, int Width);
