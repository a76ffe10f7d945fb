using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MovieRec.Cli.Commands;

/// <summary>
/// Range and choice rules checked while the command line is parsed, so a bad value is refused in one sentence that
/// names the option and the value ("--epochs 0 is out of range; expected 1 or more."), before any work and with exit
/// code 2, rather than by the library in terms of its option records.
/// </summary>
internal static class OptionRules
{
    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        option.Validators.Add(r => Check<int>(r, option.Name, v => v >= minimum, $"{minimum} or more"));
        return option;
    }

    public static Option<int?> AtLeast(this Option<int?> option, int minimum)
    {
        option.Validators.Add(r => Check<int?>(r, option.Name, v => v is not { } x || x >= minimum, $"{minimum} or more"));
        return option;
    }

    public static Option<int?> Within(this Option<int?> option, int minimum, int maximum)
    {
        option.Validators.Add(r => Check<int?>(r, option.Name, v => v is not { } x || (x >= minimum && x <= maximum), string.Create(CultureInfo.InvariantCulture, $"{minimum:N0} to {maximum:N0}")));
        return option;
    }

    public static Option<int> Within(this Option<int> option, int minimum, int maximum)
    {
        option.Validators.Add(r => Check<int>(r, option.Name, v => v >= minimum && v <= maximum, string.Create(CultureInfo.InvariantCulture, $"{minimum:N0} to {maximum:N0}")));
        return option;
    }

    /// <summary>Refuses an empty or blank value given on the command line (<c>--output ""</c>), naming the option and what it expects.</summary>
    public static Option<T> NotBlank<T>(this Option<T> option, string expected)
    {
        option.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (string.IsNullOrWhiteSpace(token.Value))
                {
                    r.AddError($"{option.Name} is empty; expected {expected}.");
                }
            }
        });
        return option;
    }

    /// <summary>Refuses options that ask for different things at once, naming both (<c>--user</c> with <c>--liked</c>).</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="why">Why, for the message.</param>
    /// <param name="groups">Groups of options; options of two different groups may not both be given.</param>
    /// <exception cref="ArgumentException">Options of two groups were given.</exception>
    public static void RefuseMixed(ParseResult result, string why, params Option[][] groups)
    {
        Option? first = null;
        int firstGroup = -1;
        for (int g = 0; g < groups.Length; g++)
        {
            foreach (var option in groups[g])
            {
                if (result.GetResult(option) is not { Implicit: false })
                {
                    continue;
                }

                if (first is null)
                {
                    (first, firstGroup) = (option, g);
                }
                else if (g != firstGroup)
                {
                    throw new ArgumentException($"{first.Name} and {option.Name} cannot be used together: {why}.");
                }
            }
        }
    }

    public static Option<double?> Positive(this Option<double?> option)
    {
        option.Validators.Add(r => Check<double?>(r, option.Name, v => v is not { } x || (x > 0 && double.IsFinite(x)), "a number above 0"));
        return option;
    }

    public static Option<double?> NonNegative(this Option<double?> option)
    {
        option.Validators.Add(r => Check<double?>(r, option.Name, v => v is not { } x || (x >= 0 && double.IsFinite(x)), "0 or more"));
        return option;
    }

    public static Option<double?> Fraction(this Option<double?> option)
    {
        option.Validators.Add(r => Check<double?>(r, option.Name, v => v is not { } x || (x > 0 && x < 1), "a value in (0, 1)"));
        return option;
    }

    public static Option<double> Fraction(this Option<double> option)
    {
        option.Validators.Add(r => Check<double>(r, option.Name, v => v > 0 && v < 1, "a value in (0, 1)"));
        return option;
    }

    /// <summary>Accepts one of <paramref name="values"/> (case-insensitive), offered as completions too.</summary>
    public static Option<T> OneOf<T>(this Option<T> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (!values.Contains(token.Value, StringComparer.OrdinalIgnoreCase))
                {
                    r.AddError($"{option.Name} {token.Value} is not one of {string.Join(", ", values)}.");
                }
            }
        });
        return option;
    }

    private static void Check<T>(OptionResult result, string name, Func<T, bool> valid, string expected)
    {
        if (result.Implicit)
        {
            return;
        }

        T value;
        try
        {
            value = result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return;   // Not a value of the type at all: the parser reports that itself.
        }

        if (!valid(value))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} {value} is out of range; expected {expected}."));
        }
    }
}
