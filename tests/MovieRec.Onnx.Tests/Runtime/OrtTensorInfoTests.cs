using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

public sealed class OrtTensorInfoTests
{
    [Test]
    public void Formats_fixed_named_and_unnamed_dimensions()
    {
        var info = new OrtTensorInfo("x", isTensor: true, OrtElementType.Float, [-1, 3, -1], ["batch", string.Empty, string.Empty]);

        Assert.That(info.Rank, Is.EqualTo(3));
        Assert.That(info.FormatShape(), Is.EqualTo("[batch, 3, ?]"));
        Assert.That(info.ToString(), Is.EqualTo("x: Float[batch, 3, ?]"));
    }

    [Test]
    public void Describes_a_value_that_is_not_a_tensor()
    {
        var info = new OrtTensorInfo("items", isTensor: false, OrtElementType.Undefined, [], []);

        Assert.That(info.IsTensor, Is.False);
        Assert.That(info.Shape, Is.Empty);
        Assert.That(info.ToString(), Is.EqualTo("items: (not a tensor)"));
    }
}
