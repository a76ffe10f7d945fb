using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests;

/// <summary>Runs small models in tests through the library's session factory, on the CPU with one thread (deterministic).</summary>
internal static class TestSessions
{
    public static OnnxSessionOptions Cpu { get; } = new() { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 };

    public static OnnxSession Open(byte[] model) => OnnxSession.Create(model, Cpu);

    public static OnnxSession Open(string path) => Open(File.ReadAllBytes(path));

    /// <summary>A tensor over <paramref name="data"/> (not copied: later writes to the array are seen by the runtime).</summary>
    public static OrtValue Tensor<T>(T[] data, params long[] shape)
        where T : unmanaged => OrtValue.CreateTensorValueFromMemory(data, shape);

    /// <summary>Runs the session and copies the outputs asked for (all of them when none is named), in order.</summary>
    public static T[][] Run<T>(InferenceSession session, IReadOnlyDictionary<string, OrtValue> feeds, params string[] outputs)
        where T : unmanaged
    {
        using var runOptions = new RunOptions();
        IReadOnlyCollection<string> names = outputs.Length == 0 ? session.OutputNames : outputs;
        using var results = session.Run(runOptions, feeds, names);
        return [.. results.Select(r => r.GetTensorDataAsSpan<T>().ToArray())];
    }

    /// <summary>Disposes every tensor of a feed dictionary.</summary>
    public static void Dispose(IReadOnlyDictionary<string, OrtValue> feeds)
    {
        foreach (var value in feeds.Values)
        {
            value.Dispose();
        }
    }
}
