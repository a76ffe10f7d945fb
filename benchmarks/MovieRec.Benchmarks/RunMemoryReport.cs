using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Benchmarks;

/// <summary>
/// Runs <see cref="ScoringGraph"/> (batch 256) a million times per calling style and prints the process's resident
/// memory before and after, to show that runs leak neither native nor managed memory.
/// </summary>
/// <remarks>
/// Arguments: <c>[runs] [intraOpThreads]</c>, default 1,000,000 runs and 1 thread. Styles: Run returning new
/// tensors (native output values released each call), Run with preallocated outputs, IoBinding.
/// <para>Figures are in benchmarks/README.md.</para>
/// </remarks>
public static class RunMemoryReport
{
    private const int Batch = 256;

    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        using var session = ScoringGraph.CreateSession(threads);
        using var ids = PinnedTensor.Allocate<long>(Batch);
        ScoringGraph.RandomIds(Batch, seed: 7).CopyTo(ids.GetSpan<long>());
        using var score = PinnedTensor.Allocate<float>(Batch);
        using var binding = session.CreateIoBinding();
        using var runOptions = new RunOptions();
        binding.BindInput("ids", ids.Value);
        binding.BindOutput("score", score.Value);
        string[] inputNames = ["ids"];
        OrtValue[] inputs = [ids.Value];
        string[] outputNames = ["score"];
        OrtValue[] outputs = [score.Value];

        Console.WriteLine($"ONNX Runtime {OnnxRuntimeInfo.Version}; batch {Batch}; {runs:N0} runs per style; {threads} intra-op thread(s); {Environment.ProcessorCount} logical CPUs");
        Console.WriteLine($"{"style",-22} {"µs/run",8} {"RSS before MiB",15} {"RSS half-way",13} {"RSS after MiB",14} {"Δ MiB",7} {"managed Δ KiB",14} {"gen0 GCs",9}");
        Measure("returned outputs", () => session.Run(runOptions, inputNames, inputs, outputNames).Dispose());
        Measure("preallocated outputs", () => session.Run(runOptions, inputNames, inputs, outputNames, outputs));
        Measure("IoBinding", () => session.RunWithBinding(runOptions, binding));
        return 0;

        void Measure(string style, Action run)
        {
            for (var i = 0; i < 10_000; i++)
            {
                run();
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var rssBefore = ProcessMemory.ResidentMiB();
            var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
            var gen0Before = GC.CollectionCount(0);
            var rssHalfWay = 0.0;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                run();
                if (i == runs / 2)
                {
                    rssHalfWay = ProcessMemory.ResidentMiB();
                }
            }

            clock.Stop();
            var gen0 = GC.CollectionCount(0) - gen0Before;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var managedDelta = (GC.GetTotalMemory(forceFullCollection: true) - managedBefore) / 1024.0;
            var rssAfter = ProcessMemory.ResidentMiB();
            var perRun = clock.Elapsed.TotalMicroseconds / runs;
            Console.WriteLine($"{style,-22} {perRun,8:F2} {rssBefore,15:F1} {rssHalfWay,13:F1} {rssAfter,14:F1} {rssAfter - rssBefore,7:F1} {managedDelta,14:F1} {gen0,9}");
        }
    }
}
