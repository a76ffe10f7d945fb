using System.Diagnostics.CodeAnalysis;

namespace MovieRec.Baselines;

/// <summary>Validation of option values, with messages naming the option, the value and the allowed range.</summary>
internal static class OptionChecks
{
    public static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            Throw(name, value, $"expected {minimum} or more");
        }
    }

    public static void Positive(float value, string name)
    {
        if (!(value > 0) || !float.IsFinite(value))
        {
            Throw(name, value, "expected a finite value greater than 0");
        }
    }

    public static void NonNegative(float value, string name)
    {
        if (!(value >= 0) || !float.IsFinite(value))
        {
            Throw(name, value, "expected a finite value of 0 or more");
        }
    }

    public static void InUnitInterval(float value, string name)
    {
        if (!(value > 0 && value <= 1))
        {
            Throw(name, value, "expected a value in (0, 1]");
        }
    }

    public static int Threads(int? value, string name)
    {
        if (value is null)
        {
            return Environment.ProcessorCount;
        }

        if (value.Value < 1)
        {
            Throw(name, value.Value, "expected 1 or more threads, or null for the processor count");
        }

        return value.Value;
    }

    [DoesNotReturn]
    public static void Throw(string name, object value, string expected) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is out of range; {expected}.");
}
