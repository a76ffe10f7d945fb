namespace MovieRec.Onnx.Models;

/// <summary>Which feature table a model input is read from.</summary>
public enum FeatureSide
{
    /// <summary>The per-user feature table (row = dense user index).</summary>
    User,

    /// <summary>The per-movie feature table (row = dense movie index).</summary>
    Movie,
}
