using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Training;

/// <summary>Allocation and conversion helpers between managed doubles and pinned ONNX Runtime tensors.</summary>
internal static class TensorBuffers
{
    public static PinnedTensor Allocate(OnnxElementType type, long[] shape) => type switch
    {
        OnnxElementType.Float => PinnedTensor.Allocate<float>(shape),
        OnnxElementType.Double => PinnedTensor.Allocate<double>(shape),
        OnnxElementType.Int64 => PinnedTensor.Allocate<long>(shape),
        OnnxElementType.Int32 => PinnedTensor.Allocate<int>(shape),
        OnnxElementType.Bool => PinnedTensor.Allocate<bool>(shape),
        _ => throw new NotSupportedException($"Tensors of {type} are not supported here."),
    };

    public static void SetScalar(PinnedTensor tensor, double value)
    {
        if (tensor.ElementType == TensorElementType.Float)
        {
            tensor.GetSpan<float>()[0] = (float)value;
        }
        else
        {
            tensor.GetSpan<double>()[0] = value;
        }
    }

    public static double GetScalar(PinnedTensor tensor) =>
        tensor.ElementType == TensorElementType.Float ? tensor.GetSpan<float>()[0] : tensor.GetSpan<double>()[0];

    public static void Write(PinnedTensor tensor, ReadOnlySpan<double> values)
    {
        if (tensor.ElementType == TensorElementType.Float)
        {
            var target = tensor.GetSpan<float>();
            for (int i = 0; i < values.Length; i++)
            {
                target[i] = (float)values[i];
            }
        }
        else
        {
            values.CopyTo(tensor.GetSpan<double>());
        }
    }

    public static double[] Read(PinnedTensor tensor) =>
        tensor.ElementType == TensorElementType.Float ? Widen(tensor.GetSpan<float>()) : tensor.GetSpan<double>().ToArray();

    /// <summary>The first element of an output that ONNX Runtime allocated (a scalar loss, for example).</summary>
    public static double GetScalar(OrtValue value) =>
        value.GetTensorTypeAndShape().ElementDataType == TensorElementType.Float ? value.GetTensorDataAsSpan<float>()[0] : value.GetTensorDataAsSpan<double>()[0];

    /// <summary>The elements of an output that ONNX Runtime allocated, as doubles.</summary>
    public static double[] Read(OrtValue value) =>
        value.GetTensorTypeAndShape().ElementDataType == TensorElementType.Float ? Widen(value.GetTensorDataAsSpan<float>()) : value.GetTensorDataAsSpan<double>().ToArray();

    private static double[] Widen(ReadOnlySpan<float> source)
    {
        var result = new double[source.Length];
        TensorPrimitives.ConvertChecked(source, result.AsSpan());
        return result;
    }

    public static OnnxTensorData ToTensorData(PinnedTensor tensor, long[] dims) => tensor.ElementType == TensorElementType.Float
        ? OnnxTensorData.FromFloats(tensor.GetSpan<float>(), dims)
        : OnnxTensorData.FromDoubles(tensor.GetSpan<double>(), dims);
}
