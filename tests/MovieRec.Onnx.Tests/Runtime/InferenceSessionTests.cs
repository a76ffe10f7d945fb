using System.Collections.Concurrent;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

public sealed class InferenceSessionTests
{
    private const float Tolerance = 1e-4f;
    private static readonly ScoringModel s_model = TestModels.Scoring(vocabulary: 50, dimension: 8, hiddenSize: 6, seed: 11);
    private static readonly SessionOptions s_singleThread = new() { IntraOpThreads = 1, InterOpThreads = 1 };

    [Test]
    public void Describes_inputs_and_outputs_with_symbolic_batch_dimension()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);

        Assert.That(session.InputNames, Is.EqualTo(new[] { "ids" }));
        Assert.That(session.OutputNames, Is.EqualTo(new[] { "score", "hidden" }));
        var ids = session.Inputs[0];
        Assert.That(ids.ElementType, Is.EqualTo(OrtElementType.Int64));
        Assert.That(ids.Shape, Is.EqualTo(new long[] { -1 }));
        Assert.That(ids.SymbolicDimensions, Is.EqualTo(new[] { "batch" }));
        var hidden = session.Outputs[1];
        Assert.That(hidden.ElementType, Is.EqualTo(OrtElementType.Float));
        Assert.That(hidden.Shape, Is.EqualTo(new long[] { -1, s_model.HiddenSize }));
        Assert.That(hidden.SymbolicDimensions, Is.EqualTo(new[] { "batch", string.Empty }));
        Assert.That(hidden.ToString(), Is.EqualTo("hidden: Float[batch, 6]"));
        Assert.That(session.ExecutionProvider, Is.EqualTo(ExecutionProvider.Cpu));
        Assert.That(session.FallbackReason, Is.Null);
    }

    [Test]
    public void Gather_MatMul_Add_Relu_ReduceSum_matches_a_reference_computed_in_CSharp()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        var ids = s_model.RandomIds(37, seed: 3);
        var (expectedScore, expectedHidden) = s_model.Reference(ids);
        using var input = OrtTensor.Create(ids, ids.Length);

        var outputs = session.Run(new Dictionary<string, OrtTensor> { ["ids"] = input });
        try
        {
            Assert.That(outputs, Has.Length.EqualTo(2));
            Assert.That(outputs[0].Shape.ToArray(), Is.EqualTo(new long[] { ids.Length }));
            Assert.That(outputs[1].Shape.ToArray(), Is.EqualTo(new long[] { ids.Length, s_model.HiddenSize }));
            Assert.That(outputs[0].ToArray<float>(), Is.EqualTo(expectedScore).Within(Tolerance));
            Assert.That(outputs[1].ToArray<float>(), Is.EqualTo(expectedHidden).Within(Tolerance));
            Assert.That(expectedHidden, Has.Some.EqualTo(0f), "the test data should exercise the relu's zero branch");
        }
        finally
        {
            foreach (var output in outputs)
            {
                output.Dispose();
            }
        }
    }

    [Test]
    public void Returns_only_the_outputs_asked_for_in_the_order_asked()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        var ids = s_model.RandomIds(5, seed: 4);
        using var input = OrtTensor.Create(ids, ids.Length);

        var outputs = session.Run(new Dictionary<string, OrtTensor> { ["ids"] = input }, ["hidden"]);
        using var hidden = outputs.Single();

        Assert.That(hidden.Shape.ToArray(), Is.EqualTo(new long[] { 5, s_model.HiddenSize }));
        Assert.That(hidden.ToArray<float>(), Is.EqualTo(s_model.Reference(ids).Hidden).Within(Tolerance));
    }

    [Test]
    public void Preallocated_outputs_are_written_in_place_with_the_same_values()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        var ids = s_model.RandomIds(16, seed: 5);
        var score = new float[ids.Length];
        var hidden = new float[ids.Length * s_model.HiddenSize];
        using var input = OrtTensor.Create(ids, ids.Length);
        using var scoreTensor = OrtTensor.Create(score, ids.Length);
        using var hiddenTensor = OrtTensor.Create(hidden, ids.Length, s_model.HiddenSize);

        session.Run(
            new Dictionary<string, OrtTensor> { ["ids"] = input },
            new Dictionary<string, OrtTensor> { ["score"] = scoreTensor, ["hidden"] = hiddenTensor });

        var (expectedScore, expectedHidden) = s_model.Reference(ids);
        Assert.That(score, Is.EqualTo(expectedScore).Within(Tolerance), "the caller's array receives the output");
        Assert.That(hidden, Is.EqualTo(expectedHidden).Within(Tolerance));

        // The input array is shared too: change it in place and run again.
        Array.Reverse(ids);
        session.Run(new Dictionary<string, OrtTensor> { ["ids"] = input }, new Dictionary<string, OrtTensor> { ["score"] = scoreTensor });
        Assert.That(score, Is.EqualTo(s_model.Reference(ids).Score).Within(Tolerance));
    }

    [Test]
    public void Run_with_preallocated_outputs_allocates_no_managed_memory_per_call()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var input = OrtTensor.Create(s_model.RandomIds(8, seed: 12), 8);
        using var score = OrtTensor.Allocate<float>(8);
        var inputs = new Dictionary<string, OrtTensor> { ["ids"] = input };
        var outputs = new Dictionary<string, OrtTensor> { ["score"] = score };
        for (var i = 0; i < 200; i++)
        {
            session.Run(inputs, outputs);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            session.Run(inputs, outputs);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Sixteen_threads_running_one_session_get_correct_results()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        const int Threads = 16;
        const int RunsPerThread = 25;
        var failures = new ConcurrentBag<string>();
        using var start = new Barrier(Threads);

        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                var ids = s_model.RandomIds(8 + t, seed: 100 + t);
                var expected = s_model.Reference(ids).Score;
                using var input = OrtTensor.Create(ids, ids.Length);
                using var preallocated = OrtTensor.Allocate<float>(ids.Length);
                var inputs = new Dictionary<string, OrtTensor> { ["ids"] = input };
                var outputs = new Dictionary<string, OrtTensor> { ["score"] = preallocated };
                start.SignalAndWait();
                for (var run = 0; run < RunsPerThread; run++)
                {
                    var returned = session.Run(inputs, ["score"]);
                    using (returned[0])
                    {
                        Check(returned[0].ToArray<float>(), expected, t, run, "returned");
                    }

                    session.Run(inputs, outputs);
                    Check(preallocated.ToArray<float>(), expected, t, run, "preallocated");
                }
            }
            catch (Exception exception)
            {
                failures.Add($"thread {t}: {exception}");
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.That(failures, Is.Empty);

        void Check(float[] actual, float[] expected, int thread, int run, string kind)
        {
            for (var i = 0; i < expected.Length; i++)
            {
                if (Math.Abs(actual[i] - expected[i]) > Tolerance)
                {
                    failures.Add($"thread {thread} run {run} ({kind}): element {i} is {actual[i]}, expected {expected[i]}");
                    return;
                }
            }
        }
    }

    [Test]
    public void Runs_bool_tensors()
    {
        using var session = InferenceSession.FromBytes(TestModels.Masking(), s_singleThread);
        bool[] mask = [true, false, true, false];
        float[] x = [1.5f, 2.5f, -3f, 4f];
        using var maskTensor = OrtTensor.Create(mask, mask.Length);
        using var xTensor = OrtTensor.Create(x, x.Length);

        var outputs = session.Run(new Dictionary<string, OrtTensor> { ["mask"] = maskTensor, ["x"] = xTensor });
        using var y = outputs[0];
        using var inverted = outputs[1];

        Assert.That(y.ToArray<float>(), Is.EqualTo(new[] { 1.5f, 0f, -3f, 0f }));
        Assert.That(inverted.ElementType, Is.EqualTo(OrtElementType.Bool));
        Assert.That(inverted.ToArray<bool>(), Is.EqualTo(new[] { false, true, false, true }));
    }

    [Test]
    public void Loads_a_model_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"movierec-session-test-{Environment.ProcessId}.onnx");
        File.WriteAllBytes(path, s_model.Bytes);
        try
        {
            using var session = InferenceSession.FromFile(path, s_singleThread);
            Assert.That(session.OutputNames, Is.EqualTo(new[] { "score", "hidden" }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_missing_model_file_throws_FileNotFoundException_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "movierec-no-such-model.onnx");

        var exception = Assert.Throws<FileNotFoundException>(() => InferenceSession.FromFile(path));
        Assert.That(exception!.Message, Does.Contain(path));
    }

    [Test]
    public void Truncated_model_bytes_throw_OnnxRuntimeException_with_the_runtime_code()
    {
        var truncated = s_model.Bytes.AsSpan(0, s_model.Bytes.Length / 2).ToArray();

        var exception = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.FromBytes(truncated));
        Assert.That(exception!.ErrorCode, Is.EqualTo(OrtErrorCode.InvalidProtobuf));
        Assert.That(exception.Message, Does.Contain("protobuf parsing failed"));
        Assert.That(exception.Message, Does.Contain("bytes"));
    }

    [Test]
    public void Random_bytes_as_a_model_throw_OnnxRuntimeException()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);

        var exception = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.FromBytes(bytes));
        Assert.That(exception!.ErrorCode, Is.Not.EqualTo(OrtErrorCode.Ok));
        Assert.That(exception.Details, Is.Not.Empty);
    }

    [Test]
    public void Empty_model_bytes_throw_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => InferenceSession.FromBytes([]));
    }

    [Test]
    public void A_tensor_of_the_wrong_element_type_is_rejected_naming_the_input()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var wrong = OrtTensor.Create(new float[4], 4);

        var exception = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OrtTensor> { ["ids"] = wrong }));
        Assert.That(exception!.Message, Does.Contain("'ids'").And.Contain("Int64").And.Contain("Float"));
    }

    [Test]
    public void A_tensor_of_the_wrong_rank_or_dimension_is_rejected_naming_the_input()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var matrix = OrtTensor.Create(new long[4], 2, 2);
        using var ids = OrtTensor.Create(new long[3], 3);
        using var badHidden = OrtTensor.Create(new float[3 * 5], 3, 5);
        var inputs = new Dictionary<string, OrtTensor> { ["ids"] = ids };

        var rank = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OrtTensor> { ["ids"] = matrix }));
        Assert.That(rank!.Message, Does.Contain("'ids'").And.Contain("[batch]").And.Contain("[2, 2]"));
        var dimension = Assert.Throws<ArgumentException>(() => session.Run(inputs, new Dictionary<string, OrtTensor> { ["hidden"] = badHidden }));
        Assert.That(dimension!.Message, Does.Contain("'hidden'").And.Contain("[batch, 6]").And.Contain("[3, 5]"));
    }

    [Test]
    public void Missing_and_unknown_names_are_rejected()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var ids = OrtTensor.Create(new long[3], 3);

        var missing = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OrtTensor>()));
        Assert.That(missing!.Message, Does.Contain("Missing input").And.Contain("ids"));
        var unknown = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OrtTensor> { ["ids"] = ids, ["items"] = ids }));
        Assert.That(unknown!.Message, Does.Contain("'items'").And.Contain("ids: Int64[batch]"));
        var unknownOutput = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OrtTensor> { ["ids"] = ids }, ["rating"]));
        Assert.That(unknownOutput!.Message, Does.Contain("'rating'").And.Contain("score"));
        Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OrtTensor> { ["ids"] = ids }, ["score", "score"]));
    }

    [Test]
    public void Out_of_range_ids_fail_inside_the_runtime_with_its_error_code()
    {
        using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var ids = OrtTensor.Create(new long[] { 0, s_model.Vocabulary + 5 }, 2);

        var exception = Assert.Throws<OnnxRuntimeException>(() => session.Run(new Dictionary<string, OrtTensor> { ["ids"] = ids }));
        Assert.That(exception!.ErrorCode, Is.Not.EqualTo(OrtErrorCode.Ok));
        Assert.That(exception.Message, Does.Contain("out of bounds").IgnoreCase.Or.Contain("indices").IgnoreCase);
    }

    [Test]
    public void Use_after_dispose_throws_ObjectDisposedException_and_double_dispose_is_harmless()
    {
        var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread);
        using var ids = OrtTensor.Create(new long[3], 3);
        var disposedTensor = OrtTensor.Create(new long[3], 3);
        disposedTensor.Dispose();
        disposedTensor.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run(new Dictionary<string, OrtTensor> { ["ids"] = disposedTensor }));
        session.Dispose();
        session.Dispose();

        Assert.That(session.IsDisposed, Is.True);
        Assert.Throws<ObjectDisposedException>(() => session.Run(new Dictionary<string, OrtTensor> { ["ids"] = ids }));
        Assert.Throws<ObjectDisposedException>(() => session.CreateIoBinding());
    }

    [Test]
    public void A_CUDA_request_runs_on_the_CPU_when_CUDA_cannot_be_enabled_and_says_why()
    {
        var messages = new ConcurrentQueue<string>();
        var environment = OrtEnvironment.Instance;
        environment.LogSink = (_, _, message) => messages.Enqueue(message);
        try
        {
            using var session = InferenceSession.FromBytes(s_model.Bytes, s_singleThread with { ExecutionProvider = ExecutionProvider.Cuda(0) });
            var ids = s_model.RandomIds(6, seed: 9);
            using var input = OrtTensor.Create(ids, ids.Length);
            var outputs = session.Run(new Dictionary<string, OrtTensor> { ["ids"] = input }, ["score"]);
            using var score = outputs[0];
            Assert.That(score.ToArray<float>(), Is.EqualTo(s_model.Reference(ids).Score).Within(Tolerance));

            if (session.FallbackReason is null)
            {
                Assert.That(session.ExecutionProvider, Is.EqualTo(ExecutionProvider.Cuda(0)), "a session without fallback runs on the GPU");
            }
            else
            {
                Assert.That(session.ExecutionProvider, Is.EqualTo(ExecutionProvider.Cpu));
                Assert.That(session.FallbackReason, Is.Not.Empty);
                Assert.That(messages, Has.Some.Contains("CUDA:0").And.Contains("CPU"));
            }
        }
        finally
        {
            environment.LogSink = null;
        }
    }
}
