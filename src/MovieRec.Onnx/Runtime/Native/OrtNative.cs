using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MovieRec.Onnx.Runtime.Native;

/// <summary>
/// Typed calls into the ONNX Runtime C API table. Each call reads its function pointer from the table
/// (<see cref="OrtLibrary.Api"/>), holds a reference on every <see cref="SafeHandle"/> it passes for the length of
/// the call, and routes every returned status through <see cref="OrtStatusChecker"/>.
/// </summary>
internal static unsafe class OrtNative
{
    private static readonly Lock s_lock = new();
    private static volatile OrtMemoryInfoHandle? s_cpuMemoryInfo;
    private static nint s_defaultAllocator;

    private static nint Fn(int slot) => OrtLibrary.Api[slot];

    // ---- Status and release -------------------------------------------------------------------------------------

    public static int GetErrorCode(nint status) => ((delegate* unmanaged[Cdecl]<nint, int>)Fn(OrtApiSlot.GetErrorCode))(status);

    public static string GetErrorMessage(nint status) =>
        Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint, nint>)Fn(OrtApiSlot.GetErrorMessage))(status)) ?? string.Empty;

    public static void ReleaseStatus(nint status) => ((delegate* unmanaged[Cdecl]<nint, void>)Fn(OrtApiSlot.ReleaseStatus))(status);

    /// <summary>Calls one of the <c>ReleaseXxx</c> functions, all of which take the object and return nothing.</summary>
    public static void Release(int slot, nint pointer) => ((delegate* unmanaged[Cdecl]<nint, void>)Fn(slot))(pointer);

    // ---- Environment ------------------------------------------------------------------------------------------------

    public static OrtEnvHandle CreateEnvWithCustomLogger(
        delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, byte*, byte*, void> logger, OrtLogLevel level, string logId)
    {
        var env = new OrtEnvHandle();
        nint pointer = 0;
        var id = Utf8(logId);
        fixed (byte* idPointer = id)
        {
            OrtStatusChecker.ThrowIfFailed(
                ((delegate* unmanaged[Cdecl]<nint, nint, int, byte*, nint*, nint>)Fn(OrtApiSlot.CreateEnvWithCustomLogger))(
                    (nint)logger, 0, (int)level, idPointer, &pointer),
                "Could not create the ONNX Runtime environment");
        }

        env.Attach(pointer);
        return env;
    }

    /// <summary>Changes the environment's log severity; returns why not when the runtime is too old.</summary>
    public static string? TryUpdateEnvLogLevel(OrtEnvHandle env, OrtLogLevel level)
    {
        var api = OrtLibrary.TryGetApi(14, out var reason);
        if (api == null)
        {
            return reason;
        }

        using var lease = new HandleLease(env);
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, int, nint>)api[OrtApiSlot.UpdateEnvWithCustomLogLevel])(lease.Pointer, (int)level));
        return null;
    }

    // ---- Session options ----------------------------------------------------------------------------------------

    public static OrtSessionOptionsHandle CreateSessionOptions()
    {
        var options = new OrtSessionOptionsHandle();
        nint pointer = 0;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint*, nint>)Fn(OrtApiSlot.CreateSessionOptions))(&pointer));
        options.Attach(pointer);
        return options;
    }

    /// <summary>Calls a session-options setter that takes one <see cref="int"/>.</summary>
    public static void SetSessionOption(OrtSessionOptionsHandle options, int slot, int value)
    {
        using var lease = new HandleLease(options);
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, int, nint>)Fn(slot))(lease.Pointer, value));
    }

    public static void SetSessionLogId(OrtSessionOptionsHandle options, string logId)
    {
        using var lease = new HandleLease(options);
        fixed (byte* id = Utf8(logId))
        {
            OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, byte*, nint>)Fn(OrtApiSlot.SetSessionLogId))(lease.Pointer, id));
        }
    }

    public static void AddSessionConfigEntry(OrtSessionOptionsHandle options, string key, string value)
    {
        using var lease = new HandleLease(options);
        fixed (byte* keyPointer = Utf8(key))
        fixed (byte* valuePointer = Utf8(value))
        {
            OrtStatusChecker.ThrowIfFailed(
                ((delegate* unmanaged[Cdecl]<nint, byte*, byte*, nint>)Fn(OrtApiSlot.AddSessionConfigEntry))(lease.Pointer, keyPointer, valuePointer),
                $"Session configuration entry '{key}' = '{value}' was rejected");
        }
    }

    /// <summary>Adds the CUDA provider for one device; returns the runtime's error instead of throwing.</summary>
    public static OnnxRuntimeException? TryAppendCuda(OrtSessionOptionsHandle options, int deviceId)
    {
        nint cudaOptions = 0;
        var failure = OrtStatusChecker.ToException(((delegate* unmanaged[Cdecl]<nint*, nint>)Fn(OrtApiSlot.CreateCudaProviderOptions))(&cudaOptions));
        if (failure is not null)
        {
            return failure;
        }

        using var cuda = new OrtCudaProviderOptionsHandle();
        cuda.Attach(cudaOptions);
        var key = Utf8("device_id");
        var value = Utf8(deviceId.ToString(CultureInfo.InvariantCulture));
        fixed (byte* keyPointer = key)
        fixed (byte* valuePointer = value)
        {
            var keys = stackalloc byte*[1] { keyPointer };
            var values = stackalloc byte*[1] { valuePointer };
            failure = OrtStatusChecker.ToException(
                ((delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)Fn(OrtApiSlot.UpdateCudaProviderOptions))(cudaOptions, keys, values, 1));
        }

        if (failure is not null)
        {
            return failure;
        }

        using var lease = new HandleLease(options);
        return OrtStatusChecker.ToException(
            ((delegate* unmanaged[Cdecl]<nint, nint, nint>)Fn(OrtApiSlot.SessionOptionsAppendExecutionProviderCudaV2))(lease.Pointer, cudaOptions));
    }

    // ---- Sessions -------------------------------------------------------------------------------------------------

    public static OnnxRuntimeException? TryCreateSession(OrtEnvHandle env, string path, OrtSessionOptionsHandle options, out OrtSessionHandle? session)
    {
        using var envLease = new HandleLease(env);
        using var optionsLease = new HandleLease(options);
        nint pointer = 0;
        nint status;
        if (OperatingSystem.IsWindows())
        {
            fixed (char* wide = path)
            {
                status = ((delegate* unmanaged[Cdecl]<nint, char*, nint, nint*, nint>)Fn(OrtApiSlot.CreateSession))(envLease.Pointer, wide, optionsLease.Pointer, &pointer);
            }
        }
        else
        {
            fixed (byte* narrow = Utf8(path))
            {
                status = ((delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint>)Fn(OrtApiSlot.CreateSession))(envLease.Pointer, narrow, optionsLease.Pointer, &pointer);
            }
        }

        return Wrap(status, pointer, out session);
    }

    public static OnnxRuntimeException? TryCreateSession(OrtEnvHandle env, ReadOnlySpan<byte> model, OrtSessionOptionsHandle options, out OrtSessionHandle? session)
    {
        using var envLease = new HandleLease(env);
        using var optionsLease = new HandleLease(options);
        nint pointer = 0;
        nint status;
        fixed (byte* data = model)
        {
            status = ((delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint, nint*, nint>)Fn(OrtApiSlot.CreateSessionFromArray))(
                envLease.Pointer, data, (nuint)model.Length, optionsLease.Pointer, &pointer);
        }

        return Wrap(status, pointer, out session);
    }

    private static OnnxRuntimeException? Wrap(nint status, nint pointer, out OrtSessionHandle? session)
    {
        session = null;
        var failure = OrtStatusChecker.ToException(status);
        if (failure is null)
        {
            session = new OrtSessionHandle();
            session.Attach(pointer);
        }

        return failure;
    }

    public static int GetCount(OrtSessionHandle session, bool outputs)
    {
        using var lease = new HandleLease(session);
        nuint count = 0;
        var slot = outputs ? OrtApiSlot.SessionGetOutputCount : OrtApiSlot.SessionGetInputCount;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Fn(slot))(lease.Pointer, &count));
        return checked((int)count);
    }

    /// <summary>An input or output name as a UTF-8 string allocated by the default allocator (the caller frees it).</summary>
    public static nint GetName(OrtSessionHandle session, bool output, int index)
    {
        using var lease = new HandleLease(session);
        nint name = 0;
        var slot = output ? OrtApiSlot.SessionGetOutputName : OrtApiSlot.SessionGetInputName;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, nuint, nint, nint*, nint>)Fn(slot))(lease.Pointer, (nuint)index, DefaultAllocator, &name));
        return name;
    }

    public static OrtTensorInfo GetTensorInfo(OrtSessionHandle session, bool output, int index, string name)
    {
        using var typeInfo = new OrtTypeInfoHandle();
        using (var lease = new HandleLease(session))
        {
            nint pointer = 0;
            var slot = output ? OrtApiSlot.SessionGetOutputTypeInfo : OrtApiSlot.SessionGetInputTypeInfo;
            OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)Fn(slot))(lease.Pointer, (nuint)index, &pointer));
            typeInfo.Attach(pointer);
        }

        using var info = new HandleLease(typeInfo);
        int onnxType = 0;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, int*, nint>)Fn(OrtApiSlot.GetOnnxTypeFromTypeInfo))(info.Pointer, &onnxType));
        const int OnnxTypeTensor = 1;
        if (onnxType != OnnxTypeTensor)
        {
            return new OrtTensorInfo(name, isTensor: false, OrtElementType.Undefined, [], []);
        }

        nint tensorInfo = 0;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Fn(OrtApiSlot.CastTypeInfoToTensorInfo))(info.Pointer, &tensorInfo));
        var (elementType, shape) = ReadTypeAndShape(tensorInfo);
        var symbols = new string[shape.Length];
        if (shape.Length > 0)
        {
            var names = new nint[shape.Length];
            fixed (nint* namesPointer = names)
            {
                OrtStatusChecker.ThrowIfFailed(
                    ((delegate* unmanaged[Cdecl]<nint, nint*, nuint, nint>)Fn(OrtApiSlot.GetSymbolicDimensions))(tensorInfo, namesPointer, (nuint)names.Length));
            }

            for (var i = 0; i < names.Length; i++)
            {
                symbols[i] = names[i] == 0 ? string.Empty : Marshal.PtrToStringUTF8(names[i]) ?? string.Empty;
            }
        }

        return new OrtTensorInfo(name, isTensor: true, elementType, shape, symbols);
    }

    private static (OrtElementType ElementType, long[] Shape) ReadTypeAndShape(nint tensorInfo)
    {
        int elementType = 0;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, int*, nint>)Fn(OrtApiSlot.GetTensorElementType))(tensorInfo, &elementType));
        nuint rank = 0;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, nuint*, nint>)Fn(OrtApiSlot.GetDimensionsCount))(tensorInfo, &rank));
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
        {
            OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)Fn(OrtApiSlot.GetDimensions))(tensorInfo, dims, rank));
        }

        return ((OrtElementType)elementType, shape);
    }

    // ---- Values -----------------------------------------------------------------------------------------------------

    /// <summary>A tensor over memory the caller keeps pinned for the value's whole life.</summary>
    public static OrtValueHandle CreateTensor(nint data, long byteCount, ReadOnlySpan<long> shape, OrtElementType elementType)
    {
        var value = new OrtValueHandle();
        using var memoryInfo = new HandleLease(CpuMemoryInfo);
        nint pointer = 0;
        fixed (long* dims = shape)
        {
            OrtStatusChecker.ThrowIfFailed(
                ((delegate* unmanaged[Cdecl]<nint, nint, nuint, long*, nuint, int, nint*, nint>)Fn(OrtApiSlot.CreateTensorWithDataAsOrtValue))(
                    memoryInfo.Pointer, data, (nuint)byteCount, dims, (nuint)shape.Length, (int)elementType, &pointer));
        }

        value.Attach(pointer);
        return value;
    }

    /// <summary>Whether a value is a tensor (rather than a sequence, map, ...).</summary>
    public static bool IsTensor(nint value)
    {
        int type = 0;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, int*, nint>)Fn(OrtApiSlot.GetValueType))(value, &type));
        return type == 1;
    }

    public static nint GetTensorData(nint value)
    {
        nint data = 0;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Fn(OrtApiSlot.GetTensorMutableData))(value, &data));
        return data;
    }

    public static (OrtElementType ElementType, long[] Shape) GetTensorTypeAndShape(nint value)
    {
        using var info = new OrtTensorTypeAndShapeInfoHandle();
        nint pointer = 0;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Fn(OrtApiSlot.GetTensorTypeAndShape))(value, &pointer));
        info.Attach(pointer);
        return ReadTypeAndShape(pointer);
    }

    // ---- Running ------------------------------------------------------------------------------------------------------

    public static nint Run(nint session, nint* inputNames, nint* inputValues, int inputCount, nint* outputNames, int outputCount, nint* outputValues) =>
        ((delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)Fn(OrtApiSlot.Run))(
            session, 0, inputNames, inputValues, (nuint)inputCount, outputNames, (nuint)outputCount, outputValues);

    public static OrtIoBindingHandle CreateIoBinding(OrtSessionHandle session, int inputCount, int outputCount)
    {
        var binding = new OrtIoBindingHandle(inputCount, outputCount);
        var added = false;
        session.DangerousAddRef(ref added);
        try
        {
            nint pointer = 0;
            OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Fn(OrtApiSlot.CreateIoBinding))(session.DangerousGetHandle(), &pointer));
            binding.Attach(pointer);
            binding.AttachSession(session);
            added = false;
            return binding;
        }
        finally
        {
            if (added)
            {
                session.DangerousRelease();
            }
        }
    }

    public static void Bind(nint binding, bool output, nint name, nint value)
    {
        var slot = output ? OrtApiSlot.BindOutput : OrtApiSlot.BindInput;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint, nint, nint, nint>)Fn(slot))(binding, name, value));
    }

    public static void ClearBound(nint binding, bool outputs) =>
        ((delegate* unmanaged[Cdecl]<nint, void>)Fn(outputs ? OrtApiSlot.ClearBoundOutputs : OrtApiSlot.ClearBoundInputs))(binding);

    public static nint RunWithBinding(nint session, nint binding) =>
        ((delegate* unmanaged[Cdecl]<nint, nint, nint, nint>)Fn(OrtApiSlot.RunWithBinding))(session, 0, binding);

    // ---- Library information ------------------------------------------------------------------------------------------

    public static string[] GetAvailableProviders()
    {
        nint* names = null;
        int count = 0;
        OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint**, int*, nint>)Fn(OrtApiSlot.GetAvailableProviders))(&names, &count));
        try
        {
            var result = new string[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = Marshal.PtrToStringUTF8(names[i]) ?? string.Empty;
            }

            return result;
        }
        finally
        {
            OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint*, int, nint>)Fn(OrtApiSlot.ReleaseAvailableProviders))(names, count));
        }
    }

    public static string? TryGetBuildInfo(out string? reason)
    {
        var api = OrtLibrary.TryGetApi(15, out reason);
        return api == null ? null : Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint>)api[OrtApiSlot.GetBuildInfoString])()) ?? string.Empty;
    }

    // ---- Shared objects -------------------------------------------------------------------------------------------------

    /// <summary>Describes ordinary CPU memory (arena allocator, default memory type); created once.</summary>
    public static OrtMemoryInfoHandle CpuMemoryInfo
    {
        get
        {
            var info = s_cpuMemoryInfo;
            if (info is not null)
            {
                return info;
            }

            lock (s_lock)
            {
                if (s_cpuMemoryInfo is null)
                {
                    const int ArenaAllocator = 1;
                    const int MemTypeDefault = 0;
                    var created = new OrtMemoryInfoHandle();
                    nint pointer = 0;
                    OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<int, int, nint*, nint>)Fn(OrtApiSlot.CreateCpuMemoryInfo))(ArenaAllocator, MemTypeDefault, &pointer));
                    created.Attach(pointer);
                    s_cpuMemoryInfo = created;
                }

                return s_cpuMemoryInfo;
            }
        }
    }

    /// <summary>The runtime's default CPU allocator (owned by the runtime, never released).</summary>
    public static nint DefaultAllocator
    {
        get
        {
            if (s_defaultAllocator == 0)
            {
                nint allocator = 0;
                OrtStatusChecker.ThrowIfFailed(((delegate* unmanaged[Cdecl]<nint*, nint>)Fn(OrtApiSlot.GetAllocatorWithDefaultOptions))(&allocator));
                s_defaultAllocator = allocator;
            }

            return s_defaultAllocator;
        }
    }

    /// <summary>Frees memory the default allocator handed out; never throws (it runs while releasing handles).</summary>
    public static void FreeWithDefaultAllocator(nint pointer)
    {
        if (pointer != 0 && s_defaultAllocator != 0)
        {
            var status = ((delegate* unmanaged[Cdecl]<nint, nint, nint>)Fn(OrtApiSlot.AllocatorFree))(s_defaultAllocator, pointer);
            if (status != 0)
            {
                ReleaseStatus(status);
            }
        }
    }

    /// <summary>A null-terminated UTF-8 copy of <paramref name="text"/>.</summary>
    public static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
