namespace MovieRec.Evaluation;

/// <summary>Error metrics of predicted ratings against actual ratings.</summary>
public static class RatingMetrics
{
    /// <summary>Mean squared error (1/n) Σ (p_i - a_i)².</summary>
    /// <param name="predicted">Predicted ratings.</param>
    /// <param name="actual">Actual ratings, as many as <paramref name="predicted"/>; at least one.</param>
    /// <exception cref="ArgumentException">Lengths differ, the spans are empty, or a prediction is NaN.</exception>
    public static double MeanSquaredError(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        MetricChecks.SameNonEmpty(predicted, actual, nameof(predicted), nameof(actual));
        MetricChecks.NoNaN(predicted, nameof(predicted));
        double sum = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double d = predicted[i] - (double)actual[i];
            sum += d * d;
        }

        return sum / predicted.Length;
    }

    /// <summary>Root mean squared error √MSE.</summary>
    /// <inheritdoc cref="MeanSquaredError" path="/param"/>
    /// <inheritdoc cref="MeanSquaredError" path="/exception"/>
    public static double RootMeanSquaredError(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual) =>
        Math.Sqrt(MeanSquaredError(predicted, actual));

    /// <summary>Mean absolute error (1/n) Σ |p_i - a_i|.</summary>
    /// <inheritdoc cref="MeanSquaredError" path="/param"/>
    /// <inheritdoc cref="MeanSquaredError" path="/exception"/>
    public static double MeanAbsoluteError(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        MetricChecks.SameNonEmpty(predicted, actual, nameof(predicted), nameof(actual));
        MetricChecks.NoNaN(predicted, nameof(predicted));
        double sum = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            sum += Math.Abs(predicted[i] - (double)actual[i]);
        }

        return sum / predicted.Length;
    }
}
