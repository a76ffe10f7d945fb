using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Tests.Training.Graph;

[TestFixture]
public sealed class ParameterInitTests
{
    [Test]
    public void Constant_And_Uniform_StayInRange()
    {
        var g = ModelGraph.Create("init", seed: 1);
        var constant = g.InitialValues(g.Parameter("c", ParameterInit.Constant(0.25), 4));
        var uniform = g.InitialValues(g.Parameter("u", ParameterInit.Uniform(-0.5, 1.5), 1000));

        Assert.Multiple(() =>
        {
            Assert.That(constant, Is.All.EqualTo(0.25));
            Assert.That(uniform, Is.All.InRange(-0.5, 1.5));
            Assert.That(uniform.Average(), Is.EqualTo(0.5).Within(0.05));
        });
    }

    [Test]
    public void ParametersOfOneGraph_GetDifferentStreams()
    {
        var g = ModelGraph.Create("init", seed: 1);
        var a = g.InitialValues(g.Parameter("a", ParameterInit.Normal(1), 10));
        var b = g.InitialValues(g.Parameter("b", ParameterInit.Normal(1), 10));

        Assert.That(a, Is.Not.EqualTo(b));
    }

    [Test]
    public void BadSettings_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterInit.Normal(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterInit.Uniform(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterInit.XavierUniform(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterInit.Constant(double.NaN));
    }
}
