using System.Runtime.InteropServices;

namespace MovieRec.Onnx.Runtime.Native;

/// <summary>
/// Holds a reference on a <see cref="SafeHandle"/> for the length of a native call, so that a concurrent
/// <c>Dispose</c> cannot release the object underneath the call; disposing the lease gives it back.
/// </summary>
internal ref struct HandleLease
{
    private readonly SafeHandle _handle;
    private bool _added;

    /// <exception cref="ObjectDisposedException">The handle is already closed.</exception>
    public HandleLease(SafeHandle handle)
    {
        _handle = handle;
        _added = false;
        handle.DangerousAddRef(ref _added);
        Pointer = handle.DangerousGetHandle();
    }

    /// <summary>The native pointer, valid until the lease is disposed.</summary>
    public nint Pointer { get; }

    public void Dispose()
    {
        if (_added)
        {
            _added = false;
            _handle.DangerousRelease();
        }
    }
}
