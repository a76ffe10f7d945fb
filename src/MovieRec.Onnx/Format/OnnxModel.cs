using Google.Protobuf;
using MovieRec.Onnx.Protos;

namespace MovieRec.Onnx.Format;

/// <summary>
/// An ONNX model in memory: read from or written to the standard <c>.onnx</c> file format.
/// </summary>
/// <remarks>
/// Models written by MovieRec use IR version 8 and the default-domain opset 17, the newest that the
/// widely deployed ONNX 1.12 checker validates. Serialisation is deterministic: saving, loading and
/// saving again yields the same bytes.
/// </remarks>
public sealed class OnnxModel
{
    /// <summary>The IR version MovieRec writes.</summary>
    public const long DefaultIrVersion = 8;

    /// <summary>The default-domain opset MovieRec writes.</summary>
    public const long DefaultOpset = 17;

    internal const string ProducerName = "MovieRec";

    internal static readonly string ProducerVersion =
        typeof(OnnxModel).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    internal OnnxModel(ModelProto proto)
    {
        Proto = proto;
    }

    /// <summary>The IR version the file declares.</summary>
    public long IrVersion => Proto.IrVersion;

    /// <summary>The default-domain ("ai.onnx") opset version, or 0 when the model does not import it.</summary>
    public long Opset => Proto.OpsetImport.FirstOrDefault(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx")?.Version ?? 0;

    /// <summary>The program that wrote the model.</summary>
    public string Producer => Proto.ProducerName;

    /// <summary>The graph's name.</summary>
    public string GraphName => Proto.Graph?.Name ?? string.Empty;

    /// <summary>Metadata entries (key/value strings) stored in the file.</summary>
    public IReadOnlyDictionary<string, string> Metadata =>
        Proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>The graph inputs that are not initializers: what a caller must feed.</summary>
    public IReadOnlyList<OnnxValueInfo> Inputs
    {
        get
        {
            var initializers = Proto.Graph?.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            return Proto.Graph?.Input.Where(i => !initializers.Contains(i.Name)).Select(ToInfo).ToArray() ?? [];
        }
    }

    /// <summary>
    /// The graph inputs that are also initializers: inputs a caller may feed, the initializer being the value read when
    /// it does not (ONNX Runtime's overridable initializers).
    /// </summary>
    public IReadOnlyList<OnnxValueInfo> OptionalInputs
    {
        get
        {
            var initializers = Proto.Graph?.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            return Proto.Graph?.Input.Where(i => initializers.Contains(i.Name)).Select(ToInfo).ToArray() ?? [];
        }
    }

    /// <summary>The graph outputs.</summary>
    public IReadOnlyList<OnnxValueInfo> Outputs => Proto.Graph?.Output.Select(ToInfo).ToArray() ?? [];

    /// <summary>Names of the constant tensors (weights) in the graph.</summary>
    public IReadOnlyList<string> InitializerNames => Proto.Graph?.Initializer.Select(i => i.Name).ToArray() ?? [];

    /// <summary>Operator type of every node, in graph order.</summary>
    public IReadOnlyList<string> OperatorTypes => Proto.Graph?.Node.Select(n => n.OpType).ToArray() ?? [];

    internal ModelProto Proto { get; }

    /// <summary>Reads a model from a <c>.onnx</c> file.</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid ONNX model; the message names the file.</exception>
    public static OnnxModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"ONNX model file '{path}' does not exist.", path);
        }

        return FromBytes(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a model from the bytes of a <c>.onnx</c> file.</summary>
    /// <param name="bytes">The serialised model.</param>
    /// <param name="sourceName">A name for error messages (for example the file path).</param>
    /// <exception cref="InvalidDataException">The bytes are not a valid ONNX model.</exception>
    public static OnnxModel FromBytes(ReadOnlySpan<byte> bytes, string sourceName = "<bytes>")
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{sourceName}' is not a valid ONNX model: {e.Message}", e);
        }

        if (proto.Graph is null || proto.IrVersion <= 0)
        {
            throw new InvalidDataException(
                $"'{sourceName}' is not a valid ONNX model: it has {(proto.Graph is null ? "no graph" : "no IR version")}.");
        }

        return new OnnxModel(proto);
    }

    /// <summary>Serialises the model to the bytes of a <c>.onnx</c> file.</summary>
    public byte[] ToBytes() => Proto.ToByteArray();

    /// <summary>
    /// Writes the model to <paramref name="path"/> atomically: the bytes go to a temporary file in the
    /// same folder, which then replaces the target, so a failure never leaves a half-written model.
    /// </summary>
    /// <param name="path">Destination file; its folder is created when missing.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.Write(path, Proto.WriteTo);
    }

    /// <summary>Returns the values of an initializer (a weight tensor).</summary>
    /// <exception cref="KeyNotFoundException">No initializer has that name.</exception>
    public OnnxTensorData GetInitializer(string name)
    {
        var tensor = Proto.Graph?.Initializer.FirstOrDefault(i => i.Name == name)
            ?? throw new KeyNotFoundException($"The model has no initializer named '{name}'.");
        return OnnxTensorData.FromProto(tensor);
    }

    /// <summary>
    /// Returns a copy of this model in which the named initializers hold new values (for example
    /// trained weights). Element types and dimensions must match the originals.
    /// </summary>
    public OnnxModel WithInitializers(IReadOnlyDictionary<string, OnnxTensorData> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = Proto.Clone();
        foreach (var (name, data) in values)
        {
            int index = -1;
            for (int i = 0; i < copy.Graph.Initializer.Count; i++)
            {
                if (copy.Graph.Initializer[i].Name == name)
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                throw new KeyNotFoundException($"The model has no initializer named '{name}'.");
            }

            var old = copy.Graph.Initializer[index];
            if (old.DataType != (int)data.ElementType || !old.Dims.SequenceEqual(data.Dims))
            {
                throw new ArgumentException(
                    $"Initializer '{name}' is {(OnnxElementType)old.DataType}[{string.Join(", ", old.Dims)}]; the new value is {data.ElementType}[{string.Join(", ", data.Dims)}].",
                    nameof(values));
            }

            copy.Graph.Initializer[index] = data.ToProto(name);
        }

        return new OnnxModel(copy);
    }

    /// <summary>
    /// Returns a copy whose one-dimensional inputs (<c>[N]</c>, one value per row) take <c>[N, 1]</c> instead and are
    /// flattened back inside the graph: the shape ML.NET's <c>ApplyOnnxModel</c> feeds a scalar column with, so an
    /// ML.NET pipeline can score the model from ordinary <see cref="long"/> columns. Inputs of other ranks, the
    /// outputs and the scores are unchanged. Metadata <c>movierec.profile</c> = <c>mlnet</c> marks the copy.
    /// </summary>
    /// <returns>The copy.</returns>
    public OnnxModel WithColumnInputs()
    {
        var copy = Proto.Clone();
        var graph = copy.Graph;
        var flattening = new List<NodeProto>();
        foreach (var input in graph.Input)
        {
            var shape = input.Type?.TensorType?.Shape;
            if (shape is null || shape.Dim.Count != 1 || graph.Initializer.Any(i => i.Name == input.Name))
            {
                continue;
            }

            // Consumers read the flattened value; the graph input itself becomes [N, 1].
            string flat = input.Name + ".flat";
            string axis = input.Name + ".column_axis";
            ReadInstead(graph, input.Name, flat);
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
            graph.Initializer.Add(OnnxTensorData.FromInt64s([1], 1).ToProto(axis));
            flattening.Add(new NodeProto { Name = input.Name + ".squeeze", OpType = "Squeeze", Input = { input.Name, axis }, Output = { flat } });
        }

        Prepend(graph, flattening);
        return new OnnxModel(copy).WithMetadata(ProfileKey, "mlnet");
    }

    /// <summary>The ONNX-ML operator domain (LabelEncoder and the other classical-ML operators).</summary>
    public const string MlDomain = "ai.onnx.ml";

    /// <summary>
    /// Returns a copy in which the dense-index input <paramref name="indexInput"/> (int64, one index per row) is
    /// computed inside the graph from raw ids: a new input <paramref name="idInput"/> of the same shape and of
    /// <paramref name="idType"/> is looked up in the table <paramref name="keys"/> → <paramref name="indices"/> by an
    /// ONNX-ML <c>LabelEncoder</c>, and an id the table lacks reads index 0, the unknown user or movie. The model then
    /// reads ids as an application holds them, the lookup table saved inside it.
    /// </summary>
    /// <param name="indexInput">The int64 index input to replace.</param>
    /// <param name="idInput">The name of the new id input; if the graph already has that input with the same type, the lookup reads it too.</param>
    /// <param name="idType">Int64, Int32 or UInt32 (cast to int64 inside the graph).</param>
    /// <param name="keys">The ids, each once.</param>
    /// <param name="indices">The index of each id.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentException">The input is missing or not int64, the new name is taken, or the table is malformed.</exception>
    public OnnxModel WithIdLookup(string indexInput, string idInput, OnnxElementType idType, IReadOnlyList<long> keys, IReadOnlyList<long> indices)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (idType is not (OnnxElementType.Int64 or OnnxElementType.Int32 or OnnxElementType.UInt32))
        {
            throw new ArgumentException($"Integer ids are Int64, Int32 or UInt32, not {idType}; float, double and text ids have their own overloads.", nameof(idType));
        }

        return WithIdLookup(indexInput, idInput, idType, OnnxElementType.Int64, OnnxAttribute.Ints("keys_int64s", [.. keys]), 2, keys.Count, indices);
    }

    /// <inheritdoc cref="WithIdLookup(string, string, OnnxElementType, IReadOnlyList{long}, IReadOnlyList{long})"/>
    /// <remarks>The new input is float; a NaN id reads index 0.</remarks>
    public OnnxModel WithIdLookup(string indexInput, string idInput, IReadOnlyList<float> keys, IReadOnlyList<long> indices)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return WithIdLookup(indexInput, idInput, OnnxElementType.Float, OnnxElementType.Float, OnnxAttribute.Floats("keys_floats", [.. keys]), 2, keys.Count, indices);
    }

    /// <inheritdoc cref="WithIdLookup(string, string, OnnxElementType, IReadOnlyList{long}, IReadOnlyList{long})"/>
    /// <remarks>The new input is double, looked up without loss (the table is a double tensor, ONNX-ML opset 4).</remarks>
    public OnnxModel WithIdLookup(string indexInput, string idInput, IReadOnlyList<double> keys, IReadOnlyList<long> indices)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return WithIdLookup(indexInput, idInput, OnnxElementType.Double, OnnxElementType.Double, OnnxAttribute.Tensor("keys_tensor", OnnxTensorData.FromDoubles([.. keys], keys.Count)), 4, keys.Count, indices);
    }

    /// <inheritdoc cref="WithIdLookup(string, string, OnnxElementType, IReadOnlyList{long}, IReadOnlyList{long})"/>
    /// <remarks>The new input is a string tensor, matched exactly (ordinal).</remarks>
    public OnnxModel WithIdLookup(string indexInput, string idInput, IReadOnlyList<string> keys, IReadOnlyList<long> indices)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return WithIdLookup(indexInput, idInput, OnnxElementType.String, OnnxElementType.String, OnnxAttribute.Strings("keys_strings", [.. keys]), 2, keys.Count, indices);
    }

    private OnnxModel WithIdLookup(string indexInput, string idInput, OnnxElementType idType, OnnxElementType keyType, OnnxAttribute keys, long mlOpset, int count, IReadOnlyList<long> indices)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indexInput);
        ArgumentException.ThrowIfNullOrWhiteSpace(idInput);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count != count)
        {
            throw new ArgumentException($"The lookup has {count} ids but {indices.Count} indices.", nameof(indices));
        }

        var copy = Proto.Clone();
        var graph = copy.Graph;
        var index = graph.Input.FirstOrDefault(i => i.Name == indexInput)
            ?? throw new ArgumentException($"'{indexInput}' is not an input of the model.", nameof(indexInput));
        var tensor = index.Type?.TensorType;
        if (tensor is null || tensor.ElemType != (int)OnnxElementType.Int64)
        {
            throw new ArgumentException($"Input '{indexInput}' is {(OnnxElementType)(tensor?.ElemType ?? 0)}; an index input is Int64.", nameof(indexInput));
        }

        var existing = graph.Input.FirstOrDefault(i => i.Name == idInput);
        if (existing is not null && (existing.Type?.TensorType?.ElemType != (int)idType || !Equals(existing.Type.TensorType.Shape, tensor.Shape)))
        {
            throw new ArgumentException($"'{idInput}' is already an input of the model, of another type or shape.", nameof(idInput));
        }

        if (existing is null && (graph.Node.Any(n => n.Output.Contains(idInput)) || graph.Initializer.Any(i => i.Name == idInput) || graph.Output.Any(o => o.Name == idInput)))
        {
            throw new ArgumentException($"'{idInput}' already names a value of the model.", nameof(idInput));
        }

        // The index stops being an input and becomes the LabelEncoder's output, which its readers keep reading.
        int position = graph.Input.IndexOf(index);
        graph.Input.RemoveAt(position);
        if (existing is null)
        {
            var id = index.Clone();
            id.Name = idInput;
            id.Type.TensorType.ElemType = (int)idType;
            graph.Input.Insert(position, id);
        }

        var nodes = new List<NodeProto>();
        string lookupInput = idInput;
        if (idType != keyType)
        {
            lookupInput = indexInput + ".id_int64";
            nodes.Add(new NodeProto { Name = indexInput + ".cast", OpType = "Cast", Input = { idInput }, Output = { lookupInput }, Attribute = { OnnxAttribute.Int("to", (long)OnnxElementType.Int64).Proto } });
        }

        var encoder = new NodeProto { Name = indexInput + ".lookup", OpType = "LabelEncoder", Domain = MlDomain, Input = { lookupInput }, Output = { indexInput } };
        encoder.Attribute.Add(keys.Proto);
        encoder.Attribute.Add(mlOpset >= 4
            ? OnnxAttribute.Tensor("values_tensor", OnnxTensorData.FromInt64s([.. indices], count)).Proto
            : OnnxAttribute.Ints("values_int64s", [.. indices]).Proto);
        encoder.Attribute.Add(mlOpset >= 4
            ? OnnxAttribute.Tensor("default_tensor", OnnxTensorData.FromInt64s([0], 1)).Proto
            : OnnxAttribute.Int("default_int64", 0).Proto);
        nodes.Add(encoder);
        Prepend(graph, nodes);

        var ml = copy.OpsetImport.FirstOrDefault(o => o.Domain == MlDomain);
        if (ml is null)
        {
            copy.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = mlOpset });
        }
        else if (ml.Version < mlOpset)
        {
            ml.Version = mlOpset;
        }

        return new OnnxModel(copy);
    }

    /// <summary>Makes every node of <paramref name="graph"/> that reads <paramref name="name"/> read <paramref name="replacement"/>.</summary>
    internal static void ReadInstead(GraphProto graph, string name, string replacement)
    {
        foreach (var node in graph.Node)
        {
            for (int i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == name)
                {
                    node.Input[i] = replacement;
                }
            }
        }
    }

    /// <summary>Puts <paramref name="nodes"/>, in their order, before the graph's own nodes (which may read their outputs).</summary>
    internal static void Prepend(GraphProto graph, IReadOnlyList<NodeProto> nodes)
    {
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            graph.Node.Insert(0, nodes[i]);
        }
    }

    /// <summary>Returns a copy in which graph inputs and outputs are renamed, every node reading or writing them included.</summary>
    /// <param name="names">Old name → new name, for inputs and outputs of the graph.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentException">A name is not an input or output of the graph, or a new name is already in use.</exception>
    public OnnxModel WithRenamedValues(IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var copy = Proto.Clone();
        var graph = copy.Graph;
        var used = graph.Input.Select(i => i.Name).Concat(graph.Output.Select(o => o.Name)).Concat(graph.Node.SelectMany(n => n.Output)).Concat(graph.Initializer.Select(i => i.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var (from, to) in names)
        {
            if (!graph.Input.Any(i => i.Name == from) && !graph.Output.Any(o => o.Name == from))
            {
                throw new ArgumentException($"'{from}' is neither an input nor an output of the model.", nameof(names));
            }

            if (used.Contains(to))
            {
                throw new ArgumentException($"'{to}' already names a value of the model.", nameof(names));
            }
        }

        string Rename(string name) => names.TryGetValue(name, out var to) ? to : name;
        foreach (var value in graph.Input.Concat(graph.Output))
        {
            value.Name = Rename(value.Name);
        }

        foreach (var node in graph.Node)
        {
            for (int i = 0; i < node.Input.Count; i++)
            {
                node.Input[i] = Rename(node.Input[i]);
            }

            for (int i = 0; i < node.Output.Count; i++)
            {
                node.Output[i] = Rename(node.Output[i]);
            }
        }

        return new OnnxModel(copy);
    }

    /// <summary>The metadata key that names a model's input profile (<see cref="WithColumnInputs"/>).</summary>
    public const string ProfileKey = "movierec.profile";

    /// <summary>Returns a copy of this model with a metadata entry set (added or replaced).</summary>
    public OnnxModel WithMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        var copy = Proto.Clone();
        var entry = copy.MetadataProps.FirstOrDefault(p => p.Key == key);
        if (entry is null)
        {
            copy.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        else
        {
            entry.Value = value;
        }

        return new OnnxModel(copy);
    }

    private static OnnxValueInfo ToInfo(ValueInfoProto info)
    {
        var tensor = info.Type?.TensorType;
        var dims = tensor?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam
            ? OnnxDim.Named(d.DimParam)
            : OnnxDim.Fixed(d.DimValue)).ToArray() ?? [];
        return new OnnxValueInfo(info.Name, (OnnxElementType)(tensor?.ElemType ?? 0), dims);
    }
}
