using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Splits;

namespace MovieRec.Baselines;

/// <summary>
/// A linear blend of rating models: each member predicts, and the blend is an intercept plus a weighted sum of the
/// predictions, clipped to the training ratings' range. The weights are fitted by ridge least squares on a validation
/// slice of the training ratings (the members trained on the rest), then every member is trained again on all the
/// training ratings; the test ratings are never read.
/// </summary>
/// <remarks>
/// <para>When a member is a like/dislike classifier (<see cref="IRatingPredictor.Predicts"/> is <see cref="PredictionKind.LikeProbability"/>), the blend is
/// one too, stacked by logistic regression: the blended probability is σ(b + Σ w_j x_j), where x_j is member j's
/// log-odds (logit p_j) for a classifier and its predicted rating for a rating model, and b and w maximise the
/// likelihood of the validation slice's likes (rating ≥ <see cref="BlendOptions.LikeThreshold"/>) with the same ridge
/// penalty on w (Newton's method).</para>
/// <para>Members that read a user's history at prediction time (the sequence CNN) are asked with each validation rating's
/// time, so the validation predictions see only ratings made before it, as the test predictions will.</para>
/// </remarks>
public sealed class BlendTrainer : IReseedableTrainer
{
    /// <summary>Creates the trainer.</summary>
    /// <param name="options">The members and validation settings.</param>
    /// <exception cref="ArgumentException">The options name no member, or a fraction or penalty is out of range.</exception>
    public BlendTrainer(BlendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>Gets the options.</summary>
    public BlendOptions Options { get; }

    /// <inheritdoc/>
    public string Name => Options.Name;

    /// <inheritdoc/>
    public bool ReadsDescriptions => Options.Members.Any(m => m.ReadsDescriptions);

    /// <inheritdoc/>
    /// <remarks>The seed of the validation slice.</remarks>
    public int Seed => Options.Seed;

    /// <inheritdoc/>
    /// <remarks>The validation slice is drawn with <paramref name="seed"/>, and every member that can be reseeded moves its seed by as much.</remarks>
    public IRatingTrainer WithSeed(int seed) => seed == Options.Seed ? this : new BlendTrainer(Options with
    {
        Seed = seed,
        Members = [.. Options.Members.Select(m => m is IReseedableTrainer r ? r.WithSeed(r.Seed + (seed - Options.Seed)) : m)],
    });

    /// <inheritdoc/>
    /// <remarks>Repetition r draws the validation slice with the seed + r and reseeds every member that can be.</remarks>
    public IRatingTrainer ForRepetition(int repetition) => WithSeed(Options.Seed + repetition);

    /// <inheritdoc/>
    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        Fit((t, r, p) => t.Fit(r, p, cancellationToken), train, progress, cancellationToken);

    /// <inheritdoc/>
    public IRatingPredictor Fit(RecommendationDataset dataset, RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Fit((t, r, p) => t.Fit(dataset, r, p, cancellationToken), train, progress, cancellationToken);
    }

    private BlendModel Fit(Func<IRatingTrainer, RatingsTable, IProgress<double>?, IRatingPredictor> fit, RatingsTable train, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        PredictorChecks.CheckTrainingRatings(train, nameof(train));
        if (train.Count < 10)
        {
            throw new ArgumentException($"A blend needs at least 10 training ratings to set a validation slice aside; got {train.Count}.", nameof(train));
        }

        var members = Options.Members;
        int k = members.Count;
        var split = RandomSplit.Create(train, Options.ValidationFraction, Options.Seed);
        var validation = split.Test;
        var predictions = new float[k][];
        var classifies = new bool[k];
        for (int j = 0; j < k; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var model = fit(members[j], split.Train, ScaledProgress.Part(progress, j / (2.0 * k), (j + 1) / (2.0 * k)));
            try
            {
                classifies[j] = model.Predicts == PredictionKind.LikeProbability;
                predictions[j] = new float[validation.Count];
                model.PredictAt(validation.Users, validation.Movies, validation.Timestamps, predictions[j]);
            }
            finally
            {
                (model as IDisposable)?.Dispose();
            }
        }

        bool likes = classifies.Any(c => c);
        float[] targets = validation.Ratings.ToArray();
        if (likes)
        {
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = targets[i] >= Options.LikeThreshold ? 1f : 0f;
            }

            for (int j = 0; j < k; j++)
            {
                if (classifies[j])
                {
                    BlendModel.ToLogits(predictions[j]);
                }
            }
        }

        double[] weights = likes ? SolveLogistic(predictions, targets, Options.Penalty) : SolveRidge(predictions, targets, Options.Penalty);
        var final = new IRatingPredictor[k];
        try
        {
            for (int j = 0; j < k; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                final[j] = fit(members[j], train, ScaledProgress.Part(progress, (k + j) / (2.0 * k), (k + j + 1) / (2.0 * k)));
            }
        }
        catch
        {
            foreach (var model in final)
            {
                (model as IDisposable)?.Dispose();
            }

            throw;
        }

        float min = likes ? 0f : float.PositiveInfinity, max = likes ? 1f : float.NegativeInfinity;
        if (!likes)
        {
            foreach (float r in train.Ratings)
            {
                min = Math.Min(min, r);
                max = Math.Max(max, r);
            }
        }

        progress?.Report(1);
        return new BlendModel(Name, final, [.. weights.Select(w => (float)w)], min, max, likes ? classifies : null);
    }

    /// <summary>
    /// Intercept and weights of the logistic regression of 0/1 <paramref name="targets"/> on <paramref name="features"/>,
    /// minimising the log-loss summed over the rows plus <paramref name="penalty"/> times the rows times half the squared
    /// weights (the intercept is not penalised), by Newton's method with step halving, in doubles.
    /// </summary>
    internal static double[] SolveLogistic(float[][] features, ReadOnlySpan<float> targets, double penalty)
    {
        int k = features.Length;
        int n = targets.Length;
        int d = k + 1;
        double ridge = penalty * n;
        double share = 0;
        foreach (float y in targets)
        {
            share += y;
        }

        share = Math.Clamp(share / n, 1e-6, 1 - 1e-6);
        var w = new double[d];
        w[0] = Math.Log(share / (1 - share));
        var hessian = new double[d * d];
        var gradient = new double[d];
        var trial = new double[d];
        double loss = Objective(features, targets, w, ridge);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            Array.Clear(hessian);
            Array.Clear(gradient);
            for (int i = 0; i < n; i++)
            {
                double z = w[0];
                for (int j = 0; j < k; j++)
                {
                    z += w[j + 1] * features[j][i];
                }

                double p = 1 / (1 + Math.Exp(-z));
                double r = p - targets[i];
                double s = Math.Max(p * (1 - p), 1e-12);
                for (int a = 0; a < d; a++)
                {
                    double xa = a == 0 ? 1 : features[a - 1][i];
                    gradient[a] += r * xa;
                    for (int b = 0; b <= a; b++)
                    {
                        hessian[(a * d) + b] += s * xa * (b == 0 ? 1 : features[b - 1][i]);
                    }
                }
            }

            hessian[0] += 1e-9;
            for (int j = 1; j < d; j++)
            {
                gradient[j] += ridge * w[j];
                hessian[(j * d) + j] += ridge + 1e-9;
            }

            Cholesky.Solve(hessian, gradient, d);
            double step = 1;
            double next = double.PositiveInfinity;
            for (int halving = 0; halving < 30; halving++, step /= 2)
            {
                for (int a = 0; a < d; a++)
                {
                    trial[a] = w[a] - (step * gradient[a]);
                }

                next = Objective(features, targets, trial, ridge);
                if (next <= loss)
                {
                    break;
                }
            }

            if (!(next <= loss))
            {
                break;
            }

            trial.CopyTo(w, 0);
            bool converged = loss - next < 1e-12 * Math.Max(1, loss);
            loss = next;
            if (converged)
            {
                break;
            }
        }

        return w;
    }

    private static double Objective(float[][] features, ReadOnlySpan<float> targets, double[] w, double ridge)
    {
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double z = w[0];
            for (int j = 0; j < features.Length; j++)
            {
                z += w[j + 1] * features[j][i];
            }

            // log(1 + e^z) - y z, computed without overflow.
            sum += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - (targets[i] * z);
        }

        for (int j = 1; j < w.Length; j++)
        {
            sum += 0.5 * ridge * w[j] * w[j];
        }

        return sum;
    }

    /// <summary>Intercept and weights minimising squared error plus <paramref name="penalty"/> times the rows times the
    /// squared weights (the intercept is not penalised); features are centred first, solved in doubles.</summary>
    internal static double[] SolveRidge(float[][] predictions, ReadOnlySpan<float> targets, double penalty)
    {
        int k = predictions.Length;
        int n = targets.Length;
        var means = new double[k];
        double targetMean = 0;
        for (int i = 0; i < n; i++)
        {
            targetMean += targets[i];
            for (int j = 0; j < k; j++)
            {
                means[j] += predictions[j][i];
            }
        }

        targetMean /= n;
        for (int j = 0; j < k; j++)
        {
            means[j] /= n;
        }

        // Normal equations of the centred features, lower triangle (row-major), solved by the library's Cholesky.
        var a = new double[k * k];
        var b = new double[k];
        for (int i = 0; i < n; i++)
        {
            double y = targets[i] - targetMean;
            for (int j = 0; j < k; j++)
            {
                double xj = predictions[j][i] - means[j];
                b[j] += xj * y;
                for (int l = 0; l <= j; l++)
                {
                    a[(j * k) + l] += xj * (predictions[l][i] - means[l]);
                }
            }
        }

        for (int j = 0; j < k; j++)
        {
            a[(j * k) + j] += (penalty * n) + 1e-9;
        }

        Cholesky.Solve(a, b, k);
        var result = new double[k + 1];
        b.CopyTo(result, 1);
        result[0] = targetMean;
        for (int j = 0; j < k; j++)
        {
            result[0] -= result[j + 1] * means[j];
        }

        return result;
    }
}
