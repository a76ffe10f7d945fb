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
