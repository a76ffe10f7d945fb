using MovieRec.Onnx.Runtime.Native;

namespace MovieRec.Onnx.Runtime;

/// <summary>
/// Tensors bound to a session's inputs and outputs once and reused by every <see cref="Run"/>: the cheapest way to
/// run the same model repeatedly (a training loop), since names are not looked up and nothing is allocated per run.
/// </summary>
/// <remarks>
/// <para>A bound tensor stays alive (and its memory pinned) until it is unbound, rebound, or the binding is
/// disposed, even if the caller disposes it meanwhile. Change the data of a bound input in place between runs;
/// bound outputs receive each run's results in place.</para>
/// <para>With a GPU provider, ONNX Runtime copies an input to the device when it is bound: bind it again after
/// changing its data.</para>
/// <para>The binding's methods are serialized by a lock, so one binding may be shared by threads, but runs through
/// it happen one at a time; use one binding per thread for concurrent runs.</para>
/// </remarks>
public sealed class OrtIoBinding : IDisposable
{
    private readonly OrtIoBindingHandle _handle;
    private readonly Lock _lock = new();
    private volatile bool _disposed;

    internal OrtIoBinding(InferenceSession session, OrtIoBindingHandle handle)
    {
        Session = session;
        _handle = handle;
    }

    /// <summary>The session the binding belongs to.</summary>
    public InferenceSession Session { get; }

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Binds a tensor to an input (replacing any tensor bound to it before).</summary>
    /// <param name="name">The input name.</param>
    /// <param name="tensor">A tensor of the input's element type and shape.</param>
    /// <exception cref="ArgumentException">The name is unknown or the tensor does not fit the input.</exception>
    /// <exception cref="ObjectDisposedException">The binding, its session or the tensor was disposed.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime refused the binding.</exception>
    public void BindInput(string name, OrtTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        ObjectDisposedException.ThrowIf(Session.IsDisposed, Session);
        var index = Session.CheckInput(name, tensor, nameof(name));
        Bind(output: false, index, tensor);
    }

    /// <summary>Binds a tensor to receive an output in place (replacing any tensor bound to it before).</summary>
    /// <param name="name">The output name.</param>
    /// <param name="tensor">A tensor of the output's element type and shape.</param>
    /// <exception cref="ArgumentException">The name is unknown or the tensor does not fit the output.</exception>
    /// <exception cref="ObjectDisposedException">The binding, its session or the tensor was disposed.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime refused the binding.</exception>
    public void BindOutput(string name, OrtTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        ObjectDisposedException.ThrowIf(Session.IsDisposed, Session);
        var index = Session.CheckOutput(name, tensor, nameof(name));
        Bind(output: true, index, tensor);
    }

    /// <summary>Unbinds every input.</summary>
    /// <exception cref="ObjectDisposedException">The binding was disposed.</exception>
    public void ClearBoundInputs() => Clear(outputs: false);

    /// <summary>Unbinds every output.</summary>
    /// <exception cref="ObjectDisposedException">The binding was disposed.</exception>
    public void ClearBoundOutputs() => Clear(outputs: true);

    /// <summary>Runs the session on the bound tensors; same as <see cref="InferenceSession.Run(OrtIoBinding)"/>.</summary>
    /// <exception cref="ArgumentException">An input is not bound.</exception>
    /// <exception cref="ObjectDisposedException">The binding or its session was disposed.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed while running.</exception>
    public void Run() => Session.Run(this);

    /// <summary>Releases the binding and the references it holds on bound tensors. Calling it again does nothing.</summary>
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    /// <summary>Runs with the session pointer the caller holds a reference on.</summary>
    internal void Execute(nint session)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_lock)
        {
            using var binding = new HandleLease(_handle);
            var bound = _handle.BoundInputs;
            for (var i = 0; i < bound.Length; i++)
            {
                if (bound[i] is null)
                {
                    throw Unbound(bound);
                }
            }

            OrtStatusChecker.ThrowIfFailed(OrtNative.RunWithBinding(session, binding.Pointer));
        }
    }

    // Kept out of Execute: a lambda there would allocate its closure on every run.
    private ArgumentException Unbound(OrtValueHandle?[] bound)
    {
        var missing = Enumerable.Range(0, bound.Length).Where(j => bound[j] is null).Select(j => Session.InputInfo(j).ToString());
        return new ArgumentException($"Input(s) not bound: {string.Join(", ", missing)}. Bind every input before running.", "binding");
    }

    private void Bind(bool output, int index, OrtTensor tensor)
    {
        lock (_lock)
        {
            using var binding = new HandleLease(_handle);
            using var value = new HandleLease(tensor.Handle);
            var names = output ? Session.Handle.OutputNames : Session.Handle.InputNames;
            OrtNative.Bind(binding.Pointer, output, names[index], value.Pointer);
            OrtIoBindingHandle.Swap(output ? _handle.BoundOutputs : _handle.BoundInputs, index, tensor.Handle);
        }
    }

    private void Clear(bool outputs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_lock)
        {
            using var binding = new HandleLease(_handle);
            OrtNative.ClearBound(binding.Pointer, outputs);
            var slots = outputs ? _handle.BoundOutputs : _handle.BoundInputs;
            for (var i = 0; i < slots.Length; i++)
            {
                OrtIoBindingHandle.Swap(slots, i, null);
            }
        }
    }
}
