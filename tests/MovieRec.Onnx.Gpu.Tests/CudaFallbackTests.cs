using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Tests;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Gpu.Tests;

/// <summary>
/// The session factory with Microsoft.ML.OnnxRuntime.Gpu referenced. ONNX Runtime lists the CUDA provider whether or
/// not CUDA is installed, so each test checks what the machine actually allows: where CUDA cannot start, Auto falls
/// back to the CPU and Cuda fails, both naming the library that is missing; where it can, models run on the GPU and
/// agree with the CPU.
/// </summary>
public sealed partial class CudaFallbackTests
{
    private static readonly bool s_cuda = OnnxRuntimeInfo.TryStartCuda(0, out s_reason);
    private static readonly string? s_reason;

    [Test]
    public void The_GPU_package_lists_CUDA_and_MovieRec_reads_its_log()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OnnxRuntimeInfo.Version, Does.StartWith("1.32."));
            Assert.That(OnnxRuntimeInfo.ManagedVersion, Is.EqualTo(OnnxRuntimeInfo.Version), "managed API and native library agree");
            Assert.That(OnnxRuntimeInfo.AvailableProviders, Does.Contain("CUDAExecutionProvider"));
            Assert.That(OnnxRuntimeInfo.CapturesLog, Is.True, "the log callback is attached, so causes that ONNX Runtime only logs reach the user");
        });
    }

    [Test]
    public void Auto_runs_on_CUDA_or_falls_back_to_the_CPU_naming_the_missing_library()
    {
        byte[] model = ScoringModel();
        using var auto = OnnxSession.Create(model, new OnnxSessionOptions { IntraOpThreads = 1 });
        using var cpu = OnnxSession.Create(model, new OnnxSessionOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });
        long[] ids = [0, 3, 7, 9, 1];

        if (s_cuda)
        {
            Assert.Multiple(() =>
            {
                Assert.That(auto.Device, Is.EqualTo(ExecutionDevice.Cuda));
                Assert.That(auto.DeviceName, Is.EqualTo("CUDA:0"));
                Assert.That(auto.FallbackReason, Is.Null);
                Assert.That(Score(auto, ids), Is.EqualTo(Score(cpu, ids)).Within(1e-4f));
            });
        }
        else
        {
            Assert.Multiple(() =>
            {
                Assert.That(auto.Device, Is.EqualTo(ExecutionDevice.Cpu));
                Assert.That(auto.FallbackReason, Is.EqualTo(s_reason));
                Assert.That(auto.FallbackReason, Does.Match(MissingLibrary()), "the reason names the library that could not be loaded");
                Assert.That(Score(auto, ids), Is.EqualTo(Score(cpu, ids)));
            });
        }
    }

    [Test]
    public void Cuda_runs_there_or_fails_naming_the_missing_library()
    {
        byte[] model = ScoringModel();
        var options = new OnnxSessionOptions { Device = ExecutionDevice.Cuda, IntraOpThreads = 1 };

        if (s_cuda)
        {
            using var session = OnnxSession.Create(model, options);
            Assert.That(session.Device, Is.EqualTo(ExecutionDevice.Cuda));
        }
        else
        {
            var error = Assert.Throws<InvalidOperationException>(() => OnnxSession.Create(model, options));
            Assert.That(error!.Message, Does.StartWith("CUDA:0 was asked for but cannot be used: ").And.Match(MissingLibrary()));
        }
    }

    [Test]
    public void A_trainer_on_Auto_says_where_it_trained_and_learns_there()
    {
        var (graph, loss, data) = SmallRatingModel.Create(seed: 5, dropout: 0);
        using var trainer = Trainer.Create(graph, loss, Optimizer.Adam(new AdamOptions { LearningRate = 0.01 }), new DeepTrainingOptions { Epochs = 3, BatchSize = 32, NumberOfThreads = 1, Seed = 2 });
        var history = trainer.Fit(data);
        var exported = trainer.ExportModel();

        Assert.Multiple(() =>
        {
            Assert.That(trainer.Device, Is.EqualTo(s_cuda ? ExecutionDevice.Cuda : ExecutionDevice.Cpu));
            Assert.That(trainer.FallbackReason, s_cuda ? Is.Null : Does.Match(MissingLibrary()));
            Assert.That(exported.Metadata[Trainer.TrainingDeviceKey], Is.EqualTo(trainer.DeviceName));
            Assert.That(history.Epochs[^1].TrainingLoss, Is.LessThan(history.Epochs[0].TrainingLoss));
        });
    }

    /// <summary>A shared library file name: libcublasLt.so.13 on Linux, cublasLt64_13.dll on Windows.</summary>
    [GeneratedRegex(@"[\w.+-]+\.(so(\.\d+)*|dll|dylib)\b")]
    private static partial Regex MissingLibrary();

    private static float[] Score(InferenceSession session, long[] ids)
    {
        using var runOptions = new RunOptions();
        using var input = OrtValue.CreateTensorValueFromMemory(ids, [ids.Length]);
        using var results = session.Run(runOptions, ["ids"], [input], ["score"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>score = ReduceSum(Relu(Gather(embedding, ids))) over a 10 × 4 embedding.</summary>
    private static byte[] ScoringModel()
    {
        var g = new OnnxGraphBuilder("scoring");
        var ids = g.AddInput("ids", OnnxElementType.Int64, "batch");
        var embedding = g.AddInitializer("embedding", OnnxTensorData.FromFloats([.. Enumerable.Range(0, 40).Select(i => MathF.Sin(i))], 10, 4));
        var axes = g.AddInitializer("axes", OnnxTensorData.FromInt64s([1], 1));
        var hidden = g.AddNode("Relu", [g.AddNode("Gather", [embedding, ids], [OnnxAttribute.Int("axis", 0)])]);
        g.AddOutput(g.AddNode("ReduceSum", [hidden, axes], [OnnxAttribute.Int("keepdims", 0)], "score"), OnnxElementType.Float, "batch");
        return g.Build().ToBytes();
    }
}
