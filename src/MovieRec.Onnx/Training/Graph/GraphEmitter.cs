using MovieRec.Onnx.Model;

namespace MovieRec.Onnx.Training.Graph;

/// <summary>How a graph is written out as ONNX.</summary>
internal enum EmitMode
{
    /// <summary>Dropout draws masks (training step).</summary>
    Training,

    /// <summary>Dropout is removed (inference, validation, export).</summary>
    Inference,
}

/// <summary>The result of writing a graph: the model and the inputs it takes, in order.</summary>
internal sealed record EmittedGraph(OnnxModel Model, IReadOnlyList<GraphTensor> Inputs);

/// <summary>Writes the part of a <see cref="ModelGraph"/> needed for some outputs as an ONNX model.</summary>
internal static class GraphEmitter
{
    /// <param name="graph">The graph (or a fork).</param>
    /// <param name="outputs">Output names and tensors.</param>
    /// <param name="mode">Training keeps dropout; inference removes it.</param>
    /// <param name="parameterValues">Parameter values to store as initializers; null makes parameters graph inputs.</param>
    /// <param name="metadata">Model metadata.</param>
    public static EmittedGraph Emit(
        ModelGraph graph,
        IReadOnlyList<KeyValuePair<string, GraphTensor>> outputs,
        EmitMode mode,
        IReadOnlyDictionary<GraphTensor, OnnxTensorData>? parameterValues,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        // Which nodes are needed, walking back from the outputs.
        var needed = new HashSet<GraphTensor>();
        var stack = new Stack<GraphTensor>(outputs.Select(o => o.Value));
        var neededNodes = new HashSet<GraphNode>();
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (!needed.Add(t) || t.Producer is null)
            {
                continue;
            }

            var node = t.Producer;
            neededNodes.Add(node);
            var inputs = mode == EmitMode.Inference && node.OpType == "Dropout" ? node.Inputs[..1] : node.Inputs;
            foreach (var input in inputs)
            {
                stack.Push(input);
            }
        }

        // Values named after outputs where possible; dropout removed by aliasing.
        var names = new Dictionary<GraphTensor, string>();
        foreach (var node in graph.Nodes)
        {
            if (mode == EmitMode.Inference && node.OpType == "Dropout" && neededNodes.Contains(node))
            {
                names[node.Outputs[0]] = Name(names, node.Inputs[0]);
            }
        }

        var identities = new List<KeyValuePair<string, GraphTensor>>();
        foreach (var (name, tensor) in outputs)
        {
            if (tensor.Kind == TensorKind.Computed && !names.ContainsKey(tensor))
            {
                names[tensor] = name;
            }
            else
            {
                identities.Add(new KeyValuePair<string, GraphTensor>(name, tensor));
            }
        }

        var builder = new OnnxGraphBuilder(graph.Name);
        var takenInputs = new List<GraphTensor>();
        foreach (var p in graph.Parameters)
        {
            if (!needed.Contains(p))
            {
                continue;
            }

            if (parameterValues is null)
            {
                builder.AddInput(p.Name, p.ElementType, p.Dims);
                takenInputs.Add(p);
            }
            else
            {
                builder.AddInitializer(p.Name, parameterValues[p]);
            }
        }

        foreach (var input in graph.Inputs)
        {
            if (needed.Contains(input))
            {
                builder.AddInput(input.Name, input.ElementType, input.Dims);
                takenInputs.Add(input);
            }
        }

        foreach (var c in graph.Constants)
        {
            if (needed.Contains(c))
            {
                builder.AddInitializer(c.Name, c.ConstantValue!);
            }
        }

        foreach (var node in graph.Nodes)
        {
            if (!neededNodes.Contains(node) || (mode == EmitMode.Inference && node.OpType == "Dropout"))
            {
                continue;
            }

            var inputs = node.Inputs.Select(i => new OnnxValue(Name(names, i))).ToArray();
            var attributes = node.OpType == "Dropout" ? [OnnxAttribute.Int("seed", node.Seed)] : node.Attributes;
            builder.AddNode(node.OpType, inputs, node.Outputs.Length, attributes, node.Outputs.Select(o => Name(names, o)).ToArray());
        }

        foreach (var (name, tensor) in identities)
        {
            builder.AddNode("Identity", [new OnnxValue(Name(names, tensor))], outputName: name);
        }

        foreach (var (name, tensor) in outputs)
        {
            builder.AddOutput(new OnnxValue(name), tensor.ElementType, tensor.Dims);
        }

        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                builder.SetMetadata(key, value);
            }
        }

        return new EmittedGraph(builder.Build(), takenInputs);
    }

    private static string Name(Dictionary<GraphTensor, string> names, GraphTensor t) =>
        names.TryGetValue(t, out var name) ? name : t.Name;
}
