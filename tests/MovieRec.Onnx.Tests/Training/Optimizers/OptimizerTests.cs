using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Tests.Training.Optimizers;

/// <summary>Optimizer updates run as graph nodes, checked against the update rules computed by hand.</summary>
[TestFixture]
public sealed class OptimizerTests
{
    private static readonly double[] s_theta = [0.5, -1.0, 2.0];
    private static readonly double[] s_gradient = [0.3, -2.0, 0.01];

    [Test]
    public void Adam_TwoSteps_MatchTheBiasCorrectedRule()
    {
        var options = new AdamOptions { LearningRate = 0.1, Beta1 = 0.8, Beta2 = 0.9, Epsilon = 1e-3, WeightDecay = 0.05 };
        var actual = Run(Optimizer.Adam(options), steps: 2);

        var theta = (double[])s_theta.Clone();
        var m = new double[3];
        var v = new double[3];
        for (int t = 1; t <= 2; t++)
        {
            for (int i = 0; i < 3; i++)
            {
                double g = s_gradient[i];
                m[i] = (options.Beta1 * m[i]) + ((1 - options.Beta1) * g);
                v[i] = (options.Beta2 * v[i]) + ((1 - options.Beta2) * g * g);
                double mHat = m[i] / (1 - Math.Pow(options.Beta1, t));
                double vHat = v[i] / (1 - Math.Pow(options.Beta2, t));
                theta[i] -= (options.LearningRate * mHat / (Math.Sqrt(vHat) + options.Epsilon)) + (options.LearningRate * options.WeightDecay * theta[i]);
            }
        }

        Assert.That(actual, Is.EqualTo(theta).Within(1e-12));
    }

    [Test]
    public void SgdWithMomentumAndWeightDecay_ThreeSteps_MatchTheRule()
    {
        var options = new SgdOptions { LearningRate = 0.1, Momentum = 0.9, WeightDecay = 0.01 };
        var actual = Run(Optimizer.Sgd(options), steps: 3);

        var theta = (double[])s_theta.Clone();
        var velocity = new double[3];
        for (int t = 0; t < 3; t++)
        {
            for (int i = 0; i < 3; i++)
            {
                double g = s_gradient[i] + (options.WeightDecay * theta[i]);
                velocity[i] = (options.Momentum * velocity[i]) + g;
                theta[i] -= options.LearningRate * velocity[i];
            }
        }

        Assert.That(actual, Is.EqualTo(theta).Within(1e-12));
    }

    [Test]
    public void PlainSgd_KeepsNoState()
    {
        var actual = Run(Optimizer.Sgd(0.5), steps: 1);

        Assert.That(actual, Is.EqualTo(s_theta.Zip(s_gradient, (t, g) => t - (0.5 * g))).Within(1e-12));
    }

    [Test]
    public void Options_HaveTheDocumentedDefaults()
    {
        var adam = new AdamOptions();
        var sgd = new SgdOptions();

        Assert.Multiple(() =>
        {
            Assert.That(adam.LearningRate, Is.EqualTo(1e-3));
            Assert.That(adam.Beta1, Is.EqualTo(0.9));
            Assert.That(adam.Beta2, Is.EqualTo(0.999));
            Assert.That(adam.Epsilon, Is.EqualTo(1e-8));
            Assert.That(adam.WeightDecay, Is.Zero);
            Assert.That(sgd.LearningRate, Is.EqualTo(0.01));
            Assert.That(sgd.Momentum, Is.Zero);
            Assert.That(Optimizer.Adam().ToString(), Does.StartWith("Adam(lr=0.001"));
        });
    }

    [Test]
    public void BadSettings_AreRejectedNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Optimizer.Adam(new AdamOptions { Beta2 = 1.0 }));

        Assert.That(error!.ParamName, Is.EqualTo("Beta2"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimizer.Sgd(-1));
    }

    /// <summary>loss = Σᵢ θᵢ·gᵢ, so ∂loss/∂θ = g exactly; runs a few steps and returns θ.</summary>
    private static double[] Run(Optimizer optimizer, int steps)
    {
        var g = ModelGraph.Create("opt", floatType: OnnxElementType.Double);
        var theta = g.Parameter("theta", ParameterInit.Zeros, 3);
        var c = g.Input("c", OnnxElementType.Double, "N", 3);
        var loss = g.ReduceSum(g.ReduceMean(g.Mul(c, theta), [0]), []);
        var data = TrainingData.Create(1).Add("c", (double[])s_gradient.Clone(), 3);
        using var trainer = Trainer.Create(g, loss, optimizer, new DeepTrainingOptions { NumberOfThreads = 1 });
        trainer.SetParameter("theta", s_theta);
        for (int i = 0; i < steps; i++)
        {
            trainer.TrainStep(data, [0], optimizer.LearningRate);
        }

        return trainer.GetParameter("theta");
    }
}
