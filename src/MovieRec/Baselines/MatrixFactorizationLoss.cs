namespace MovieRec.Baselines;

/// <summary>Loss minimised by alternating least squares, named as ML.NET's <c>LossFunctionType</c>.</summary>
public enum MatrixFactorizationLoss
{
    /// <summary>Explicit ratings: squared error on the observed ratings only (ALS-WR).</summary>
    SquareLossRegression,

    /// <summary>
    /// Implicit feedback: every (user, movie) cell counts; observed cells have preference 1 and
    /// confidence 1 + α·r, unobserved cells preference C and confidence 1 (Hu, Koren and Volinsky).
    /// </summary>
    SquareLossOneClass,
}
