using System.Globalization;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;

namespace MovieRec.Onnx.Training;

/// <content>The weights: reading and writing parameters, the inference model's export, checkpoints.</content>
public sealed partial class Trainer
{
    /// <summary>Returns the current values of a parameter.</summary>
    /// <param name="name">Parameter name.</param>
    /// <returns>The values, row-major.</returns>
    public double[] GetParameter(string name) => TensorBuffers.Read(_parameters[_current][ParameterIndex(name)]);

    /// <summary>Overwrites the values of a parameter.</summary>
    /// <param name="name">Parameter name.</param>
    /// <param name="values">Values, row-major, as many as the parameter has.</param>
    public void SetParameter(string name, ReadOnlySpan<double> values)
    {
        int index = ParameterIndex(name);
        var tensor = _parameters[_current][index];
        if (values.Length != tensor.ElementCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Parameter '{name}' has {tensor.ElementCount} values; {values.Length} were given."), nameof(values));
        }

        TensorBuffers.Write(tensor, values);
        _weightsVersion++;
    }

    /// <summary>Builds the inference model: the forward graph with the current weights as initializers and dropout removed.</summary>
    /// <param name="options">Metadata; null uses the defaults.</param>
    /// <returns>The model (opset 17).</returns>
    public OnnxModel ExportModel(ExportOptions? options = null)
    {
        options ??= new ExportOptions();
        if (_graph.Outputs.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{_graph.Name}' has no named outputs; call ModelGraph.Output before exporting.");
        }

        var values = CurrentValues();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["movierec.model_kind"] = options.ModelKind ?? _graph.Name,
            ["movierec.outputs"] = string.Join("; ", _graph.Outputs.Select(o => $"{o.Key}: {o.Value.ElementType}{GraphTensor.FormatShape(o.Value.Shape)}")),
            ["movierec.training"] = string.Create(CultureInfo.InvariantCulture, $"{_optimizer}; epochs {_epochsDone}; steps {_steps}; final training loss {(_history.Epochs.Count > 0 ? _history.Epochs[^1].TrainingLoss : double.NaN):R}"),
            [TrainingDeviceKey] = DeviceName,
        };
        foreach (var (name, size) in options.VocabularySizes)
        {
            metadata["movierec.vocab." + name] = size.ToString(CultureInfo.InvariantCulture);
        }

        if (options.FeatureContract is not null)
        {
            metadata["movierec.feature_contract"] = options.FeatureContract;
        }

        foreach (var (key, value) in options.Metadata)
        {
            metadata[key] = value;
        }

        var graph = _graph;
        var substitutes = new Dictionary<GraphTensor, GraphTensor>();
        if (options.FuseLstm && _graph.Lstms.Count > 0)
        {
            graph = _graph.Fork();
            foreach (var region in _graph.Lstms)
            {
                var (sequence, final) = LstmFusion.Fuse(graph, region, p => GetParameter(p.Name));
                substitutes[region.Sequence] = sequence;
                substitutes[region.Final] = final;
            }

            metadata["movierec.lstm"] = "fused";
        }

        var emitted = GraphEmitter.Emit(graph, _graph.Outputs, EmitMode.Inference, values, metadata, substitutes);
        string inputs = string.Join("; ", emitted.Inputs.Select(i => $"{i.Name}: {i.ElementType}{GraphTensor.FormatShape(i.Shape)}"));
        return emitted.Model.WithMetadata("movierec.inputs", inputs);
    }

    /// <summary>Exports the inference model to a file (written atomically).</summary>
    /// <param name="path">Target .onnx path.</param>
    /// <param name="options">Metadata; null uses the defaults.</param>
    public void Export(string path, ExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ExportModel(options).Save(path);
    }

    /// <summary>Writes parameters, optimizer state, step and epoch counters and the history to a file.</summary>
    /// <param name="path">Checkpoint path (written atomically).</param>
    public void SaveCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var tensors = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var ps = _step.Parameters;
        int stateCount = _step.StateNames.Count;
        for (int i = 0; i < ps.Count; i++)
        {
            tensors["param:" + ps[i].Name] = TensorBuffers.Read(_parameters[_current][i]);
            for (int s = 0; s < stateCount; s++)
            {
                tensors["state:" + TrainingStepGraph.State(ps[i], _step.StateNames[s])] = TensorBuffers.Read(_states[_current][(i * stateCount) + s]);
            }

            if (_bestParameters is not null)
            {
                tensors["best:" + ps[i].Name] = _bestParameters[i];
            }
        }

        CheckpointFile.Save(path, new CheckpointState(_graph.Name, _optimizer.Name, _epochsDone, _steps, _history.BestEpoch, _bestLoss, _sinceBest, _history.Epochs, tensors));
    }

    /// <summary>Restores a checkpoint written by <see cref="SaveCheckpoint"/> for the same graph and optimizer.</summary>
    /// <param name="path">Checkpoint path.</param>
    public void LoadCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var state = CheckpointFile.Load(path);
        if (state.GraphName != _graph.Name || state.Optimizer != _optimizer.Name)
        {
            throw new InvalidDataException($"Checkpoint '{path}' is for graph '{state.GraphName}' with {state.Optimizer}; this trainer has graph '{_graph.Name}' with {_optimizer.Name}.");
        }

        var ps = _step.Parameters;
        int stateCount = _step.StateNames.Count;
        var best = new double[ps.Count][];
        for (int i = 0; i < ps.Count; i++)
        {
            TensorBuffers.Write(_parameters[_current][i], Tensor(state, path, "param:" + ps[i].Name, _parameters[_current][i].ElementCount));
            for (int s = 0; s < stateCount; s++)
            {
                var target = _states[_current][(i * stateCount) + s];
                TensorBuffers.Write(target, Tensor(state, path, "state:" + TrainingStepGraph.State(ps[i], _step.StateNames[s]), target.ElementCount));
            }

            state.Tensors.TryGetValue("best:" + ps[i].Name, out best[i]!);
        }

        _bestParameters = best.All(b => b is not null) ? best : null;
        _weightsVersion++;
        _epochsDone = state.EpochsDone;
        _steps = state.Steps;
        _bestLoss = state.BestLoss;
        _sinceBest = state.EpochsSinceBest;
        _history.BestEpoch = state.BestEpoch;
        _hasBest = state.BestEpoch > 0;
        foreach (var e in state.History.Skip(_history.Epochs.Count))
        {
            _history.Add(e);
        }
    }

    private void WriteParameters(double[][] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            TensorBuffers.Write(_parameters[_current][i], values[i]);
        }

        _weightsVersion++;
    }

    private static double[] Tensor(CheckpointState state, string path, string key, long count) =>
        state.Tensors.TryGetValue(key, out var values) && values.Length == count
            ? values
            : throw new InvalidDataException($"Checkpoint '{path}' has no tensor '{key}' of {count} values.");

    private int ParameterIndex(string name)
    {
        for (int i = 0; i < _step.Parameters.Count; i++)
        {
            if (_step.Parameters[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"Graph '{_graph.Name}' has no parameter '{name}'. Parameters: {string.Join(", ", _step.Parameters.Select(p => p.Name))}.", nameof(name));
    }

    private Dictionary<GraphTensor, OnnxTensorData> CurrentValues()
    {
        var values = new Dictionary<GraphTensor, OnnxTensorData>();
        for (int i = 0; i < _step.Parameters.Count; i++)
        {
            var p = _step.Parameters[i];
            values[p] = TensorBuffers.ToTensorData(_parameters[_current][i], p.StaticDims());
        }

        return values;
    }
}
