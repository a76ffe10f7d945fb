namespace MovieRec.Evaluation;

/// <summary>Mean and sample standard deviation of one metric over the repetitions (seeds or folds) of an experiment.</summary>
/// <param name="Mean">Mean over the repetitions.</param>
/// <param name="StandardDeviation">Sample standard deviation (n - 1 denominator); 0 for a single repetition.</param>
/// <param name="Count">Number of repetitions.</param>
public readonly record struct MetricSummary(double Mean, double StandardDeviation, int Count)
{
    /// <summary>Summarises <paramref name="values"/>.</summary>
    /// <param name="values">One value per repetition; at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static MetricSummary Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("values is empty; expected at least one value.", nameof(values));
        }

        double mean = values.Average();
        double variance = 0;
        foreach (double v in values)
        {
            variance += (v - mean) * (v - mean);
        }

        double std = values.Count > 1 ? Math.Sqrt(variance / (values.Count - 1)) : 0;
        return new MetricSummary(mean, std, values.Count);
    }

    /// <summary>Formats as <c>mean ± std</c> with <paramref name="decimals"/> decimals (just the mean for one repetition).</summary>
    /// <param name="decimals">Decimals; 0 to 15.</param>
    public string ToString(int decimals)
    {
        string format = "F" + Math.Clamp(decimals, 0, 15).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string mean = Mean.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        return Count > 1 ? $"{mean} ± {StandardDeviation.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}" : mean;
    }
}
