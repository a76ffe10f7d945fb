namespace MovieRec.Baselines;

/// <summary>
/// How <see cref="MatrixFactorizationModel.FoldIn"/> solves a user against the fixed movie factors: the regularisation
/// the model was trained with, so a folded-in user is what training would have made of them.
/// </summary>
/// <param name="Lambda">Regularisation of the user vector, per rating of the user for explicit ratings (matrix
/// factorisation's and ALS's λ), once for implicit feedback (implicit ALS's λ).</param>
/// <param name="BiasLambda">Regularisation of the user bias, per rating (explicit ratings only).</param>
/// <param name="Alpha">Implicit feedback: the confidence of an observed cell, 1 + α·r.</param>
/// <param name="C">Implicit feedback: the preference of an unobserved cell.</param>
public sealed record FoldInSettings(double Lambda, double BiasLambda, double Alpha = 0, double C = 0);
