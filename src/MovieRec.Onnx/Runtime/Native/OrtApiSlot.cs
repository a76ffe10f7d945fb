namespace MovieRec.Onnx.Runtime.Native;

/// <summary>
/// Positions of the C API functions MovieRec calls in the <c>OrtApi</c> function table (0-based, in pointers).
/// </summary>
/// <remarks>
/// The table is append-only, so a position never changes once shipped. The numbers were counted in the
/// public <c>onnxruntime_c_api.cc</c> table and agree with its <c>static_assert(offsetof(OrtApi, ...))</c> checks
/// (for example ReleaseCustomOpDomain = 101, ReleaseAvailableProviders = 126, SynchronizeBoundOutputs = 203,
/// SessionOptionsAppendExecutionProvider_MIGraphX = 209, GetSessionConfigEntry = 238, GetBuildInfoString = 254).
/// The comment on each gives the API version that added it.
/// </remarks>
internal static class OrtApiSlot
{
    // Version 1.
    public const int GetErrorCode = 1;
    public const int GetErrorMessage = 2;
    public const int CreateEnvWithCustomLogger = 4;
    public const int CreateSession = 7;
    public const int CreateSessionFromArray = 8;
    public const int Run = 9;
    public const int CreateSessionOptions = 10;
    public const int SetSessionLogId = 20;
    public const int SetSessionLogSeverityLevel = 22;
    public const int SetSessionGraphOptimizationLevel = 23;
    public const int SetIntraOpNumThreads = 24;
    public const int SetInterOpNumThreads = 25;
    public const int SessionGetInputCount = 30;
    public const int SessionGetOutputCount = 31;
    public const int SessionGetInputTypeInfo = 33;
    public const int SessionGetOutputTypeInfo = 34;
    public const int SessionGetInputName = 36;
    public const int SessionGetOutputName = 37;
    public const int CreateTensorWithDataAsOrtValue = 49;
    public const int GetTensorMutableData = 51;
    public const int CastTypeInfoToTensorInfo = 55;
    public const int GetOnnxTypeFromTypeInfo = 56;
    public const int GetTensorElementType = 60;
    public const int GetDimensionsCount = 61;
    public const int GetDimensions = 62;
    public const int GetSymbolicDimensions = 63;
    public const int GetTensorTypeAndShape = 65;
    public const int GetValueType = 67;
    public const int CreateCpuMemoryInfo = 69;
    public const int AllocatorFree = 76;
    public const int GetAllocatorWithDefaultOptions = 78;
    public const int ReleaseEnv = 92;
    public const int ReleaseStatus = 93;
    public const int ReleaseMemoryInfo = 94;
    public const int ReleaseSession = 95;
    public const int ReleaseValue = 96;
    public const int ReleaseTypeInfo = 98;
    public const int ReleaseTensorTypeAndShapeInfo = 99;
    public const int ReleaseSessionOptions = 100;

    // Version 4.
    public const int GetAvailableProviders = 125;
    public const int ReleaseAvailableProviders = 126;

    // Version 5.
    public const int AddSessionConfigEntry = 130;
    public const int RunWithBinding = 133;
    public const int CreateIoBinding = 134;
    public const int ReleaseIoBinding = 135;
    public const int BindInput = 136;
    public const int BindOutput = 137;
    public const int ClearBoundInputs = 141;
    public const int ClearBoundOutputs = 142;

    // Version 11 (OrtLibrary.RequiredApiVersion).
    public const int SessionOptionsAppendExecutionProviderCudaV2 = 204;
    public const int CreateCudaProviderOptions = 205;
    public const int UpdateCudaProviderOptions = 206;
    public const int ReleaseCudaProviderOptions = 208;

    // Version 14 (optional).
    public const int UpdateEnvWithCustomLogLevel = 226;

    // Version 15 (optional).
    public const int GetBuildInfoString = 254;
}
