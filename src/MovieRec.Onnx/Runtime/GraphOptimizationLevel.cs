namespace MovieRec.Onnx.Runtime;

/// <summary>How much ONNX Runtime rewrites a graph before running it (the C API's <c>GraphOptimizationLevel</c>).</summary>
public enum GraphOptimizationLevel
{
    /// <summary>No rewriting: the graph runs exactly as written (useful to debug a model).</summary>
    Disabled = 0,

    /// <summary>Semantics-preserving rewrites only: constant folding, redundant node removal.</summary>
    Basic = 1,

    /// <summary>Basic plus operator fusions (for example MatMul + Add into Gemm-like kernels).</summary>
    Extended = 2,

    /// <summary>Extended plus memory-layout optimisations.</summary>
    Layout = 3,

    /// <summary>Every optimisation the runtime has (the default).</summary>
    All = 99,
}
