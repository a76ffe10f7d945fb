using System.Globalization;

namespace MovieRec.Onnx.Training.Optimizers;

/// <summary>
/// Scales the optimizer's base learning rate per epoch. The rate is an input of the training
/// step, so a schedule changes it without rebuilding anything.
/// </summary>
public sealed class LearningRateSchedule
{
    private readonly Func<int, double> _factor;
    private readonly string _description;

    private LearningRateSchedule(Func<int, double> factor, string description)
    {
        _factor = factor;
        _description = description;
    }

    /// <summary>Gets the schedule that keeps the base rate.</summary>
    public static LearningRateSchedule Constant { get; } = new(_ => 1.0, "Constant");

    /// <summary>Multiplies the rate by <paramref name="factor"/> every <paramref name="everyEpochs"/> epochs.</summary>
    /// <param name="everyEpochs">Epochs between decays, at least 1.</param>
    /// <param name="factor">Decay factor in (0, 1].</param>
    /// <returns>The schedule.</returns>
    public static LearningRateSchedule StepDecay(int everyEpochs, double factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyEpochs, 1);
        CheckFactor(factor);
        return new LearningRateSchedule(e => Math.Pow(factor, e / everyEpochs), string.Create(CultureInfo.InvariantCulture, $"StepDecay({everyEpochs}, {factor})"));
    }

    /// <summary>Multiplies the rate by <paramref name="gamma"/> after every epoch: α·γᵉ.</summary>
    /// <param name="gamma">Decay per epoch in (0, 1].</param>
    /// <returns>The schedule.</returns>
    public static LearningRateSchedule Exponential(double gamma)
    {
        CheckFactor(gamma);
        return new LearningRateSchedule(e => Math.Pow(gamma, e), string.Create(CultureInfo.InvariantCulture, $"Exponential({gamma})"));
    }

    /// <summary>Cosine annealing from the base rate down to <paramref name="minimumFactor"/> times it over <paramref name="epochs"/> epochs.</summary>
    /// <param name="epochs">Length of the schedule in epochs, at least 1; later epochs keep the minimum.</param>
    /// <param name="minimumFactor">Final fraction of the base rate in [0, 1]; default 0.</param>
    /// <returns>The schedule.</returns>
    public static LearningRateSchedule Cosine(int epochs, double minimumFactor = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (!(minimumFactor >= 0 && minimumFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumFactor), minimumFactor, "Expected a value in [0, 1].");
        }

        return new LearningRateSchedule(
            e => minimumFactor + ((1 - minimumFactor) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(e, epochs) / epochs))),
            string.Create(CultureInfo.InvariantCulture, $"Cosine({epochs}, {minimumFactor})"));
    }

    /// <summary>Returns the learning rate for an epoch.</summary>
    /// <param name="baseRate">The optimizer's base rate.</param>
    /// <param name="epoch">Zero-based epoch.</param>
    /// <returns>The scheduled rate.</returns>
    public double RateAt(double baseRate, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return baseRate * _factor(epoch);
    }

    /// <summary>Returns the schedule's name and settings.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => _description;

    private static void CheckFactor(double factor)
    {
        if (!(factor > 0 && factor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "Expected a factor in (0, 1].");
        }
    }
}
