using MovieRec.Abstractions;

namespace MovieRec.Evaluation;

/// <summary>Options of an experiment run by <see cref="ExperimentRunner"/>.</summary>
public sealed record ExperimentOptions
{
    /// <summary>Default values of <see cref="ExperimentOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>Default <see cref="Seeds"/>.</summary>
        public const int Seeds = 1;

        /// <summary>Default <see cref="FirstSeed"/>.</summary>
        public const int FirstSeed = 1;

        /// <summary>Default <see cref="Negatives"/>.</summary>
        public const int Negatives = 99;

        /// <summary>Default <see cref="RelevanceThreshold"/>.</summary>
        public const float RelevanceThreshold = 4f;

        /// <summary>Default <see cref="LikeThreshold"/>.</summary>
        public const float LikeThreshold = 3.5f;

        /// <summary>Default <see cref="RankingCutoff"/>.</summary>
        public const int RankingCutoff = 10;
    }

    /// <summary>Dataset name shown in the report.</summary>
    public string DatasetName { get; init; } = "ratings";

    /// <summary>The protocol; default <see cref="EvaluationProtocol.Random80To20"/>.</summary>
    public EvaluationProtocol Protocol { get; init; } = EvaluationProtocol.Random80To20;

    /// <summary>
    /// Repetitions with seeds FirstSeed, FirstSeed + 1, ...; 1 or more. The seed drives the split (ignored
    /// for predefined folds); a trainer that implements <see cref="IReseedableTrainer"/> (the NCF
    /// trainers) also trains repetition r with its own seed + r.
    /// </summary>
    public int Seeds { get; init; } = Defaults.Seeds;

    /// <summary>Seed of the first repetition.</summary>
    public int FirstSeed { get; init; } = Defaults.FirstSeed;

    /// <summary>Leave-one-out only: sampled negatives per held-out rating; 1 or more.</summary>
    public int Negatives { get; init; } = Defaults.Negatives;

    /// <summary>Top-K cut-offs for precision, recall and F1 on rating protocols; each 1 or more. Empty turns top-K evaluation off.</summary>
    public IReadOnlyList<int> TopKs { get; init; } = [5, 10, 20, 50];

    /// <summary>Top-K: a held-out rating at or above this is relevant.</summary>
    public float RelevanceThreshold { get; init; } = Defaults.RelevanceThreshold;

    /// <summary>Like/dislike metrics (accuracy, AUC): a rating at or above this is a like.</summary>
    public float LikeThreshold { get; init; } = Defaults.LikeThreshold;

    /// <summary>Cut-off of NDCG, MAP, hit rate and coverage; 1 or more.</summary>
    public int RankingCutoff { get; init; } = Defaults.RankingCutoff;

    /// <summary>Predefined splits for <see cref="EvaluationProtocol.MovieLens100KFolds"/> (one repetition each); ignored otherwise.</summary>
    public IReadOnlyList<EvaluationSplit>? Folds { get; init; }
}
