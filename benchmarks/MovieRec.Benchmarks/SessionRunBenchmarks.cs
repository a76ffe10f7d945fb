using BenchmarkDotNet.Attributes;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Benchmarks;

/// <summary>
/// Per-call cost of <see cref="InferenceSession.Run(IReadOnlyDictionary{string, OrtTensor}, IReadOnlyList{string})"/>
/// and its in-place variants for a batch of 256 through <see cref="ScoringGraph"/>, with 1 and 2 intra-op threads.
/// </summary>
/// <remarks>
/// <para>Run: <c>dotnet run -c Release --project benchmarks/MovieRec.Benchmarks -- --filter '*SessionRunBenchmarks*' --job short</c>.</para>
/// <para>Measured with ONNX Runtime 1.30.0 on a 2-core machine shared with other jobs (load average about 5–7, so
/// absolute times are roughly twice an idle machine's): 1 thread, returned outputs 50.5 µs (272 B allocated),
/// preallocated outputs 49.7 µs (0 B), IoBinding 48.8 µs (0 B); 2 threads, 174 / 153 / 146 µs, because the second
/// thread competes with the other jobs. <see cref="SessionOverheadBenchmarks"/> puts the fixed cost of a run at
/// about 1.9 µs (Run with preallocated outputs) and 1.0 µs (IoBinding).</para>
/// </remarks>
[MemoryDiagnoser]
public class SessionRunBenchmarks
{
    private const int Batch = 256;

    private InferenceSession _session = null!;
    private OrtTensor _ids = null!;
    private OrtTensor _score = null!;
    private OrtIoBinding _binding = null!;
    private Dictionary<string, OrtTensor> _inputs = null!;
    private Dictionary<string, OrtTensor> _outputs = null!;
    private string[] _outputNames = null!;

    [Params(1, 2)]
    public int IntraOpThreads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _session = ScoringGraph.CreateSession(IntraOpThreads);
        _ids = OrtTensor.Create(ScoringGraph.RandomIds(Batch, seed: 7), Batch);
        _score = OrtTensor.Allocate<float>(Batch);
        _inputs = new Dictionary<string, OrtTensor> { ["ids"] = _ids };
        _outputs = new Dictionary<string, OrtTensor> { ["score"] = _score };
        _outputNames = ["score"];
        _binding = _session.CreateIoBinding();
        _binding.BindInput("ids", _ids);
        _binding.BindOutput("score", _score);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _binding.Dispose();
        _score.Dispose();
        _ids.Dispose();
        _session.Dispose();
    }

    /// <summary>Run returning a new output tensor (allocated by ONNX Runtime, released here).</summary>
    [Benchmark]
    public float ReturnedOutputs()
    {
        var outputs = _session.Run(_inputs, _outputNames);
        using var score = outputs[0];
        return score.GetSpan<float>()[0];
    }

    /// <summary>Run writing into a preallocated output tensor.</summary>
    [Benchmark(Baseline = true)]
    public float PreallocatedOutputs()
    {
        _session.Run(_inputs, _outputs);
        return _score.GetSpan<float>()[0];
    }

    /// <summary>Run through an IoBinding with input and output bound once.</summary>
    [Benchmark]
    public float IoBinding()
    {
        _binding.Run();
        return _score.GetSpan<float>()[0];
    }
}
