using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using MovieRec.Abstractions;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Training;

namespace MovieRec.MLNet;

/// <summary>
/// Tells an ML.NET context what a MovieRec fit is doing, through the channel its <see cref="MLContext.Log"/> event
/// reads (source <c>MovieRec</c>): what is trained on what, progress in tenths and each epoch's losses with the time
/// left at the pace so far, the epoch kept and
/// the device, at the end a word when ML.NET's regression evaluator would not measure the model. Batch progress is
/// <see cref="ChannelMessageKind.Trace"/>; the rest is <see cref="ChannelMessageKind.Info"/> or a warning.
/// </summary>
internal sealed class TrainingLog : IProgress<TrainingProgress>, IProgress<double>, IDisposable
{
    private readonly IChannel _channel;
    private readonly string _model;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _tenths = -1;

    public TrainingLog(MLContext context, string model)
    {
        _channel = ((IHostEnvironment)context).Start("MovieRec");
        _model = model;
    }

    public void Start(int ratings, int users, int movies, int? validationRatings) =>
        Info($"{_model}: training on {ratings:N0} ratings of {users:N0} users and {movies:N0} movies{(validationRatings is { } v ? string.Create(CultureInfo.InvariantCulture, $", epochs chosen on {v:N0} validation ratings") : string.Empty)}");

    public void Report(TrainingProgress value)
    {
        if (value.KeptEpoch is not null)
        {
            // The end of training; Finished says which epoch was kept, for every model alike.
            return;
        }

        if (double.IsNaN(value.RunningLoss))
        {
            // A trainer that reports only its completed fraction.
            Report((double)value.Batch / Math.Max(1, value.Batches));
        }
        else if (value.IsEpochEnd)
        {
            string validation = value.ValidationLoss is { } v ? string.Create(CultureInfo.InvariantCulture, $", validation loss {v:F4}") : string.Empty;
            string left = value.Remaining is { } r && value.Epoch < value.Epochs ? string.Create(CultureInfo.InvariantCulture, $", about {r.TotalSeconds:F0} s left") : string.Empty;
            Info(string.Create(CultureInfo.InvariantCulture, $"{_model}: epoch {value.Epoch}/{value.Epochs}, training loss {value.RunningLoss:F4}{validation}, {value.SamplesPerSecond:N0} ratings/s{left}"));
        }
        else
        {
            _channel.Trace(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture, $"{_model}: epoch {value.Epoch}/{value.Epochs}, batch {value.Batch}/{value.Batches}, loss {value.RunningLoss:F4}"));
        }
    }

    public void Report(double value)
    {
        int tenths = (int)Math.Floor(Math.Clamp(value, 0, 1) * 10);
        if (tenths > _tenths)
        {
            _tenths = tenths;
            double done = Math.Clamp(value, 0, 1);
            string left = done is > 0 and < 1 ? string.Create(CultureInfo.InvariantCulture, $", about {_clock.Elapsed.TotalSeconds * (1 - done) / done:F0} s left") : string.Empty;
            Info(string.Create(CultureInfo.InvariantCulture, $"{_model}: {tenths * 10}% trained{left}"));
        }
    }

    /// <summary>The end of a fit: time, device and kept epoch of a deep model, and a warning for a model that is not a rating model.</summary>
    public void Finished(IRatingPredictor model)
    {
        string device = model is BundleModel deep
            ? $" on {deep.DeviceName}{(deep.FallbackReason is { } why ? $" (CUDA not used: {why})" : string.Empty)}"
            : string.Empty;
        Info(string.Create(CultureInfo.InvariantCulture, $"{_model}: trained in {_clock.Elapsed.TotalSeconds:F1} s{device}"));
        if (model is BundleModel { Bundle: { BestEpoch: > 0 and var kept } bundle } && bundle.History.Any(e => e.ValidationLoss is not null || e.ValidationMetric is not null))
        {
            Info(string.Create(CultureInfo.InvariantCulture, $"{_model}: kept the weights of epoch {kept} of {bundle.History.Count}, the best on validation"));
        }

        if (model.Predicts == PredictionKind.LikeProbability)
        {
            _channel.Warning(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture, $"{_model} is a like/dislike classifier: its Score is the logit of a like, not a rating, so mlContext.Regression.Evaluate does not measure it; use mlContext.BinaryClassification.Evaluate with a Boolean label (a rating at or above the model's like threshold, 3.5 by default, is a like)."));
        }
        else if (model.Predicts != PredictionKind.Rating)
        {
            _channel.Warning(MessageSensitivity.None, $"{_model} learns a ranking from implicit feedback: its Score orders movies for a user and is not a rating, so mlContext.Regression.Evaluate's RMSE and MAE do not measure it; rank held-out movies among candidates instead (MovieRec's ExperimentRunner with the leave-one-out protocol, or mlContext.Ranking.Evaluate with a group column).");
        }
    }

    public void Dispose() => _channel.Dispose();

    private void Info(string message) => _channel.Info(MessageSensitivity.None, message);
}
