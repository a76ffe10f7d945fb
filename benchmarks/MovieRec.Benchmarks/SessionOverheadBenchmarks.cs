using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Benchmarks;

/// <summary>The fixed cost of one run, measured on a graph that only copies one float.</summary>
[MemoryDiagnoser]
public class SessionOverheadBenchmarks
{
    private OnnxSession _session = null!;
    private RunOptions _runOptions = null!;
    private PinnedTensor _x = null!;
    private PinnedTensor _y = null!;
    private OrtIoBinding _binding = null!;
    private string[] _inputNames = null!;
    private OrtValue[] _inputs = null!;
    private string[] _outputNames = null!;
    private OrtValue[] _outputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = OnnxSession.Create(ScoringGraph.BuildIdentity(), new OnnxSessionOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 });
        _runOptions = new RunOptions();
        _x = PinnedTensor.Allocate<float>(1);
        _x.GetSpan<float>()[0] = 1f;
        _y = PinnedTensor.Allocate<float>(1);
        _inputNames = ["x"];
        _inputs = [_x.Value];
        _outputNames = ["y"];
        _outputs = [_y.Value];
        _binding = _session.CreateIoBinding();
        _binding.BindInput("x", _x.Value);
        _binding.BindOutput("y", _y.Value);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _binding.Dispose();
        _y.Dispose();
        _x.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>Run with a preallocated output.</summary>
    [Benchmark(Baseline = true)]
    public void PreallocatedOutputs() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    /// <summary>Run through an IoBinding.</summary>
    [Benchmark]
    public void IoBinding() => _session.RunWithBinding(_runOptions, _binding);
}
