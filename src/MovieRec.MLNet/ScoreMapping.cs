using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MovieRec.MLNet;

/// <summary>
/// Turns the ONNX model's one-value score vector into ML.NET's scalar <c>Score</c> column, which ML.NET's evaluators
/// read. Registered under <see cref="ContractName"/>, so <c>mlContext.Model.Load</c> restores it once the assembly is
/// registered (<see cref="MovieRecMLContextExtensions.MovieRec"/> does that).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ScoreMapping : CustomMappingFactory<ScoreMapping.Vector, ScoreMapping.Scalar>
{
    /// <summary>The contract name saved with models that hold the mapping.</summary>
    public const string ContractName = "MovieRec.Score";

    /// <summary>The column of the ONNX model's score, a vector of one value.</summary>
    public const string VectorColumnName = "MovieRec.ScoreVector";

    /// <inheritdoc/>
    public override Action<Vector, Scalar> GetMapping() => static (input, output) => output.Score = input.Score.Length > 0 ? input.Score[0] : float.NaN;

    /// <summary>The input row: the ONNX model's score.</summary>
    public sealed class Vector
    {
        /// <summary>Gets or sets the score, one value.</summary>
        [ColumnName(VectorColumnName)]
        [VectorType(1)]
        public float[] Score { get; set; } = [];
    }

    /// <summary>The output row: ML.NET's score column.</summary>
    public sealed class Scalar
    {
        /// <summary>Gets or sets the score.</summary>
        public float Score { get; set; }
    }
}
