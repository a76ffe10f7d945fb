using System.Diagnostics.CodeAnalysis;

namespace MovieRec.Abstractions;

/// <summary>
/// Checks of option values, with messages naming the option, the value and the allowed range; every
/// model of the library validates its options through them, and a model of your own can too.
/// </summary>
public static class OptionChecks
{
    /// <summary>Checks that an integer option is at least <paramref name="minimum"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="name">The option as users write it, such as <c>MatrixFactorizationOptions.ApproximationRank</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is smaller.</exception>
    public static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            Throw(name, value, $"expected {minimum} or more");
        }
    }

    /// <summary>Checks that an option is finite and greater than 0.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The option as users write it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less, or not finite.</exception>
    public static void Positive(float value, string name)
    {
        if (!(value > 0) || !float.IsFinite(value))
        {
            Throw(name, value, "expected a finite value greater than 0");
        }
    }

    /// <summary>Checks that an option is finite and 0 or more.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The option as users write it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public static void NonNegative(float value, string name)
    {
        if (!(value >= 0) || !float.IsFinite(value))
        {
            Throw(name, value, "expected a finite value of 0 or more");
        }
    }

    /// <summary>Checks that an option lies in (0, 1].</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The option as users write it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1].</exception>
    public static void InUnitInterval(float value, string name)
    {
        if (!(value > 0 && value <= 1))
        {
            Throw(name, value, "expected a value in (0, 1]");
        }
    }

    /// <summary>Checks that an option is finite and greater than 0.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The option as users write it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less, or not finite.</exception>
    public static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            Throw(name, value, "expected a finite value greater than 0");
        }
    }

    /// <summary>Checks that an option is finite and 0 or more.</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The option as users write it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            Throw(name, value, "expected a finite value of 0 or more");
        }
    }

    /// <summary>Checks that an option lies in (0, 1].</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The option as users write it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1].</exception>
    public static void InUnitInterval(double value, string name)
    {
        if (!(value > 0 && value <= 1))
        {
            Throw(name, value, "expected a value in (0, 1]");
        }
    }

    /// <summary>Checks that an enumeration option holds one of its named values.</summary>
    /// <typeparam name="T">The enumeration.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="name">The option as users write it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a named one (the message lists them).</exception>
    public static void Defined<T>(T value, string name)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Throw(name, value, "expected " + string.Join(", ", Enum.GetNames<T>()));
        }
    }

    /// <summary>Resolves a thread-count option: null means the processor count.</summary>
    /// <param name="value">The value, 1 or more, or null.</param>
    /// <param name="name">The option as users write it.</param>
    /// <returns>The thread count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
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

    /// <summary>Throws the library's out-of-range error: "<c>name = value is out of range; expected</c>".</summary>
    /// <param name="name">The option as users write it.</param>
    /// <param name="value">The bad value.</param>
    /// <param name="expected">What is allowed, starting with "expected".</param>
    /// <exception cref="ArgumentOutOfRangeException">Always.</exception>
    [DoesNotReturn]
    public static void Throw(string name, object value, string expected) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is out of range; {expected}.");
}
