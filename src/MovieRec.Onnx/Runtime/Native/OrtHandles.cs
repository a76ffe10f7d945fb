using System.Buffers;
using System.Runtime.InteropServices;

namespace MovieRec.Onnx.Runtime.Native;

/// <summary>A native ONNX Runtime object owned by managed code and released exactly once.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Takes ownership of a pointer just returned by the runtime.</summary>
    internal void Attach(nint pointer) => SetHandle(pointer);
}

/// <summary>An <c>OrtStatus</c> (a failed call's code and message).</summary>
internal sealed class OrtStatusHandle : OrtHandle
{
    public OrtStatusHandle(nint status) => Attach(status);

    protected override bool ReleaseHandle()
    {
        OrtNative.ReleaseStatus(handle);
        return true;
    }
}

/// <summary>The process-wide <c>OrtEnv</c>.</summary>
internal sealed class OrtEnvHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Release(OrtApiSlot.ReleaseEnv, handle);
        return true;
    }
}

/// <summary>An <c>OrtSessionOptions</c>.</summary>
internal sealed class OrtSessionOptionsHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Release(OrtApiSlot.ReleaseSessionOptions, handle);
        return true;
    }
}

/// <summary>An <c>OrtSession</c> plus the input and output names the runtime allocated for it.</summary>
internal sealed class OrtSessionHandle : OrtHandle
{
    /// <summary>UTF-8 input names in model order (allocated by the runtime's default allocator).</summary>
    internal nint[] InputNames { get; set; } = [];

    /// <summary>UTF-8 output names in model order.</summary>
    internal nint[] OutputNames { get; set; } = [];

    protected override bool ReleaseHandle()
    {
        OrtNative.Release(OrtApiSlot.ReleaseSession, handle);
        foreach (var name in InputNames)
        {
            OrtNative.FreeWithDefaultAllocator(name);
        }

        foreach (var name in OutputNames)
        {
            OrtNative.FreeWithDefaultAllocator(name);
        }

        return true;
    }
}

/// <summary>
/// An <c>OrtValue</c>. When the tensor's data is managed memory, the handle also owns the pin that keeps that
/// memory in place, and drops it only after the value is released.
/// </summary>
internal sealed class OrtValueHandle : OrtHandle
{
    private MemoryHandle _pin;

    internal void AttachPin(MemoryHandle pin) => _pin = pin;

    protected override bool ReleaseHandle()
    {
        OrtNative.Release(OrtApiSlot.ReleaseValue, handle);
        _pin.Dispose();
        return true;
    }
}

/// <summary>An <c>OrtMemoryInfo</c>.</summary>
internal sealed class OrtMemoryInfoHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Release(OrtApiSlot.ReleaseMemoryInfo, handle);
        return true;
    }
}

/// <summary>An <c>OrtTypeInfo</c>.</summary>
internal sealed class OrtTypeInfoHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Release(OrtApiSlot.ReleaseTypeInfo, handle);
        return true;
    }
}

/// <summary>An owned <c>OrtTensorTypeAndShapeInfo</c>.</summary>
internal sealed class OrtTensorTypeAndShapeInfoHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Release(OrtApiSlot.ReleaseTensorTypeAndShapeInfo, handle);
        return true;
    }
}

/// <summary>An <c>OrtCUDAProviderOptionsV2</c>.</summary>
internal sealed class OrtCudaProviderOptionsHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtNative.Release(OrtApiSlot.ReleaseCudaProviderOptions, handle);
        return true;
    }
}

/// <summary>
/// An <c>OrtIoBinding</c>. It keeps its session and every bound value alive (by reference count) until it is
/// released, because the runtime reads and writes their memory on each run.
/// </summary>
internal sealed class OrtIoBindingHandle : OrtHandle
{
    private OrtSessionHandle? _session;

    internal OrtIoBindingHandle(int inputCount, int outputCount)
    {
        BoundInputs = new OrtValueHandle?[inputCount];
        BoundOutputs = new OrtValueHandle?[outputCount];
    }

    internal OrtValueHandle?[] BoundInputs { get; }

    internal OrtValueHandle?[] BoundOutputs { get; }

    /// <summary>Records the session the binding was created for; the caller has added a reference to it.</summary>
    internal void AttachSession(OrtSessionHandle session) => _session = session;

    /// <summary>Replaces one bound value, moving the reference count from the old value to the new one.</summary>
    internal static void Swap(OrtValueHandle?[] slots, int index, OrtValueHandle? value)
    {
        if (value is not null)
        {
            var added = false;
            value.DangerousAddRef(ref added);
        }

        var old = slots[index];
        slots[index] = value;
        old?.DangerousRelease();
    }

    protected override bool ReleaseHandle()
    {
        OrtNative.Release(OrtApiSlot.ReleaseIoBinding, handle);
        for (var i = 0; i < BoundInputs.Length; i++)
        {
            Swap(BoundInputs, i, null);
        }

        for (var i = 0; i < BoundOutputs.Length; i++)
        {
            Swap(BoundOutputs, i, null);
        }

        _session?.DangerousRelease();
        return true;
    }
}
