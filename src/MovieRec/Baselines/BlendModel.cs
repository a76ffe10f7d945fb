using System.Buffers;
using System.Numerics.Tensors;
using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>A trained <see cref="BlendTrainer"/>: an intercept plus a weighted sum of the members' predictions,
/// clipped to the training ratings' range; for a like/dislike blend the classifiers enter as log-odds, rating models as
/// their ratings, and the blend's probability is the sum's logistic sigmoid. Disposing it disposes the members.</summary>
public sealed class BlendModel : IRatingPredictor, IDisposable
{
    private readonly IRatingPredictor[] _members;
    private readonly float[] _weights;
    private readonly float _min;
    private readonly float _max;

    private readonly bool[] _logOdds;

    internal BlendModel(string name, IRatingPredictor[] members, float[] interceptAndWeights, float min, float max, bool[]? logOdds)
    {
        // logOdds is null for a rating blend; for a classifier blend it marks the members whose probability enters as log-odds.
        Classifies = logOdds is not null;
        _logOdds = logOdds ?? new bool[members.Length];
        Name = name;
        _members = members;
        Intercept = interceptAndWeights[0];
        _weights = interceptAndWeights[1..];
        _min = min;
        _max = max;
        UserIndexBound = members.Max(m => m.UserIndexBound);
        MovieIndexBound = members.Max(m => m.MovieIndexBound);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the members, in the order of <see cref="BlendOptions.Members"/>.</summary>
    public IReadOnlyList<IRatingPredictor> Members => _members;

    /// <summary>Gets each member's weight, as fitted on the validation slice (on its log-odds, for classifiers).</summary>
    public IReadOnlyList<float> Weights => _weights;

    /// <summary>Gets the intercept.</summary>
    public float Intercept { get; }

    /// <inheritdoc/>
    public PredictionKind Predicts => Classifies ? PredictionKind.LikeProbability : PredictionKind.Rating;

    /// <summary>Gets whether the blend combines log-odds into a like probability rather than ratings into a rating.</summary>
    private bool Classifies { get; }

    /// <inheritdoc/>
    public int UserIndexBound { get; }

    /// <inheritdoc/>
    public int MovieIndexBound { get; }

    /// <inheritdoc/>
    public FactorMatrix? UserVectors => null;

    /// <inheritdoc/>
    public FactorMatrix? MovieVectors => null;

    /// <inheritdoc/>
    public float Predict(int user, int movie)
    {
        float sum = Intercept;
        for (int j = 0; j < _members.Length; j++)
        {
            float prediction = _members[j].Predict(user, movie);
            sum += _weights[j] * (_logOdds[j] ? Logit(prediction) : prediction);
        }

        return Classifies ? 1 / (1 + MathF.Exp(-sum)) : Math.Clamp(sum, _min, _max);
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        PredictorChecks.CheckBatch(users, movies, output);
        var target = output[..users.Length];
        var scratch = ArrayPool<float>.Shared.Rent(users.Length);
        try
        {
            target.Fill(Intercept);
            for (int j = 0; j < _members.Length; j++)
            {
                _members[j].Predict(users, movies, scratch);
                Add(j, scratch, target);
            }

            Finish(target);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <inheritdoc/>
    public void PredictAt(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, ReadOnlySpan<long> timestamps, Span<float> output)
    {
        PredictorChecks.CheckBatch(users, movies, output);
        PredictorChecks.CheckTimes(users, timestamps);
        var target = output[..users.Length];
        var scratch = ArrayPool<float>.Shared.Rent(users.Length);
        try
        {
            target.Fill(Intercept);
            for (int j = 0; j < _members.Length; j++)
            {
                _members[j].PredictAt(users, movies, timestamps, scratch);
                Add(j, scratch, target);
            }

            Finish(target);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        var target = scores[..MovieIndexBound];
        var scratch = ArrayPool<float>.Shared.Rent(MovieIndexBound);
        try
        {
            target.Fill(Intercept);
            for (int j = 0; j < _members.Length; j++)
            {
                var member = _members[j];
                member.ScoreAll(user, scratch);
                for (int m = member.MovieIndexBound; m < MovieIndexBound; m++)
                {
                    scratch[m] = member.Predict(user, m);
                }

                Add(j, scratch, target);
            }

            Finish(target);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Turns probabilities into log-odds in place, each clamped to [1e-6, 1 - 1e-6] first.</summary>
    internal static void ToLogits(Span<float> probabilities)
    {
        foreach (ref float p in probabilities)
        {
            p = Logit(p);
        }
    }

    private static float Logit(float p)
    {
        p = Math.Clamp(p, 1e-6f, 1 - 1e-6f);
        return MathF.Log(p / (1 - p));
    }

    private void Add(int member, float[] scratch, Span<float> target)
    {
        var values = scratch.AsSpan(0, target.Length);
        if (_logOdds[member])
        {
            ToLogits(values);
        }

        TensorPrimitives.MultiplyAdd(values, _weights[member], target, target);
    }

    private void Finish(Span<float> target)
    {
        if (Classifies)
        {
            TensorPrimitives.Sigmoid(target, target);
        }
        else
        {
            TensorPrimitives.Clamp(target, _min, _max, target);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var member in _members)
        {
            (member as IDisposable)?.Dispose();
        }
    }
}
