using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

/// <summary>The pinned tensors the trainer and the NCF scorer bind once and then reuse.</summary>
public sealed class PinnedTensorTests
{
    [Test]
    public void Bound_once_the_runtime_reads_new_inputs_and_writes_outputs_in_place()
    {
        using var bound = new BoundScoring(batch: 10);

        foreach (int seed in new[] { 1, 2, 3 })
        {
            var batch = bound.Model.RandomIds(10, seed);
            batch.CopyTo(bound.Ids.GetSpan<long>());
            bound.Run();
            var (expectedScore, expectedHidden) = bound.Model.Reference(batch);
            Assert.Multiple(() =>
            {
                Assert.That(bound.Score.GetSpan<float>().ToArray(), Is.EqualTo(expectedScore).Within(1e-4f), $"batch {seed}");
                Assert.That(bound.Hidden.GetSpan<float>().ToArray(), Is.EqualTo(expectedHidden).Within(1e-4f), $"batch {seed}");
            });
        }
    }

    [Test]
    public void Runs_with_a_binding_allocate_no_managed_memory()
    {
        using var bound = new BoundScoring(batch: 16);
        bound.Run();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            bound.Ids.GetSpan<long>()[0] = i % 20;
            bound.Run();
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Describes_its_element_type_shape_and_size_and_runs_bool_tensors()
    {
        using var mask = PinnedTensor.Allocate<bool>(4);
        using var x = PinnedTensor.Allocate<float>(4);
        using var y = PinnedTensor.Allocate<float>(4);
        using var inverted = PinnedTensor.Allocate<bool>(4);
        bool[] pattern = [true, false, false, true];
        pattern.CopyTo(mask.GetSpan<bool>());
        new float[] { 1, 2, 3, 4 }.CopyTo(x.GetSpan<float>());
        using var session = TestSessions.Open(TestModels.Masking());
        using var binding = session.CreateIoBinding();
        using var runOptions = new RunOptions();
        binding.BindInput("mask", mask.Value);
        binding.BindInput("x", x.Value);
        binding.BindOutput("y", y.Value);
        binding.BindOutput("inverted", inverted.Value);

        session.RunWithBinding(runOptions, binding);

        Assert.Multiple(() =>
        {
            Assert.That(mask.ElementType, Is.EqualTo(TensorElementType.Bool));
            Assert.That(x.Shape.ToArray(), Is.EqualTo(new long[] { 4 }));
            Assert.That(x.ElementCount, Is.EqualTo(4));
            Assert.That(y.GetSpan<float>().ToArray(), Is.EqualTo(new float[] { 1, 0, 0, 4 }));
            Assert.That(inverted.GetSpan<bool>().ToArray(), Is.EqualTo(new[] { false, true, true, false }));
            Assert.Throws<InvalidCastException>(() => x.GetSpan<double>());
        });
    }

    [Test]
    public void A_scalar_has_one_element()
    {
        using var scalar = PinnedTensor.Allocate<double>();

        Assert.That(scalar.ElementCount, Is.EqualTo(1));
    }

    /// <summary>The scoring test model with its input and both outputs bound once to pinned tensors.</summary>
    private sealed class BoundScoring : IDisposable
    {
        private readonly OnnxSession _session;
        private readonly OrtIoBinding _binding;
        private readonly RunOptions _runOptions = new();

        public BoundScoring(int batch)
        {
            Model = TestModels.Scoring(vocabulary: 20, dimension: 4, hiddenSize: 3, seed: 5);
            _session = TestSessions.Open(Model.Bytes);
            Ids = PinnedTensor.Allocate<long>(batch);
            Score = PinnedTensor.Allocate<float>(batch);
            Hidden = PinnedTensor.Allocate<float>(batch, 3);
            _binding = _session.CreateIoBinding();
            _binding.BindInput("ids", Ids.Value);
            _binding.BindOutput("score", Score.Value);
            _binding.BindOutput("hidden", Hidden.Value);
        }

        public ScoringModel Model { get; }

        public PinnedTensor Ids { get; }

        public PinnedTensor Score { get; }

        public PinnedTensor Hidden { get; }

        public void Run() => _session.RunWithBinding(_runOptions, _binding);

        public void Dispose()
        {
            _binding.Dispose();
            _runOptions.Dispose();
            Ids.Dispose();
            Score.Dispose();
            Hidden.Dispose();
            _session.Dispose();
        }
    }
}
