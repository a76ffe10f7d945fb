using MovieRec.Data;
using MovieRec.Splits;

namespace MovieRec.Evaluation;

/// <summary>Builds the seeded split of an <see cref="EvaluationProtocol"/> from the splitters in <see cref="MovieRec.Splits"/>.</summary>
internal static class ProtocolSplits
{
    public static EvaluationSplit Create(EvaluationProtocol protocol, RatingsTable ratings, int seed, int negatives) => protocol switch
    {
        EvaluationProtocol.Random80To20 => From(RandomSplit.Create(ratings, 0.2, seed)),
        EvaluationProtocol.Random90To10 => From(RandomSplit.Create(ratings, 0.1, seed)),
        EvaluationProtocol.Temporal80To20 => From(TemporalSplit.Create(ratings, 0.2)),
        EvaluationProtocol.LeaveOneOut99 => From(LeaveOneOutSplit.Create(ratings, negatives, seed)),
        EvaluationProtocol.ColdItems => From(ColdItemSplit.Create(ratings, ColdItemSplit.DefaultColdShare, negatives, seed)),
        EvaluationProtocol.Mixed => From(ColdItemSplit.CreateMixed(ratings, ColdItemSplit.DefaultMixedColdShare, negatives, seed)),
        EvaluationProtocol.FullRanking => From(FullRankingSplit.Create(ratings, seed)),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "This protocol has no generated split; pass predefined folds."),
    };

    private static EvaluationSplit From(TrainTestSplit split) => new(split.Train, split.Test);

    private static EvaluationSplit From(FullRankingSplit split) => new(split.Train, split.Test) { Validation = split.Validation };

    private static EvaluationSplit From(ColdItemSplit split) => new(split.Train, split.Test, split.Candidates);

    private static EvaluationSplit From(LeaveOneOutSplit split)
    {
        var negatives = split.Negatives;
        int count = split.TestMovies.Length;
        int n = split.NumberOfNegatives;
        var candidates = new int[count][];
        var positives = split.TestMovies;
        var testMovies = split.Test.Movies;
        for (int i = 0; i < count; i++)
        {
            var list = new int[n + 1];
            list[0] = positives[i];
            for (int j = 0; j < n; j++)
            {
                list[j + 1] = negatives[i, j];
            }

            candidates[i] = list;
            if (testMovies[i] != positives[i])
            {
                throw new InvalidOperationException($"Leave-one-out split row {i}: test movie {testMovies[i]} differs from the positive {positives[i]}.");
            }
        }

        return new EvaluationSplit(split.Train, split.Test, candidates);
    }
}
