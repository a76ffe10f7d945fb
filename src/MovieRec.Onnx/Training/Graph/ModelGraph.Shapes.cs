using System.Globalization;
using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Training.Graph;

/// <summary>Shape inference helpers.</summary>
public sealed partial class ModelGraph
{
    internal static OnnxDim[] BroadcastShapes(string op, IReadOnlyList<OnnxDim> a, IReadOnlyList<OnnxDim> b)
    {
        int rank = Math.Max(a.Count, b.Count);
        var result = new OnnxDim[rank];
        for (int i = 0; i < rank; i++)
        {
            int ia = a.Count - rank + i;
            int ib = b.Count - rank + i;
            OnnxDim? da = ia >= 0 ? a[ia] : (OnnxDim?)null;
            OnnxDim? db = ib >= 0 ? b[ib] : (OnnxDim?)null;
            if (da is null)
            {
                result[i] = db!.Value;
            }
            else if (db is null)
            {
                result[i] = da.Value;
            }
            else if (da.Value == db.Value)
            {
                result[i] = da.Value;
            }
            else if (da.Value.IsFixed && da.Value.Size == 1)
            {
                result[i] = db.Value;
            }
            else if (db.Value.IsFixed && db.Value.Size == 1)
            {
                result[i] = da.Value;
            }
            else
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{op}: shapes {GraphTensor.FormatShape(a)} and {GraphTensor.FormatShape(b)} cannot be broadcast together (axis {i - rank} is {da.Value} in one and {db.Value} in the other)."));
            }
        }

        return result;
    }

    internal static int NormalizeAxis(string op, long axis, int rank, IReadOnlyList<OnnxDim> shape)
    {
        long normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
        {
            throw new ArgumentOutOfRangeException(
                nameof(axis),
                axis,
                $"{op}: axis {axis} is out of range for shape {GraphTensor.FormatShape(shape)} (rank {rank}).");
        }

        return (int)normalized;
    }

    internal static long[] NormalizeAxes(string op, IReadOnlyList<long> axes, int rank, IReadOnlyList<OnnxDim> shape)
    {
        var result = new long[axes.Count];
        for (int i = 0; i < axes.Count; i++)
        {
            result[i] = NormalizeAxis(op, axes[i], rank, shape);
        }

        Array.Sort(result);
        for (int i = 1; i < result.Length; i++)
        {
            if (result[i] == result[i - 1])
            {
                throw new ArgumentException($"{op}: axis {result[i]} is given twice in [{string.Join(", ", axes)}].", nameof(axes));
            }
        }

        return result;
    }

    private static void RequireSameType(string op, GraphTensor a, GraphTensor b)
    {
        if (a.ElementType != b.ElementType)
        {
            throw new ArgumentException($"{op}: element types differ: '{a.Name}' is {a.ElementType}{a.ShapeText} and '{b.Name}' is {b.ElementType}{b.ShapeText}.");
        }
    }

    private static void RequireFloat(string op, GraphTensor x, string parameterName)
    {
        if (!x.IsFloat)
        {
            throw new ArgumentException($"{op}: '{x.Name}' is {x.ElementType}{x.ShapeText}; a Float or Double tensor is expected.", parameterName);
        }
    }

    private static void RequireRank(string op, GraphTensor x, int minRank, string parameterName)
    {
        if (x.Rank < minRank)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{op}: '{x.Name}' has shape {x.ShapeText}; rank {minRank} or more is expected."), parameterName);
        }
    }

    private static void RequireFixedAxis(string op, GraphTensor x, int axis)
    {
        if (!x.Dims[axis].IsFixed)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"{op}: axis {axis} of '{x.Name}' {x.ShapeText} is symbolic ({x.Dims[axis]}); this operation needs a fixed size there."));
        }
    }
}
