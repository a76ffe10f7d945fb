using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

public sealed class OrtIoBindingTests
{
    private const float Tolerance = 1e-4f;
    private static readonly ScoringModel s_model = TestModels.Scoring(vocabulary: 50, dimension: 8, hiddenSize: 6, seed: 11);
    private static readonly SessionOptions s_singleThread = new() { IntraOpThreads = 1, InterOpThreads = 1 };

    [Test]
    public void gives_the_same_values_as_Run_and_reuses_its_tensors()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        var ids = s_model.RandomIds(16, seed: 6);
        using var input = OrtTensor.Create(ids, ids.Length);
        using var score = OrtTensor.Allocate<float>(ids.Length);
        using var binding = session.CreateIoBinding();
        binding.BindInput("ids", input);
        binding.BindOutput("score", score);

        binding.Run();
        Assert.That(score.ToArray<float>(), Is.EqualTo(s_model.Reference(ids).Score).Within(Tolerance));

        var next = s_model.RandomIds(16, seed: 7);
        next.CopyTo(ids, 0);
        session.Run(binding);
        Assert.That(score.ToArray<float>(), Is.EqualTo(s_model.Reference(next).Score).Within(Tolerance));
    }

    [Test]
    public void keeps_a_bound_tensor_usable_after_the_caller_disposes_it()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        var ids = s_model.RandomIds(8, seed: 8);
        var input = OrtTensor.Create(ids, ids.Length);
        using var score = OrtTensor.Allocate<float>(ids.Length);
        using var binding = session.CreateIoBinding();
        binding.BindInput("ids", input);
        binding.BindOutput("score", score);
        input.Dispose();

        binding.Run();

        Assert.That(input.IsDisposed, Is.True);
        Assert.That(score.ToArray<float>(), Is.EqualTo(s_model.Reference(ids).Score).Within(Tolerance));
    }

    [Test]
    public void with_an_unbound_input_throws_naming_it()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var score = OrtTensor.Allocate<float>(4);
        using var binding = session.CreateIoBinding();
        binding.BindOutput("score", score);

        var exception = Assert.Throws<ArgumentException>(binding.Run);
        Assert.That(exception!.Message, Does.Contain("ids"));

        using var other = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        Assert.Throws<ArgumentException>(() => other.Run(binding));
    }

    [Test]
    public void Run_allocates_no_managed_memory_per_call()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var input = OrtTensor.Create(s_model.RandomIds(8, seed: 13), 8);
        using var score = OrtTensor.Allocate<float>(8);
        using var binding = session.CreateIoBinding();
        binding.BindInput("ids", input);
        binding.BindOutput("score", score);
        for (var i = 0; i < 200; i++)
        {
            binding.Run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            binding.Run();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Binding_checks_names_and_tensors_like_Run()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var binding = session.CreateIoBinding();
        using var floats = OrtTensor.Create(new float[3], 3);
        using var ids = OrtTensor.Create(new long[3], 3);

        Assert.Throws<ArgumentException>(() => binding.BindInput("ids", floats));
        Assert.Throws<ArgumentException>(() => binding.BindInput("items", ids));
        Assert.Throws<ArgumentException>(() => binding.BindOutput("hidden", floats));
        Assert.Throws<ArgumentException>(() => binding.BindOutput("rating", floats));
    }

    [Test]
    public void Cleared_inputs_must_be_bound_again()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var binding = session.CreateIoBinding();
        using var ids = OrtTensor.Create(new long[3], 3);
        using var score = OrtTensor.Allocate<float>(3);
        binding.BindInput("ids", ids);
        binding.BindOutput("score", score);
        binding.Run();

        binding.ClearBoundInputs();

        Assert.Throws<ArgumentException>(binding.Run);
        binding.BindInput("ids", ids);
        binding.ClearBoundOutputs();
        binding.BindOutput("score", score);
        Assert.DoesNotThrow(binding.Run);
    }

    [Test]
    public void Use_after_dispose_throws_and_double_dispose_is_harmless()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var ids = OrtTensor.Create(new long[3], 3);
        var binding = session.CreateIoBinding();
        binding.BindInput("ids", ids);

        binding.Dispose();
        binding.Dispose();

        Assert.That(binding.IsDisposed, Is.True);
        Assert.Throws<ObjectDisposedException>(binding.Run);
        Assert.Throws<ObjectDisposedException>(() => binding.BindInput("ids", ids));
        Assert.Throws<ObjectDisposedException>(binding.ClearBoundInputs);
    }

    [Test]
    public void A_binding_cannot_run_after_its_session_is_disposed()
    {
        var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var ids = OrtTensor.Create(new long[3], 3);
        using var score = OrtTensor.Allocate<float>(3);
        using var binding = session.CreateIoBinding();
        binding.BindInput("ids", ids);
        binding.BindOutput("score", score);

        session.Dispose();

        Assert.Throws<ObjectDisposedException>(binding.Run);
    }
}
