using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

public sealed class OrtTensorTests
{
    [Test]
    public void Wraps_an_array_without_copying()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        using var tensor = OrtTensor.Create(data, 2, 3);

        data[4] = 42;
        tensor.GetSpan<float>()[0] = -1;

        Assert.That(tensor.ElementType, Is.EqualTo(OrtElementType.Float));
        Assert.That(tensor.Shape.ToArray(), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(tensor.Rank, Is.EqualTo(2));
        Assert.That(tensor.ElementCount, Is.EqualTo(6));
        Assert.That(tensor.GetSpan<float>()[4], Is.EqualTo(42f));
        Assert.That(data[0], Is.EqualTo(-1f));
        Assert.That(tensor.ToString(), Is.EqualTo("Float[2, 3]"));
    }

    [Test]
    public void Wraps_a_slice_of_memory()
    {
        var data = new long[] { 9, 1, 2, 3, 9 };
        using var tensor = OrtTensor.Create(data.AsMemory(1, 3), 3);

        Assert.That(tensor.ToArray<long>(), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(tensor.ElementType, Is.EqualTo(OrtElementType.Int64));
    }

    [Test]
    public void Maps_each_supported_CSharp_type_to_its_element_type()
    {
        using var doubles = OrtTensor.Create(new double[1], 1);
        using var ints = OrtTensor.Create(new int[1], 1);
        using var bytes = OrtTensor.Create(new byte[1], 1);
        using var bools = OrtTensor.Create(new bool[1], 1);

        Assert.That(doubles.ElementType, Is.EqualTo(OrtElementType.Double));
        Assert.That(ints.ElementType, Is.EqualTo(OrtElementType.Int32));
        Assert.That(bytes.ElementType, Is.EqualTo(OrtElementType.UInt8));
        Assert.That(bools.ElementType, Is.EqualTo(OrtElementType.Bool));
    }

    [Test]
    public void A_scalar_has_an_empty_shape_and_one_element()
    {
        using var scalar = OrtTensor.Create(new[] { 2.5f });

        Assert.That(scalar.Rank, Is.Zero);
        Assert.That(scalar.ElementCount, Is.EqualTo(1));
        Assert.That(scalar.ToArray<float>(), Is.EqualTo(new[] { 2.5f }));
    }

    [Test]
    public void Allocate_gives_a_zeroed_tensor_of_the_shape()
    {
        using var tensor = OrtTensor.Allocate<long>(3, 4);

        Assert.That(tensor.ElementCount, Is.EqualTo(12));
        Assert.That(tensor.ToArray<long>(), Is.All.Zero);
        Assert.That(tensor.ElementType, Is.EqualTo(OrtElementType.Int64));
    }

    [Test]
    public void Rejects_a_length_that_does_not_match_the_shape()
    {
        var exception = Assert.Throws<ArgumentException>(() => OrtTensor.Create(new float[5], 2, 3));

        Assert.That(exception!.ParamName, Is.EqualTo("data"));
        Assert.That(exception.Message, Does.Contain("5").And.Contain("[2, 3]").And.Contain("6"));
    }

    [Test]
    public void Rejects_a_negative_dimension()
    {
        var exception = Assert.Throws<ArgumentException>(() => OrtTensor.Allocate<float>(2, -1));

        Assert.That(exception!.Message, Does.Contain("-1"));
    }

    [Test]
    public void Rejects_an_unsupported_element_type()
    {
        Assert.Throws<NotSupportedException>(() => OrtTensor.Create(new short[2], 2));
        Assert.Throws<ArgumentNullException>(() => OrtTensor.Create((float[])null!, 2));
    }

    [Test]
    public void Reading_as_the_wrong_type_throws()
    {
        using var tensor = OrtTensor.Create(new float[2], 2);

        var exception = Assert.Throws<InvalidOperationException>(() => tensor.GetSpan<long>());
        Assert.That(exception!.Message, Does.Contain("Float").And.Contain("Int64"));
    }

    [Test]
    public void Use_after_dispose_throws_and_double_dispose_is_harmless()
    {
        var tensor = OrtTensor.Create(new float[2], 2);

        tensor.Dispose();
        tensor.Dispose();

        Assert.That(tensor.IsDisposed, Is.True);
        Assert.Throws<ObjectDisposedException>(() => tensor.GetSpan<float>());
        Assert.Throws<ObjectDisposedException>(() => tensor.ToArray<float>());
    }
}
