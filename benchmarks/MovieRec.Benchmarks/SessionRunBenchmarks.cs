using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Benchmarks;

/// <summary>
/// Per-call cost of ONNX Runtime's <c>Run</c> (outputs returned, or written into preallocated tensors) and
/// <c>RunWithBinding</c> for a batch of 256 through <see cref="ScoringGraph"/>, with 1 and 2 intra-op threads.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/MovieRec.Benchmarks -- --filter '*SessionRunBenchmarks*' --job short</c>.
/// Figures are in benchmarks/README.md.
/// </remarks>
[MemoryDiagnoser]
public class SessionRunBenchmarks
{
    private const int Batch = 256;

    private OnnxSession _session = null!;
    private RunOptions _runOptions = null!;
    private PinnedTensor _ids = null!;
    private PinnedTensor _score = null!;
    private OrtIoBinding _binding = null!;
    private string[] _inputNames = null!;
    private OrtValue[] _inputs = null!;
    private string[] _outputNames = null!;
    private OrtValue[] _outputs = null!;

    [Params(1, 2)]
    public int IntraOpThreads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _session = ScoringGraph.CreateSession(IntraOpThreads);
        _runOptions = new RunOptions();
        _ids = PinnedTensor.Allocate<long>(Batch);
        ScoringGraph.RandomIds(Batch, seed: 7).CopyTo(_ids.GetSpan<long>());
        _score = PinnedTensor.Allocate<float>(Batch);
        _inputNames = ["ids"];
        _inputs = [_ids.Value];
        _outputNames = ["score"];
        _outputs = [_score.Value];
        _binding = _session.CreateIoBinding();
        _binding.BindInput("ids", _ids.Value);
        _binding.BindOutput("score", _score.Value);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _binding.Dispose();
        _score.Dispose();
        _ids.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>Run returning a new output value (allocated by ONNX Runtime, released here).</summary>
    [Benchmark]
    public float ReturnedOutputs()
    {
        using var outputs = _session.Run(_runOptions, _inputNames, _inputs, _outputNames);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    /// <summary>Run writing into a preallocated output tensor.</summary>
    [Benchmark(Baseline = true)]
    public float PreallocatedOutputs()
    {
        _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);
        return _score.GetSpan<float>()[0];
    }

    /// <summary>Run through an IoBinding with input and output bound once.</summary>
    [Benchmark]
    public float IoBinding()
    {
        _session.RunWithBinding(_runOptions, _binding);
        return _score.GetSpan<float>()[0];
    }
}
