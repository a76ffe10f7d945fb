using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Training;

/// <content>Scoring through the inference graph with the current weights: validation losses and predictions.</content>
public sealed partial class Trainer
{
    /// <summary>Computes the mean loss over some rows through the inference graph (dropout removed).</summary>
    /// <param name="data">Rows with every input the loss needs.</param>
    /// <returns>The loss, averaged over rows.</returns>
    public double Evaluate(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scorer = GetScorer(TrainingStepGraph.LossOutput, _loss);
        double sum = 0;
        scorer.Run(data, _options.BatchSize, (value, start, count) => sum += TensorBuffers.GetScalar(value) * count);
        return sum / data.RowCount;
    }

    /// <summary>Scores rows through the inference graph with the current weights ("training-time scoring").</summary>
    /// <param name="data">Rows with every input the output needs.</param>
    /// <param name="outputName">A named output of the graph.</param>
    /// <returns>The output values, row-major (rows × the output's per-row size).</returns>
    public double[] Predict(TrainingData data, string outputName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var output = _graph.Outputs.FirstOrDefault(o => o.Key == outputName);
        if (output.Value is null)
        {
            throw new ArgumentException($"Graph '{_graph.Name}' has no output '{outputName}'. Outputs: {string.Join(", ", _graph.Outputs.Select(o => o.Key))}.", nameof(outputName));
        }

        var scorer = GetScorer(outputName, output.Value);
        var result = new List<double>();
        scorer.Run(data, _options.BatchSize, (value, start, count) => result.AddRange(TensorBuffers.Read(value)));
        return [.. result];
    }

    private Scorer GetScorer(string outputName, GraphTensor output)
    {
        if (_scorers.TryGetValue(outputName, out var scorer) && scorer.Version == _weightsVersion)
        {
            return scorer;
        }

        // Scoring runs the inference graph with the current weights as initializers, exactly as
        // the exported model does (ONNX Runtime pre-packs constant weights, which can change the
        // last bits of a product, so parameters fed as inputs would not score bit-identically).
        scorer?.Dispose();
        _scorers.Remove(outputName);
        var emitted = GraphEmitter.Emit(_graph, [new(outputName, output)], EmitMode.Inference, CurrentValues());
        OnnxSession? session = OnnxSession.Create(emitted.Model.ToBytes(), _options.SessionOptions());
        try
        {
            scorer = new Scorer(session, emitted.Inputs, outputName, _weightsVersion);
            _scorers[outputName] = scorer;
            session = null;
        }
        finally
        {
            session?.Dispose();
        }

        return scorer;
    }

    /// <summary>An inference-mode session (weights as initializers) scoring data in batches.</summary>
    private sealed class Scorer(OnnxSession session, IReadOnlyList<GraphTensor> inputs, string outputName, long version) : IDisposable
    {
        private readonly RunOptions _runOptions = new();

        public long Version { get; } = version;

        public void Run(TrainingData data, int batchSize, Action<OrtValue, int, int> consume)
        {
            var columns = Columns(data, inputs);
            var names = inputs.Select(i => i.Name).ToArray();
            var values = new OrtValue[columns.Length];
            string[] outputs = [outputName];
            var rows = new int[Math.Min(batchSize, data.RowCount)];
            for (int start = 0; start < data.RowCount; start += batchSize)
            {
                int count = Math.Min(batchSize, data.RowCount - start);
                for (int i = 0; i < count; i++)
                {
                    rows[i] = start + i;
                }

                var batch = columns.Select(c => c.AllocateBatch(count)).ToArray();
                try
                {
                    for (int c = 0; c < columns.Length; c++)
                    {
                        columns[c].CopyRows(rows.AsSpan(0, count), batch[c]);
                        values[c] = batch[c].Value;
                    }

                    using var results = session.Run(_runOptions, names, values, outputs);
                    consume(results[0], start, count);
                }
                finally
                {
                    foreach (var t in batch)
                    {
                        t.Dispose();
                    }
                }
            }
        }

        public void Dispose()
        {
            session.Dispose();
            _runOptions.Dispose();
        }
    }
}
