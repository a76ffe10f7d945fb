using System.Diagnostics.CodeAnalysis;

namespace MovieRec.Evaluation;

/// <summary>Argument checks shared by the metric classes.</summary>
internal static class MetricChecks
{
    public static void SameNonEmpty<TA, TB>(ReadOnlySpan<TA> predicted, ReadOnlySpan<TB> actual, string predictedName, string actualName)
    {
        if (predicted.Length != actual.Length)
        {
            Throw($"{predictedName} has {predicted.Length} entries but {actualName} has {actual.Length}; expected equal lengths.", predictedName);
        }

        if (predicted.Length == 0)
        {
            Throw($"{predictedName} is empty; expected at least one entry.", predictedName);
        }
    }

    /// <summary>Refuses a NaN prediction, naming its position: a model that predicts no number is broken, not merely wrong.</summary>
    public static void NoNaN(ReadOnlySpan<float> values, string name)
    {
        for (int at = 0; at < values.Length; at++)
        {
            if (float.IsNaN(values[at]))
            {
                Throw($"{name}[{at}] is NaN; expected numbers (a model must never predict NaN).", name);
            }
        }
    }

    public static void PositiveK(int k, string name)
    {
        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(name, k, $"{name} = {k} is out of range; expected 1 or more.");
        }
    }

    [DoesNotReturn]
    public static void Throw(string message, string parameter) => throw new ArgumentException(message, parameter);
}
