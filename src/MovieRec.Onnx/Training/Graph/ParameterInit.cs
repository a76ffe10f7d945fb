using System.Globalization;

namespace MovieRec.Onnx.Training.Graph;

/// <summary>
/// How a parameter's initial values are drawn. Every random initializer is seeded from the graph
/// seed and the parameter's position in the graph, so the same graph and seed give the same
/// weights on every run and platform.
/// </summary>
public sealed class ParameterInit
{
    private readonly Kind _kind;
    private readonly double _a;
    private readonly double _b;

    private ParameterInit(Kind kind, double a, double b)
    {
        _kind = kind;
        _a = a;
        _b = b;
    }

    private enum Kind
    {
        Constant,
        Normal,
        Uniform,
        XavierUniform,
    }

    /// <summary>Gets an initializer that sets every value to 0 (typical for biases).</summary>
    public static ParameterInit Zeros { get; } = new(Kind.Constant, 0, 0);

    /// <summary>Sets every value to <paramref name="value"/>.</summary>
    /// <param name="value">The value; must be finite.</param>
    /// <returns>The initializer.</returns>
    public static ParameterInit Constant(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The constant must be finite.");
        }

        return new ParameterInit(Kind.Constant, value, 0);
    }

    /// <summary>Draws values from a normal distribution.</summary>
    /// <param name="standardDeviation">Standard deviation, greater than 0 (for embeddings 0.01–0.1 is common).</param>
    /// <param name="mean">Mean; default 0.</param>
    /// <returns>The initializer.</returns>
    public static ParameterInit Normal(double standardDeviation, double mean = 0)
    {
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and greater than 0.");
        }

        return new ParameterInit(Kind.Normal, mean, standardDeviation);
    }

    /// <summary>Draws values uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="low">Lower bound.</param>
    /// <param name="high">Upper bound; greater than <paramref name="low"/>.</param>
    /// <returns>The initializer.</returns>
    public static ParameterInit Uniform(double low, double high)
    {
        if (!(high > low) || !double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, string.Create(CultureInfo.InvariantCulture, $"Expected finite bounds with high > low (low = {low})."));
        }

        return new ParameterInit(Kind.Uniform, low, high);
    }

    /// <summary>
    /// Xavier/Glorot uniform: values from U(−a, a) with a = gain·√(6 / (fan_in + fan_out)).
    /// </summary>
    /// <remarks>
    /// Glorot and Bengio, "Understanding the difficulty of training deep feedforward neural networks", 2010.
    /// For a matrix [in, out], fan_in = in and fan_out = out; for higher ranks the leading axes
    /// multiply both fans (receptive field); a vector uses its length for both.
    /// </remarks>
    /// <param name="gain">Scale factor, greater than 0; default 1.</param>
    /// <returns>The initializer.</returns>
    public static ParameterInit XavierUniform(double gain = 1.0)
    {
        if (!(gain > 0) || !double.IsFinite(gain))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "The gain must be finite and greater than 0.");
        }

        return new ParameterInit(Kind.XavierUniform, gain, 0);
    }

    /// <summary>Returns a short description such as <c>Normal(0, 0.1)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => _kind switch
    {
        Kind.Constant => string.Create(CultureInfo.InvariantCulture, $"Constant({_a})"),
        Kind.Normal => string.Create(CultureInfo.InvariantCulture, $"Normal({_a}, {_b})"),
        Kind.Uniform => string.Create(CultureInfo.InvariantCulture, $"Uniform({_a}, {_b})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"XavierUniform({_a})"),
    };

    internal double[] Generate(long[] shape, ulong seed)
    {
        long count = 1;
        foreach (long d in shape)
        {
            count *= d;
        }

        var values = new double[count];
        var rng = new SplitMix64(seed);
        switch (_kind)
        {
            case Kind.Constant:
                Array.Fill(values, _a);
                break;
            case Kind.Normal:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = _a + (_b * rng.NextNormal());
                }

                break;
            case Kind.Uniform:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = _a + ((_b - _a) * rng.NextDouble());
                }

                break;
            default:
                double fanIn, fanOut;
                if (shape.Length >= 2)
                {
                    double receptive = 1;
                    for (int i = 0; i < shape.Length - 2; i++)
                    {
                        receptive *= shape[i];
                    }

                    fanIn = shape[^2] * receptive;
                    fanOut = shape[^1] * receptive;
                }
                else
                {
                    fanIn = fanOut = shape.Length == 1 ? shape[0] : 1;
                }

                double limit = _a * Math.Sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = limit * ((2 * rng.NextDouble()) - 1);
                }

                break;
        }

        return values;
    }
}
