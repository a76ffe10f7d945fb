using MovieRec.Onnx.Format;

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
    /// <param name="substitutes">Tensors computed by other tensors instead of their own producers (fused subgraphs).</param>
    public static EmittedGraph Emit(
        ModelGraph graph,
        IReadOnlyList<KeyValuePair<string, GraphTensor>> outputs,
        EmitMode mode,
        IReadOnlyDictionary<GraphTensor, OnnxTensorData>? parameterValues,
        IReadOnlyDictionary<string, string>? metadata = null,
        IReadOnlyDictionary<GraphTensor, GraphTensor>? substitutes = null)
    {
        substitutes ??= new Dictionary<GraphTensor, GraphTensor>();

        // Resolve a tensor to the one that actually computes it: substitutes, and removed dropout.
        GraphTensor Resolve(GraphTensor t)
        {
            while (true)
            {
                if (substitutes.TryGetValue(t, out var s))
                {
                    t = s;
                }
                else if (mode == EmitMode.Inference && t.Producer is { OpType: "Dropout" } d && d.Outputs[0] == t)
                {
                    t = d.Inputs[0];
                }
                else
                {
                    return t;
                }
            }
        }

        // Needed nodes in topological order: depth-first post-order from the outputs.
        var order = new List<GraphNode>();
        var visited = new HashSet<GraphNode>();
        var needed = new HashSet<GraphTensor>();
        var stack = new Stack<(GraphNode Node, bool Expanded)>();
        foreach (var (_, output) in outputs)
        {
            var resolved = Resolve(output);
            needed.Add(resolved);
            if (resolved.Producer is { } root && !visited.Contains(root))
            {
                stack.Push((root, false));
            }

            while (stack.Count > 0)
            {
                var (node, expanded) = stack.Pop();
                if (expanded)
                {
                    order.Add(node);
                    continue;
                }

                if (!visited.Add(node))
                {
                    continue;
                }

                stack.Push((node, true));
                for (int i = node.Inputs.Length - 1; i >= 0; i--)
                {
                    var input = Resolve(node.Inputs[i]);
                    needed.Add(input);
                    if (input.Producer is { } producer && !visited.Contains(producer))
                    {
                        stack.Push((producer, false));
                    }
                }
            }
        }

        // Values named after outputs where possible.
        var names = new Dictionary<GraphTensor, string>();
        var identities = new List<KeyValuePair<string, GraphTensor>>();
        foreach (var (name, tensor) in outputs)
        {
            var resolved = Resolve(tensor);
            if (resolved.Kind == TensorKind.Computed && !names.ContainsKey(resolved))
            {
                names[resolved] = name;
            }
            else
            {
                identities.Add(new KeyValuePair<string, GraphTensor>(name, resolved));
            }
        }

        string Name(GraphTensor t)
        {
            var resolved = Resolve(t);
            return names.TryGetValue(resolved, out var name) ? name : resolved.Name;
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

        foreach (var node in order)
        {
            var inputs = node.Inputs.Select(i => new OnnxValue(Name(i))).ToArray();
            var attributes = node.OpType == "Dropout" ? [OnnxAttribute.Int("seed", node.Seed)] : node.Attributes;
            builder.AddNode(node.OpType, inputs, node.Outputs.Length, attributes, node.Outputs.Select(Name).ToArray());
        }

        foreach (var (name, tensor) in identities)
        {
            builder.AddNode("Identity", [new OnnxValue(Name(tensor))], outputName: name);
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
}
