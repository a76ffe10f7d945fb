using MovieRec.Onnx.Model;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Training;

/// <summary>Allocation and conversion helpers between managed doubles and pinned ONNX Runtime tensors.</summary>
internal static class TensorBuffers
{
    public static OrtTensor Allocate(OnnxElementType type, long[] shape) => type switch
    {
        OnnxElementType.Float => OrtTensor.Allocate<float>(shape),
        OnnxElementType.Double => OrtTensor.Allocate<double>(shape),
        OnnxElementType.Int64 => OrtTensor.Allocate<long>(shape),
        OnnxElementType.Int32 => OrtTensor.Allocate<int>(shape),
        OnnxElementType.Bool => OrtTensor.Allocate<bool>(shape),
        _ => throw new NotSupportedException($"Tensors of {type} are not supported here."),
    };

    public static void SetScalar(OrtTensor tensor, double value)
    {
        if (tensor.ElementType == OrtElementType.Float)
        {
            tensor.GetSpan<float>()[0] = (float)value;
        }
        else
        {
            tensor.GetSpan<double>()[0] = value;
        }
    }

    public static double GetScalar(OrtTensor tensor) =>
        tensor.ElementType == OrtElementType.Float ? tensor.GetSpan<float>()[0] : tensor.GetSpan<double>()[0];

    public static void Write(OrtTensor tensor, ReadOnlySpan<double> values)
    {
        if (tensor.ElementType == OrtElementType.Float)
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

    public static double[] Read(OrtTensor tensor)
    {
        if (tensor.ElementType == OrtElementType.Float)
        {
            var source = tensor.GetSpan<float>();
            var result = new double[source.Length];
            for (int i = 0; i < source.Length; i++)
            {
                result[i] = source[i];
            }

            return result;
        }

        return tensor.GetSpan<double>().ToArray();
    }

    public static OnnxTensorData ToTensorData(OrtTensor tensor, long[] dims) => tensor.ElementType == OrtElementType.Float
        ? OnnxTensorData.FromFloats(tensor.GetSpan<float>(), dims)
        : OnnxTensorData.FromDoubles(tensor.GetSpan<double>(), dims);
}
