using System.Globalization;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Training.Optimizers;

/// <summary>
/// A parameter update rule written as graph nodes, appended to the training step after the
/// backward pass. Its state (moments, velocity) is an input and an output of every step.
/// </summary>
/// <remarks>
/// <para>
/// Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015), bias-corrected,
/// with the step count t as an input: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// θ ← θ − α·(m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε) − α·λ·θ (decoupled weight decay,
/// Loshchilov and Hutter, 2019).
/// </para>
/// <para>SGD with momentum: g ← g + λθ, v ← μv + g, θ ← θ − α·v (plain θ ← θ − α·g when μ = 0).</para>
/// </remarks>
public sealed class Optimizer
{
    private readonly AdamOptions? _adam;
    private readonly SgdOptions? _sgd;

    private Optimizer(AdamOptions? adam, SgdOptions? sgd)
    {
        _adam = adam;
        _sgd = sgd;
    }

    /// <summary>Gets the optimizer's name (<c>Adam</c> or <c>SGD</c>).</summary>
    public string Name => _adam is not null ? "Adam" : "SGD";

    /// <summary>Gets the base learning rate.</summary>
    public double LearningRate => _adam?.LearningRate ?? _sgd!.LearningRate;

    internal IReadOnlyList<string> StateNames => _adam is not null ? ["m", "v"] : _sgd!.Momentum > 0 ? ["velocity"] : [];

    /// <summary>Creates Adam with default settings (learning rate 1e-3).</summary>
    /// <returns>The optimizer.</returns>
    public static Optimizer Adam() => Adam(new AdamOptions());

    /// <summary>Creates Adam.</summary>
    /// <param name="options">The settings.</param>
    /// <returns>The optimizer.</returns>
    public static Optimizer Adam(AdamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Positive(options.LearningRate, nameof(options.LearningRate));
        UnitInterval(options.Beta1, nameof(options.Beta1));
        UnitInterval(options.Beta2, nameof(options.Beta2));
        Positive(options.Epsilon, nameof(options.Epsilon));
        NonNegative(options.WeightDecay, nameof(options.WeightDecay));
        return new Optimizer(options, null);
    }

    /// <summary>Creates SGD with the given learning rate and no momentum.</summary>
    /// <param name="learningRate">Learning rate, greater than 0.</param>
    /// <returns>The optimizer.</returns>
    public static Optimizer Sgd(double learningRate) => Sgd(new SgdOptions { LearningRate = learningRate });

    /// <summary>Creates SGD with momentum.</summary>
    /// <param name="options">The settings.</param>
    /// <returns>The optimizer.</returns>
    public static Optimizer Sgd(SgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Positive(options.LearningRate, nameof(options.LearningRate));
        UnitInterval(options.Momentum, nameof(options.Momentum));
        NonNegative(options.WeightDecay, nameof(options.WeightDecay));
        return new Optimizer(null, options);
    }

    /// <summary>Returns a description with the settings.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => _adam is not null
        ? string.Create(CultureInfo.InvariantCulture, $"Adam(lr={_adam.LearningRate}, beta1={_adam.Beta1}, beta2={_adam.Beta2}, eps={_adam.Epsilon}, wd={_adam.WeightDecay})")
        : string.Create(CultureInfo.InvariantCulture, $"SGD(lr={_sgd!.LearningRate}, momentum={_sgd.Momentum}, wd={_sgd.WeightDecay})");

    /// <summary>Appends the update of one parameter.</summary>
    /// <param name="g">The graph fork being compiled.</param>
    /// <param name="parameter">θ.</param>
    /// <param name="gradient">∂loss/∂θ.</param>
    /// <param name="states">Current state tensors, in <see cref="StateNames"/> order.</param>
    /// <param name="learningRate">Scalar input α (already scheduled).</param>
    /// <param name="shared">Adam: the scalars shared by all parameters, from <see cref="SharedScalars"/>.</param>
    /// <returns>The new parameter and the new states.</returns>
    internal (GraphTensor Parameter, GraphTensor[] States) Update(
        ModelGraph g, GraphTensor parameter, GraphTensor gradient, GraphTensor[] states, GraphTensor learningRate, (GraphTensor StepSize, GraphTensor EpsilonHat)? shared)
    {
        if (_adam is { } a)
        {
            var m = g.Add(g.Mul(g.Scalar(a.Beta1), states[0]), g.Mul(g.Scalar(1 - a.Beta1), gradient));
            var v = g.Add(g.Mul(g.Scalar(a.Beta2), states[1]), g.Mul(g.Scalar(1 - a.Beta2), g.Mul(gradient, gradient)));

            // θ − α·m̂/(√v̂ + ε) = θ − [α·√(1−β₂ᵗ)/(1−β₁ᵗ)]·m/(√v + ε·√(1−β₂ᵗ)); the bracket and ε·√(1−β₂ᵗ) are scalars.
            var step = g.Div(g.Mul(shared!.Value.StepSize, m), g.Add(g.Sqrt(v), shared.Value.EpsilonHat));
            var updated = g.Sub(parameter, step);
            if (a.WeightDecay > 0)
            {
                updated = g.Sub(updated, g.Mul(g.Mul(learningRate, g.Scalar(a.WeightDecay)), parameter));
            }

            return (updated, [m, v]);
        }

        var s = _sgd!;
        var grad = s.WeightDecay > 0 ? g.Add(gradient, g.Mul(g.Scalar(s.WeightDecay), parameter)) : gradient;
        if (s.Momentum > 0)
        {
            var velocity = g.Add(g.Mul(g.Scalar(s.Momentum), states[0]), grad);
            return (g.Sub(parameter, g.Mul(learningRate, velocity)), [velocity]);
        }

        return (g.Sub(parameter, g.Mul(learningRate, grad)), []);
    }

    /// <summary>Adam: appends the scalars shared by every parameter's update; SGD: returns null.</summary>
    internal (GraphTensor StepSize, GraphTensor EpsilonHat)? SharedScalars(ModelGraph g, GraphTensor learningRate, GraphTensor stepCount)
    {
        if (_adam is not { } a)
        {
            return null;
        }

        var one = g.Scalar(1);
        var c1 = g.Sub(one, g.Pow(g.Scalar(a.Beta1), stepCount));
        var c2 = g.Sqrt(g.Sub(one, g.Pow(g.Scalar(a.Beta2), stepCount)));
        return (g.Div(g.Mul(learningRate, c2), c1), g.Mul(g.Scalar(a.Epsilon), c2));
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Expected a finite value greater than 0.");
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Expected a finite value of 0 or more.");
        }
    }

    private static void UnitInterval(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "Expected a value in [0, 1).");
        }
    }
}
