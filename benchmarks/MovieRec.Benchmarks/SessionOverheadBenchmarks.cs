using BenchmarkDotNet.Attributes;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Benchmarks;

/// <summary>
/// The fixed cost of one run (ONNX Runtime's plus the binding's argument checks and handle bookkeeping), measured
/// on a graph that only copies one float.
/// </summary>
[MemoryDiagnoser]
public class SessionOverheadBenchmarks
{
    private InferenceSession _session = null!;
    private OrtTensor _x = null!;
    private OrtTensor _y = null!;
    private OrtIoBinding _binding = null!;
    private Dictionary<string, OrtTensor> _inputs = null!;
    private Dictionary<string, OrtTensor> _outputs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = InferenceSession.FromBytes(ScoringGraph.BuildIdentity(), new SessionOptions { IntraOpThreads = 1, InterOpThreads = 1 });
        _x = OrtTensor.Create(new[] { 1f }, 1);
        _y = OrtTensor.Allocate<float>(1);
        _inputs = new Dictionary<string, OrtTensor> { ["x"] = _x };
        _outputs = new Dictionary<string, OrtTensor> { ["y"] = _y };
        _binding = _session.CreateIoBinding();
        _binding.BindInput("x", _x);
        _binding.BindOutput("y", _y);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _binding.Dispose();
        _y.Dispose();
        _x.Dispose();
        _session.Dispose();
    }

    /// <summary>Run with a preallocated output.</summary>
    [Benchmark(Baseline = true)]
    public void PreallocatedOutputs() => _session.Run(_inputs, _outputs);

    /// <summary>Run through an IoBinding.</summary>
    [Benchmark]
    public void IoBinding() => _binding.Run();
}
