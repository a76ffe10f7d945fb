namespace MovieRec.Evaluation;

/// <summary>
/// Binary classification metrics, for example like (rating ≥ 3.5) versus dislike. Ratios whose
/// denominator is zero are defined as 0, so results are never NaN.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>Fraction of entries where the predicted label equals the actual label.</summary>
    /// <param name="predicted">Predicted labels (true = positive).</param>
    /// <param name="actual">Actual labels, as many as <paramref name="predicted"/>; at least one.</param>
    /// <exception cref="ArgumentException">Lengths differ or the spans are empty.</exception>
    public static double Accuracy(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> actual)
    {
        MetricChecks.SameNonEmpty(predicted, actual, nameof(predicted), nameof(actual));
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            correct += predicted[i] == actual[i] ? 1 : 0;
        }

        return correct / (double)predicted.Length;
    }

    /// <summary>Precision TP / (TP + FP); 0 when nothing is predicted positive.</summary>
    /// <inheritdoc cref="Accuracy" path="/param"/>
    /// <inheritdoc cref="Accuracy" path="/exception"/>
    public static double Precision(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> actual)
    {
        var (tp, fp, _) = Count(predicted, actual);
        return tp + fp == 0 ? 0 : tp / (double)(tp + fp);
    }

    /// <summary>Recall TP / (TP + FN); 0 when there is no actual positive.</summary>
    /// <inheritdoc cref="Accuracy" path="/param"/>
    /// <inheritdoc cref="Accuracy" path="/exception"/>
    public static double Recall(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> actual)
    {
        var (tp, _, fn) = Count(predicted, actual);
        return tp + fn == 0 ? 0 : tp / (double)(tp + fn);
    }

    /// <summary>F1 = 2PR / (P + R), the harmonic mean of precision and recall; 0 when both are 0.</summary>
    /// <inheritdoc cref="Accuracy" path="/param"/>
    /// <inheritdoc cref="Accuracy" path="/exception"/>
    public static double F1(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> actual) =>
        HarmonicMean(Precision(predicted, actual), Recall(predicted, actual));

    /// <summary>
    /// Area under the ROC curve: the probability that a random positive scores higher than a random
    /// negative, ties counting one half (Mann–Whitney U with average ranks).
    /// </summary>
    /// <param name="scores">Scores, higher meaning more likely positive; finite.</param>
    /// <param name="actual">Actual labels, as many as <paramref name="scores"/>; at least one.</param>
    /// <returns>AUC in [0, 1]; 0.5 when only one class is present.</returns>
    /// <exception cref="ArgumentException">Lengths differ, the spans are empty, or a score is NaN.</exception>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> actual)
    {
        MetricChecks.SameNonEmpty(scores, actual, nameof(scores), nameof(actual));
        var order = new int[scores.Length];
        var keys = new float[scores.Length];
        for (int i = 0; i < order.Length; i++)
        {
            if (float.IsNaN(scores[i]))
            {
                MetricChecks.Throw($"scores[{i}] is NaN; expected numbers.", nameof(scores));
            }

            order[i] = i;
            keys[i] = scores[i];
        }

        Array.Sort(keys, order);
        long positives = 0;
        double rankSum = 0;
        int start = 0;
        while (start < order.Length)
        {
            int end = start;
            while (end + 1 < order.Length && keys[end + 1] == keys[start])
            {
                end++;
            }

            double averageRank = ((start + end) / 2.0) + 1;
            for (int t = start; t <= end; t++)
            {
                if (actual[order[t]])
                {
                    positives++;
                    rankSum += averageRank;
                }
            }

            start = end + 1;
        }

        long negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>
    /// Log-loss (binary cross-entropy) of predicted like probabilities: the mean of −log p over the positives and
    /// −log(1 − p) over the negatives, with p clipped to [1e-7, 1 − 1e-7] so one confident mistake stays finite.
    /// </summary>
    /// <param name="probabilities">Predicted probabilities of the positive class, in [0, 1].</param>
    /// <param name="actual">Actual labels, as many as <paramref name="probabilities"/>; at least one.</param>
    /// <returns>The mean log-loss in nats; 0 is perfect, ln 2 ≈ 0.693 is a constant 0.5.</returns>
    /// <exception cref="ArgumentException">Lengths differ, the spans are empty, or a probability is outside [0, 1] or NaN.</exception>
    public static double LogLoss(ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> actual)
    {
        MetricChecks.SameNonEmpty(probabilities, actual, nameof(probabilities), nameof(actual));
        const double Epsilon = 1e-7;
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            float p = probabilities[i];
            if (!(p is >= 0 and <= 1))
            {
                MetricChecks.Throw($"probabilities[{i}] = {p}; expected a probability in [0, 1].", nameof(probabilities));
            }

            double clipped = Math.Clamp(p, Epsilon, 1 - Epsilon);
            sum -= actual[i] ? Math.Log(clipped) : Math.Log(1 - clipped);
        }

        return sum / probabilities.Length;
    }

    /// <summary>Share of positives among the actual labels: the accuracy of always predicting the majority class is max(r, 1 − r).</summary>
    /// <param name="actual">Actual labels; at least one.</param>
    /// <returns>The share in [0, 1].</returns>
    /// <exception cref="ArgumentException">The span is empty.</exception>
    public static double PositiveRate(ReadOnlySpan<bool> actual)
    {
        MetricChecks.SameNonEmpty(actual, actual, nameof(actual), nameof(actual));
        int positives = 0;
        foreach (bool a in actual)
        {
            positives += a ? 1 : 0;
        }

        return positives / (double)actual.Length;
    }

    internal static double HarmonicMean(double a, double b) => a + b == 0 ? 0 : 2 * a * b / (a + b);

    private static (int TruePositives, int FalsePositives, int FalseNegatives) Count(ReadOnlySpan<bool> predicted, ReadOnlySpan<bool> actual)
    {
        MetricChecks.SameNonEmpty(predicted, actual, nameof(predicted), nameof(actual));
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            if (predicted[i] && actual[i])
            {
                tp++;
            }
            else if (predicted[i])
            {
                fp++;
            }
            else if (actual[i])
            {
                fn++;
            }
        }

        return (tp, fp, fn);
    }
}
