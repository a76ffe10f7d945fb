using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

/// <summary>The session factory on the CPU build of ONNX Runtime (Microsoft.ML.OnnxRuntime), as CI runs it.</summary>
public sealed class OnnxSessionTests
{
    private const float Tolerance = 1e-4f;
    private static readonly ScoringModel s_model = TestModels.Scoring(vocabulary: 30, dimension: 6, hiddenSize: 5, seed: 7);

    [Test]
    public void Cpu_session_computes_what_the_reference_computes()
    {
        using var session = OnnxSession.Create(s_model.Bytes, TestSessions.Cpu);
        var ids = s_model.RandomIds(64, seed: 3);
        var (score, hidden) = s_model.Reference(ids);
        using var input = TestSessions.Tensor(ids, ids.Length);

        var outputs = TestSessions.Run<float>(session, new Dictionary<string, OrtValue> { ["ids"] = input }, "score", "hidden");

        Assert.Multiple(() =>
        {
            Assert.That(session.Device, Is.EqualTo(ExecutionDevice.Cpu));
            Assert.That(session.DeviceName, Is.EqualTo("CPU"));
            Assert.That(session.FallbackReason, Is.Null, "the CPU was asked for: nothing fell back");
            Assert.That(outputs[0], Is.EqualTo(score).Within(Tolerance));
            Assert.That(outputs[1], Is.EqualTo(hidden).Within(Tolerance));
        });
    }

    [Test]
    public void Auto_without_the_GPU_package_runs_on_the_CPU_and_says_why()
    {
        using var session = OnnxSession.Create(s_model.Bytes, new OnnxSessionOptions { IntraOpThreads = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(session.Device, Is.EqualTo(ExecutionDevice.Cpu));
            Assert.That(session.CudaDeviceId, Is.EqualTo(-1));
            Assert.That(session.FallbackReason, Does.Contain("no CUDA execution provider").And.Contain("Microsoft.ML.OnnxRuntime.Gpu"));
        });
    }

    [Test]
    public void Cuda_without_the_GPU_package_fails_naming_the_package()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OnnxSession.Create(s_model.Bytes, new OnnxSessionOptions { Device = ExecutionDevice.Cuda, CudaDeviceId = 1 }));

        Assert.That(error!.Message, Does.StartWith("CUDA:1 was asked for but cannot be used: ").And.Contain("Microsoft.ML.OnnxRuntime.Gpu"));
    }

    [Test]
    public void Info_reports_the_official_1_32_runtime_and_why_CUDA_cannot_start()
    {
        bool cuda = OnnxRuntimeInfo.TryStartCuda(0, out string? reason);

        Assert.Multiple(() =>
        {
            Assert.That(OnnxRuntimeInfo.Version, Does.StartWith("1.32."));
            Assert.That(OnnxRuntimeInfo.ManagedVersion, Does.StartWith("1.32."));
            Assert.That(OnnxRuntimeInfo.AvailableProviders, Does.Contain("CPUExecutionProvider").And.Not.Contain("CUDAExecutionProvider"));
            Assert.That(cuda, Is.False);
            Assert.That(reason, Does.Contain("Microsoft.ML.OnnxRuntime.Gpu"));
        });
    }

    [TestCase(-1, 0, "CudaDeviceId")]
    [TestCase(0, -2, "IntraOpThreads")]
    [TestCase(0, 2000, "IntraOpThreads")]
    public void Out_of_range_options_are_rejected_naming_the_option(int cudaDevice, int threads, string option)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSession.Create(s_model.Bytes, new OnnxSessionOptions { CudaDeviceId = cudaDevice, IntraOpThreads = threads }));

        Assert.That(error!.Message, Does.StartWith(option + " = "));
    }

    [Test]
    public void An_undefined_device_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxSession.Create(s_model.Bytes, new OnnxSessionOptions { Device = (ExecutionDevice)7 }));

        Assert.That(error!.Message, Does.Contain("expected Auto, Cpu or Cuda"));
    }

    [Test]
    public void Empty_model_bytes_are_an_argument_error()
    {
        var error = Assert.Throws<ArgumentException>(() => OnnxSession.Create([], TestSessions.Cpu));

        Assert.That(error!.Message, Does.Contain("empty"));
    }

    [Test]
    public void Bytes_that_are_no_model_give_the_runtime_reason_in_one_sentence()
    {
        var truncated = s_model.Bytes[..(s_model.Bytes.Length / 2)];

        var error = Assert.Throws<InvalidDataException>(() => OnnxSession.Create(truncated, TestSessions.Cpu));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith($"ONNX Runtime could not load the model ({truncated.Length:N0} bytes): "));
            Assert.That(error.InnerException, Is.InstanceOf<OnnxRuntimeException>());
        });
    }

    [Test]
    public void Sixteen_threads_running_one_session_get_correct_results()
    {
        using var session = OnnxSession.Create(s_model.Bytes, TestSessions.Cpu);
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
                using var input = TestSessions.Tensor(ids, ids.Length);
                var feeds = new Dictionary<string, OrtValue> { ["ids"] = input };
                start.SignalAndWait();
                for (var run = 0; run < RunsPerThread; run++)
                {
                    var actual = TestSessions.Run<float>(session, feeds, "score")[0];
                    for (var i = 0; i < expected.Length; i++)
                    {
                        if (Math.Abs(actual[i] - expected[i]) > Tolerance)
                        {
                            failures.Add($"thread {t} run {run}: element {i} is {actual[i]}, expected {expected[i]}");
                            break;
                        }
                    }
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
    }
}
