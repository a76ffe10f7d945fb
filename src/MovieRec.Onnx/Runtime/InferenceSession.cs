using System.Buffers;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;
using MovieRec.Onnx.Runtime.Native;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// A loaded ONNX model ready to run in ONNX Runtime: its inputs and outputs, and <c>Run</c> methods that read and
/// write <see cref="OrtTensor"/>s in place.
/// </summary>
/// <remarks>
/// <para>Every <c>Run</c> overload may be called from many threads at once on one session (ONNX Runtime's run is
/// thread-safe and this wrapper keeps no shared scratch state); outputs written in place must of course differ
/// between concurrent calls.</para>
/// <para>Arguments are checked before anything reaches the runtime: an unknown or missing input name, a tensor of
/// the wrong element type, rank or fixed dimension throws <see cref="ArgumentException"/> naming the input, what it
/// expects and what it got. Failures inside the runtime throw <see cref="OnnxRuntimeException"/>.</para>
/// </remarks>
public sealed unsafe class InferenceSession : IDisposable
{
    private const int StackLimit = 128;

    private readonly OrtSessionHandle _handle;
    private readonly OrtTensorInfo[] _inputs;
    private readonly OrtTensorInfo[] _outputs;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;
    private volatile bool _disposed;

    private InferenceSession(OrtSessionHandle handle, SessionOptions options, ExecutionProvider provider, string? fallbackReason)
    {
        _handle = handle;
        Options = options;
        ExecutionProvider = provider;
        FallbackReason = fallbackReason;
        _inputs = ReadSignature(handle, output: false);
        _outputs = ReadSignature(handle, output: true);
        _inputIndex = IndexByName(_inputs);
        _outputIndex = IndexByName(_outputs);
        Inputs = new ReadOnlyCollection<OrtTensorInfo>(_inputs);
        Outputs = new ReadOnlyCollection<OrtTensorInfo>(_outputs);
        InputNames = new ReadOnlyCollection<string>([.. _inputs.Select(info => info.Name)]);
        OutputNames = new ReadOnlyCollection<string>([.. _outputs.Select(info => info.Name)]);
    }

    private delegate OnnxRuntimeException? SessionFactory(OrtEnvHandle env, OrtSessionOptionsHandle options, out OrtSessionHandle? session);

    /// <summary>The model's inputs, in model order.</summary>
    public IReadOnlyList<OrtTensorInfo> Inputs { get; }

    /// <summary>The model's outputs, in model order.</summary>
    public IReadOnlyList<OrtTensorInfo> Outputs { get; }

    /// <summary>The input names, in model order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The output names, in model order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>The options the session was created with.</summary>
    public SessionOptions Options { get; }

    /// <summary>The execution provider the session actually uses: the requested one, or the CPU after a fallback.</summary>
    public ExecutionProvider ExecutionProvider { get; }

    /// <summary>
    /// Why the requested provider could not be used and the session fell back to the CPU (ONNX Runtime's reason);
    /// <see langword="null"/> when the request was met.
    /// </summary>
    public string? FallbackReason { get; }

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Loads a model file with default <see cref="SessionOptions"/>.</summary>
    /// <param name="modelPath">Path of an <c>.onnx</c> file.</param>
    /// <returns>The session.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelPath"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    public static InferenceSession FromFile(string modelPath) => FromFile(modelPath, new SessionOptions());

    /// <summary>Loads a model file.</summary>
    /// <param name="modelPath">Path of an <c>.onnx</c> file.</param>
    /// <param name="options">Threads, optimisation level, execution provider, logging.</param>
    /// <returns>The session.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelPath"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    public static InferenceSession FromFile(string modelPath, SessionOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The model file '{fullPath}' does not exist.", fullPath);
        }

        return Create(
            options,
            $"Could not load the model '{fullPath}'",
            (OrtEnvHandle env, OrtSessionOptionsHandle native, out OrtSessionHandle? session) => OrtNative.TryCreateSession(env, fullPath, native, out session),
            quiet: false);
    }

    /// <summary>Loads a model from its serialized bytes with default <see cref="SessionOptions"/>.</summary>
    /// <param name="model">The bytes of an ONNX <c>ModelProto</c>; copied by the runtime, not kept.</param>
    /// <returns>The session.</returns>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model (for example <see cref="OrtErrorCode.InvalidProtobuf"/>).</exception>
    public static InferenceSession FromBytes(ReadOnlySpan<byte> model) => FromBytes(model, new SessionOptions());

    /// <summary>Loads a model from its serialized bytes.</summary>
    /// <param name="model">The bytes of an ONNX <c>ModelProto</c>; copied by the runtime, not kept.</param>
    /// <param name="options">Threads, optimisation level, execution provider, logging.</param>
    /// <returns>The session.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model (for example <see cref="OrtErrorCode.InvalidProtobuf"/>).</exception>
    public static InferenceSession FromBytes(ReadOnlySpan<byte> model, SessionOptions options) => FromBytes(model, options, quiet: false);

    internal static InferenceSession FromBytes(ReadOnlySpan<byte> model, SessionOptions options, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (model.IsEmpty)
        {
            throw new ArgumentException("The model is empty (0 bytes); expected a serialized ONNX ModelProto.", nameof(model));
        }

        fixed (byte* data = model)
        {
            var address = (nint)data;
            var length = model.Length;
            return Create(
                options,
                $"Could not load the model ({length} bytes)",
                (OrtEnvHandle env, OrtSessionOptionsHandle native, out OrtSessionHandle? session) =>
                    OrtNative.TryCreateSession(env, new ReadOnlySpan<byte>((void*)address, length), native, out session),
                quiet);
        }
    }

    /// <summary>Runs the model and returns every output, in model order.</summary>
    /// <param name="inputs">A tensor for every input, by input name.</param>
    /// <returns>New tensors holding the outputs (memory owned by ONNX Runtime); dispose each when done.</returns>
    /// <exception cref="ArgumentException">An input is missing, unknown, or has the wrong element type or shape.</exception>
    /// <exception cref="ObjectDisposedException">The session or a tensor was disposed.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed while running.</exception>
    public OrtTensor[] Run(IReadOnlyDictionary<string, OrtTensor> inputs) => Run(inputs, OutputNames);

    /// <summary>Runs the model and returns the outputs asked for.</summary>
    /// <param name="inputs">A tensor for every input, by input name.</param>
    /// <param name="outputNames">The outputs to compute, each at most once; the result has the same order.</param>
    /// <returns>New tensors holding the outputs (memory owned by ONNX Runtime); dispose each when done.</returns>
    /// <exception cref="ArgumentException">An input is missing, unknown, or has the wrong element type or shape; an output name is unknown or repeated.</exception>
    /// <exception cref="ObjectDisposedException">The session or a tensor was disposed.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed while running.</exception>
    public OrtTensor[] Run(IReadOnlyDictionary<string, OrtTensor> inputs, IReadOnlyList<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var byIndex = ArrayPool<OrtTensor?>.Shared.Rent(_inputs.Length);
        var outputIndices = new int[outputNames.Count];
        try
        {
            MapInputs(inputs, byIndex);
            for (var i = 0; i < outputIndices.Length; i++)
            {
                outputIndices[i] = OutputIndex(outputNames[i], nameof(outputNames));
                for (var j = 0; j < i; j++)
                {
                    if (outputIndices[j] == outputIndices[i])
                    {
                        throw new ArgumentException($"Output '{outputNames[i]}' is asked for twice.", nameof(outputNames));
                    }
                }
            }

            var produced = new nint[outputIndices.Length];
            Execute(byIndex.AsSpan(0, _inputs.Length), outputIndices, [], produced);
            return Wrap(produced, outputIndices);
        }
        finally
        {
            Array.Clear(byIndex, 0, _inputs.Length);
            ArrayPool<OrtTensor?>.Shared.Return(byIndex);
        }
    }

    /// <summary>Runs the model writing outputs into tensors the caller allocated (no output allocation).</summary>
    /// <param name="inputs">A tensor for every input, by input name.</param>
    /// <param name="outputs">Tensors to receive outputs, by output name (any subset of the outputs); their element
    /// type and shape must match what the model produces.</param>
    /// <exception cref="ArgumentException">An input is missing, unknown, or has the wrong element type or shape; an output is unknown or has the wrong element type or shape.</exception>
    /// <exception cref="ObjectDisposedException">The session or a tensor was disposed.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed while running (for example the model produced a shape other than the output tensor's).</exception>
    public void Run(IReadOnlyDictionary<string, OrtTensor> inputs, IReadOnlyDictionary<string, OrtTensor> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var byIndex = ArrayPool<OrtTensor?>.Shared.Rent(_inputs.Length);
        var count = outputs.Count;
        var outputTensors = ArrayPool<OrtTensor?>.Shared.Rent(count);
        var outputIndices = ArrayPool<int>.Shared.Rent(count);
        try
        {
            MapInputs(inputs, byIndex);
            var k = 0;
            if (outputs is Dictionary<string, OrtTensor> dictionary)
            {
                foreach (var (name, tensor) in dictionary)
                {
                    outputIndices[k] = CheckOutput(name, tensor, nameof(outputs));
                    outputTensors[k++] = tensor;
                }
            }
            else
            {
                foreach (var (name, tensor) in outputs)
                {
                    outputIndices[k] = CheckOutput(name, tensor, nameof(outputs));
                    outputTensors[k++] = tensor;
                }
            }

            Execute(byIndex.AsSpan(0, _inputs.Length), outputIndices.AsSpan(0, k), outputTensors.AsSpan(0, k), []);
        }
        finally
        {
            Array.Clear(byIndex, 0, _inputs.Length);
            Array.Clear(outputTensors, 0, count);
            ArrayPool<OrtTensor?>.Shared.Return(byIndex);
            ArrayPool<OrtTensor?>.Shared.Return(outputTensors);
            ArrayPool<int>.Shared.Return(outputIndices);
        }
    }

    /// <summary>Runs the model on the tensors bound in <paramref name="binding"/>, writing the bound outputs in place.</summary>
    /// <param name="binding">A binding made by this session's <see cref="CreateIoBinding"/> with every input bound.</param>
    /// <exception cref="ArgumentException">The binding belongs to another session, or an input is not bound.</exception>
    /// <exception cref="ObjectDisposedException">The session or the binding was disposed.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed while running.</exception>
    public void Run(OrtIoBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!ReferenceEquals(binding.Session, this))
        {
            throw new ArgumentException("The binding was created by another session; use that session's Run.", nameof(binding));
        }

        using var session = new HandleLease(_handle);
        binding.Execute(session.Pointer);
    }

    /// <summary>Creates an input/output binding: tensors bound once and reused across runs.</summary>
    /// <returns>The binding; dispose it when done.</returns>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public OrtIoBinding CreateIoBinding()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new OrtIoBinding(this, OrtNative.CreateIoBinding(_handle, _inputs.Length, _outputs.Length));
    }

    /// <summary>Releases the native session (deferred until running calls and bindings finish with it). Calling it again does nothing.</summary>
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    internal OrtSessionHandle Handle => _handle;

    /// <summary>The index of an input, checking the name and the tensor.</summary>
    internal int CheckInput(string name, OrtTensor tensor, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!_inputIndex.TryGetValue(name, out var index))
        {
            throw new ArgumentException($"The model has no input named '{name}'. Its inputs are: {Describe(_inputs)}.", parameterName);
        }

        Validate(_inputs[index], tensor, "Input", parameterName);
        return index;
    }

    /// <summary>The index of an output, checking the name and the tensor.</summary>
    internal int CheckOutput(string name, OrtTensor tensor, string parameterName)
    {
        var index = OutputIndex(name, parameterName);
        Validate(_outputs[index], tensor, "Output", parameterName);
        return index;
    }

    internal OrtTensorInfo InputInfo(int index) => _inputs[index];

    private static InferenceSession Create(SessionOptions options, string description, SessionFactory factory, bool quiet)
    {
        var env = OrtEnvironment.Instance;
        var provider = options.ExecutionProvider;
        string? fallbackReason = null;
        OrtSessionHandle? session;
        OnnxRuntimeException? failure;
        using (var native = BuildNativeOptions(options))
        {
            if (provider.Kind == ExecutionProviderKind.Cuda)
            {
                var cudaFailure = OrtNative.TryAppendCuda(native, provider.DeviceId);
                if (cudaFailure is not null)
                {
                    fallbackReason = cudaFailure.Message;
                    provider = ExecutionProvider.Cpu;
                }
            }

            failure = factory(env.Handle, native, out session);
        }

        if (failure is not null && provider.Kind == ExecutionProviderKind.Cuda)
        {
            // The provider was added but the session could not start on it (no device, driver mismatch, ...):
            // try the CPU before blaming the model.
            using var cpuOnly = BuildNativeOptions(options);
            var cpuFailure = factory(env.Handle, cpuOnly, out session);
            if (cpuFailure is null)
            {
                fallbackReason = failure.Message;
                provider = ExecutionProvider.Cpu;
                failure = null;
            }
            else
            {
                failure = cpuFailure;
            }
        }

        if (failure is not null)
        {
            throw failure.WithContext(description);
        }

        if (fallbackReason is not null && !quiet)
        {
            OrtEnvironment.Log(
                OrtLogLevel.Warning,
                $"The {options.ExecutionProvider} execution provider could not be enabled, so the session runs on the CPU: {fallbackReason}");
        }

        try
        {
            return new InferenceSession(session!, options, provider, fallbackReason);
        }
        catch
        {
            session!.Dispose();
            throw;
        }
    }

    private static OrtSessionOptionsHandle BuildNativeOptions(SessionOptions options)
    {
        var native = OrtNative.CreateSessionOptions();
        try
        {
            OrtNative.SetSessionOption(native, OrtApiSlot.SetIntraOpNumThreads, options.IntraOpThreads);
            OrtNative.SetSessionOption(native, OrtApiSlot.SetInterOpNumThreads, options.InterOpThreads);
            OrtNative.SetSessionOption(native, OrtApiSlot.SetSessionGraphOptimizationLevel, (int)options.GraphOptimizationLevel);
            if (options.LogLevel is OrtLogLevel level)
            {
                OrtNative.SetSessionOption(native, OrtApiSlot.SetSessionLogSeverityLevel, (int)level);
            }

            if (!string.IsNullOrEmpty(options.LogId))
            {
                OrtNative.SetSessionLogId(native, options.LogId);
            }

            foreach (var (key, value) in options.ConfigEntries)
            {
                OrtNative.AddSessionConfigEntry(native, key, value);
            }

            return native;
        }
        catch
        {
            native.Dispose();
            throw;
        }
    }

    private static OrtTensorInfo[] ReadSignature(OrtSessionHandle handle, bool output)
    {
        var count = OrtNative.GetCount(handle, output);
        var names = new nint[count];
        var infos = new OrtTensorInfo[count];
        // The handle frees the names it holds, so hand the array over before filling it.
        if (output)
        {
            handle.OutputNames = names;
        }
        else
        {
            handle.InputNames = names;
        }

        for (var i = 0; i < count; i++)
        {
            names[i] = OrtNative.GetName(handle, output, i);
            var name = Marshal.PtrToStringUTF8(names[i]) ?? string.Empty;
            infos[i] = OrtNative.GetTensorInfo(handle, output, i, name);
        }

        return infos;
    }

    private static Dictionary<string, int> IndexByName(OrtTensorInfo[] infos)
    {
        var index = new Dictionary<string, int>(infos.Length, StringComparer.Ordinal);
        for (var i = 0; i < infos.Length; i++)
        {
            index[infos[i].Name] = i;
        }

        return index;
    }

    private void MapInputs(IReadOnlyDictionary<string, OrtTensor> inputs, OrtTensor?[] byIndex)
    {
        // A Dictionary is enumerated through its struct enumerator, so the common case allocates nothing.
        if (inputs is Dictionary<string, OrtTensor> dictionary)
        {
            foreach (var (name, tensor) in dictionary)
            {
                byIndex[CheckInput(name, tensor, nameof(inputs))] = tensor;
            }
        }
        else
        {
            foreach (var (name, tensor) in inputs)
            {
                byIndex[CheckInput(name, tensor, nameof(inputs))] = tensor;
            }
        }

        for (var i = 0; i < _inputs.Length; i++)
        {
            if (byIndex[i] is null)
            {
                throw MissingInputs(byIndex, nameof(inputs));
            }
        }
    }

    // Kept out of MapInputs: a lambda there would allocate its closure on every run.
    private ArgumentException MissingInputs(OrtTensor?[] byIndex, string parameterName)
    {
        var missing = _inputs.Where((_, j) => byIndex[j] is null).Select(info => info.ToString());
        return new ArgumentException(
            $"Missing input(s): {string.Join(", ", missing)}. Every input needs a tensor; the model's inputs are: {Describe(_inputs)}.",
            parameterName);
    }

    private int OutputIndex(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        return _outputIndex.TryGetValue(name, out var index)
            ? index
            : throw new ArgumentException($"The model has no output named '{name}'. Its outputs are: {Describe(_outputs)}.", parameterName);
    }

    private static void Validate(OrtTensorInfo expected, OrtTensor? tensor, string role, string parameterName)
    {
        if (tensor is null)
        {
            throw new ArgumentNullException(parameterName, $"{role} '{expected.Name}' is null; expected a tensor {expected}.");
        }

        if (tensor.IsDisposed)
        {
            throw new ObjectDisposedException(nameof(OrtTensor), $"The tensor given for {role.ToLowerInvariant()} '{expected.Name}' has been disposed.");
        }

        if (!expected.IsTensor)
        {
            return;
        }

        if (tensor.ElementType != expected.ElementType)
        {
            throw new ArgumentException(
                $"{role} '{expected.Name}' expects {expected.ElementType} elements but the tensor holds {tensor.ElementType} (shape {OrtTensor.Format(tensor.Shape)}).",
                parameterName);
        }

        var shape = tensor.Shape;
        var expectedShape = expected.ShapeSpan;
        if (shape.Length != expectedShape.Length)
        {
            throw new ArgumentException(
                $"{role} '{expected.Name}' expects rank {expectedShape.Length}, shape {expected.FormatShape()}, but the tensor has rank {shape.Length}, shape {OrtTensor.Format(shape)}.",
                parameterName);
        }

        for (var i = 0; i < shape.Length; i++)
        {
            if (expectedShape[i] >= 0 && expectedShape[i] != shape[i])
            {
                throw new ArgumentException(
                    $"{role} '{expected.Name}' expects shape {expected.FormatShape()} but the tensor has shape {OrtTensor.Format(shape)} (dimension {i} is {shape[i]}, expected {expectedShape[i]}).",
                    parameterName);
            }
        }
    }

    private static string Describe(OrtTensorInfo[] infos) =>
        infos.Length == 0 ? "(none)" : string.Join(", ", infos.Select(info => info.ToString()));

    /// <summary>
    /// Calls the runtime with every input (in model order) and the chosen outputs, either preallocated
    /// (<paramref name="preallocated"/> non-empty) or produced by the runtime into <paramref name="produced"/>.
    /// Holds a reference on the session and on each tensor for the length of the call.
    /// </summary>
    private void Execute(ReadOnlySpan<OrtTensor?> inputs, ReadOnlySpan<int> outputIndices, ReadOnlySpan<OrtTensor?> preallocated, Span<nint> produced)
    {
        var inputCount = inputs.Length;
        var outputCount = outputIndices.Length;
        var inputValues = inputCount <= StackLimit ? stackalloc nint[inputCount] : new nint[inputCount];
        var outputNames = outputCount <= StackLimit ? stackalloc nint[outputCount] : new nint[outputCount];
        var outputValues = outputCount <= StackLimit ? stackalloc nint[outputCount] : new nint[outputCount];
        outputValues.Clear();

        using var session = new HandleLease(_handle);
        var sessionInputNames = _handle.InputNames;
        var sessionOutputNames = _handle.OutputNames;
        var leasedInputs = 0;
        var leasedOutputs = 0;
        nint status;
        try
        {
            for (; leasedInputs < inputCount; leasedInputs++)
            {
                var added = false;
                var value = inputs[leasedInputs]!.Handle;
                value.DangerousAddRef(ref added);
                inputValues[leasedInputs] = value.DangerousGetHandle();
            }

            for (var i = 0; i < outputCount; i++)
            {
                outputNames[i] = sessionOutputNames[outputIndices[i]];
            }

            for (; leasedOutputs < preallocated.Length; leasedOutputs++)
            {
                var added = false;
                var value = preallocated[leasedOutputs]!.Handle;
                value.DangerousAddRef(ref added);
                outputValues[leasedOutputs] = value.DangerousGetHandle();
            }

            // Inputs come in model order, so the session's own name array is the name list.
            fixed (nint* inputNamesPointer = sessionInputNames)
            fixed (nint* inputValuesPointer = inputValues)
            fixed (nint* outputNamesPointer = outputNames)
            fixed (nint* outputValuesPointer = outputValues)
            {
                status = OrtNative.Run(session.Pointer, inputNamesPointer, inputValuesPointer, inputCount, outputNamesPointer, outputCount, outputValuesPointer);
            }
        }
        finally
        {
            for (var i = 0; i < leasedInputs; i++)
            {
                inputs[i]!.Handle.DangerousRelease();
            }

            for (var i = 0; i < leasedOutputs; i++)
            {
                preallocated[i]!.Handle.DangerousRelease();
            }
        }

        OrtStatusChecker.ThrowIfFailed(status);
        if (preallocated.IsEmpty)
        {
            outputValues.CopyTo(produced);
        }
    }

    private OrtTensor[] Wrap(nint[] produced, int[] outputIndices)
    {
        var result = new OrtTensor[produced.Length];
        var done = 0;
        try
        {
            for (; done < produced.Length; done++)
            {
                result[done] = OrtTensor.FromNative(produced[done], _outputs[outputIndices[done]].Name);
            }

            return result;
        }
        catch
        {
            for (var i = 0; i < done; i++)
            {
                result[i].Dispose();
            }

            for (var i = done + 1; i < produced.Length; i++)
            {
                OrtNative.Release(OrtApiSlot.ReleaseValue, produced[i]);
            }

            throw;
        }
    }
}
