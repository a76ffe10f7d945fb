namespace MovieRec.Evaluation;

/// <summary>How ratings are split into training and test data, and what is measured.</summary>
public enum EvaluationProtocol
{
    /// <summary><c>random-80-20</c>: ratings shuffled with the seed, 20 % held out; rating metrics and top-K metrics.</summary>
    Random80To20,

    /// <summary><c>random-90-10</c>: as <see cref="Random80To20"/> with 10 % held out.</summary>
    Random90To10,

    /// <summary>
    /// <c>loo-99</c>: each user's latest rating held out and ranked among 99 movies the user never
    /// rated, sampled with the seed; hit rate and NDCG at 10.
    /// </summary>
    LeaveOneOut99,

    /// <summary><c>temporal-80-20</c>: each user's latest 20 % of ratings held out; rating and top-K metrics.</summary>
    Temporal80To20,

    /// <summary><c>ml100k-folds</c>: MovieLens 100K's published five folds u1–u5 (one repetition per fold); rating and top-K metrics.</summary>
    MovieLens100KFolds,

    /// <summary>
    /// <c>fold-in</c>: 10 % of the users held out, the model trained on the rest, each held-out user folded in from 80 %
    /// of their ratings and tested on the other 20 %, beside a full retrain that includes those 80 % (<see cref="FoldInExperiment"/>).
    /// </summary>
    FoldIn,

    /// <summary>
    /// <c>cold-items</c>: 10 % of the rated movies lose every training rating; each user who rated one has their latest
    /// such rating ranked among 99 movies they never rated (<see cref="Splits.ColdItemSplit"/>); HR@10 and NDCG@10.
    /// </summary>
    ColdItems,

    /// <summary>
    /// <c>mixed</c>: leave-one-out (each user's latest rating among 99 movies they never rated) where the held-out movies
    /// of 20 % of the users are new releases with no training rating (<see cref="Splits.ColdItemSplit.CreateMixed"/>),
    /// as a catalogue with fresh releases looks; HR@10 and NDCG@10.
    /// </summary>
    Mixed,

    /// <summary>
    /// <c>full-ranking</c>: ratings ≥ 4 are the positives (the rest are dropped), each user's split 80 / 10 / 10 into
    /// training, validation and test with the seed (<see cref="Splits.FullRankingSplit"/>); every movie the user has no
    /// training or validation positive for is ranked, with no sampled negatives; recall and NDCG at each top-K cut-off.
    /// </summary>
    FullRanking,
}
