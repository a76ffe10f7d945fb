namespace MovieRec.Evaluation;

/// <summary>Progress of one model in an experiment.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Fraction">Completed fraction of the model's work over all repetitions, 0 to 1.</param>
/// <param name="Stage">What is running, for example "seed 2: training".</param>
public readonly record struct ExperimentProgress(string Model, double Fraction, string Stage);
