using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Baselines;

/// <summary>Trainer of the closed-form baselines: global mean, biases and popularity.</summary>
internal sealed class SimpleTrainer(string name, Func<RatingMatrix, IRatingPredictor> fit) : IRatingTrainer
{
    public string Name { get; } = name;

    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var data = RatingMatrix.Create(train, nameof(train));
        var model = fit(data);
        progress?.Report(1.0);
        return model;
    }
}
