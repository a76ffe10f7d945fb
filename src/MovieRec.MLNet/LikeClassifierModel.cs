using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Abstractions;

namespace MovieRec.MLNet;

/// <summary>
/// A like/dislike classifier trained by <see cref="LikeClassifierTrainer"/>: scores are ML.NET's like probabilities,
/// computed in batches through the fitted ML.NET pipeline (safe from many threads: each call makes its own cursor).
/// </summary>
public sealed class LikeClassifierModel : IRatingPredictor
{
    private readonly MLContext _ml;
    private readonly LikeClassifierTrainer.MovieInputs _movies;

    internal LikeClassifierModel(string name, MLContext ml, ITransformer model, LikeClassifierTrainer.MovieInputs movies, int userBound, int movieBound)
    {
        Name = name;
        _ml = ml;
        Model = model;
        _movies = movies;
        UserIndexBound = userBound;
        MovieIndexBound = movieBound;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the fitted ML.NET pipeline: one-hot encodings, year scaling, the classifier.</summary>
    public ITransformer Model { get; }

    /// <inheritdoc/>
    public PredictionKind Predicts => PredictionKind.LikeProbability;

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
        Span<float> one = stackalloc float[1];
        Predict([user], [movie], one);
        return one[0];
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> movies, Span<float> output)
    {
        PredictorChecks.CheckBatch(users, movies, output);
        var rows = new LikeClassifierTrainer.LikeRow[users.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = _movies.Row(users[i] is > 0 && users[i] < UserIndexBound ? users[i] : 0, movies[i] < MovieIndexBound ? movies[i] : 0);
        }

        Score(rows, output);
    }

    /// <inheritdoc/>
    public void ScoreAll(int user, Span<float> scores)
    {
        PredictorChecks.CheckScores(scores, MovieIndexBound);
        int known = user is > 0 && user < UserIndexBound ? user : 0;
        var rows = new LikeClassifierTrainer.LikeRow[MovieIndexBound];
        for (int m = 0; m < rows.Length; m++)
        {
            rows[m] = _movies.Row(known, m);
        }

        Score(rows, scores);
    }

    private void Score(LikeClassifierTrainer.LikeRow[] rows, Span<float> output)
    {
        if (rows.Length == 0)
        {
            return;
        }

        var scored = Model.Transform(_ml.Data.LoadFromEnumerable(rows));
        int i = 0;
        foreach (float p in scored.GetColumn<float>("Probability"))
        {
            output[i++] = float.IsNaN(p) ? 0.5f : p;
        }
    }
}
