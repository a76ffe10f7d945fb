using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Splits;

namespace MovieRec.Onnx.Models.Ncf;

/// <summary>
/// The leave-one-out validation of NCF's epoch selection: <see cref="LeaveOneOutSplit.CreateValidation"/>
/// of the training ratings (the test items are never seen), its candidates as model input rows, scored
/// by <see cref="HeldOutRanking"/> as the test protocol is.
/// </summary>
internal sealed class NcfValidation
{
    /// <summary>Rank cut-off of the hit ratio and NDCG used for the choice: 10.</summary>
    public const int CutOff = 10;

    private readonly long[] _users;
    private readonly long[] _movies;
    private readonly int _candidates;

    private NcfValidation(LeaveOneOutSplit split)
    {
        FitPart = split.Train;
        CaseCount = split.TestUsers.Length;
        _candidates = 1 + split.NumberOfNegatives;
        _users = new long[CaseCount * _candidates];
        _movies = new long[CaseCount * _candidates];
        for (int c = 0; c < CaseCount; c++)
        {
            int at = c * _candidates;
            _users.AsSpan(at, _candidates).Fill(split.TestUsers[c]);
            _movies[at] = split.TestMovies[c];
            for (int j = 1; j < _candidates; j++)
            {
                _movies[at + j] = split.Negatives[c, j - 1];
            }
        }

        Data = TrainingData.Create(_users.Length)
            .Add(NcfGraph.UserInput, _users)
            .Add(NcfGraph.MovieInput, _movies)
            .Add(NcfGraph.LabelInput, new float[_users.Length], 1);
    }

    /// <summary>Gets the training ratings without the held-out ones.</summary>
    public RatingsTable FitPart { get; }

    /// <summary>Gets the scored rows: per case the held-out movie first, then the sampled negatives.</summary>
    public TrainingData Data { get; }

    /// <summary>Gets the user of every scored row.</summary>
    public ReadOnlySpan<long> Users => _users;

    /// <summary>Gets the movie of every scored row (per case the held-out movie first).</summary>
    public ReadOnlySpan<long> Movies => _movies;

    /// <summary>Gets the number of held-out interactions.</summary>
    public int CaseCount { get; }

    /// <summary>Splits the training ratings (see <see cref="LeaveOneOutSplit.CreateValidation"/>).</summary>
    /// <param name="train">The training ratings.</param>
    /// <param name="negatives">Negatives per held-out rating.</param>
    /// <param name="seed">The model's seed; the negatives are drawn from a seed derived from it, so they differ from those of a test split made with the same seed.</param>
    /// <returns>The validation, or null when no user qualifies.</returns>
    public static NcfValidation? Create(RatingsTable train, int negatives, int seed) =>
        LeaveOneOutSplit.CreateValidation(train, negatives, (int)SplitMix64.Mix((ulong)(uint)seed, 0x5EEDUL)) is { } split ? new NcfValidation(split) : null;

    /// <summary>Scores the validation rows with the trainer's current weights.</summary>
    /// <returns>Mean NDCG@10 and HR@10 of the held-out movies.</returns>
    public (double Ndcg, double HitRatio) Score(Trainer trainer) => Score(trainer.Predict(Data, NcfGraph.ScoreOutput));

    /// <summary>Ranks each held-out movie by the given scores of the rows of <see cref="Users"/> and <see cref="Movies"/>.</summary>
    /// <param name="scores">One score per row.</param>
    /// <returns>Mean NDCG@10 and HR@10 of the held-out movies.</returns>
    public (double Ndcg, double HitRatio) Score(ReadOnlySpan<double> scores)
    {
        if (scores.Length != _users.Length)
        {
            throw new ArgumentException($"scores has {scores.Length} values; expected one per validation row ({_users.Length}).", nameof(scores));
        }

        var ranking = new HeldOutRanking(CutOff).AddAll(scores, _candidates);
        return (ranking.Ndcg, ranking.HitRatio);
    }
}
