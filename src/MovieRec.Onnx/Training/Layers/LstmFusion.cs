using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Training.Layers;

/// <summary>
/// Replaces an unrolled <see cref="LstmLayer"/> by one ONNX <c>LSTM</c> node (opset 14+ semantics,
/// layout 0) with the same weights: gate blocks reordered from i, f, g, o to ONNX's i, o, f, c,
/// the constant forget-gate offset folded into the bias, and the mask turned into sequence lengths.
/// </summary>
internal static class LstmFusion
{
    // ONNX gate block k comes from this layer's block s_source[k] (ONNX: i, o, f, c; layer: i, f, g, o).
    private static readonly int[] s_source = [0, 3, 1, 2];

    public static (GraphTensor Sequence, GraphTensor Final) Fuse(ModelGraph g, LstmRegion region, Func<GraphTensor, double[]> valuesOf)
    {
        long h = region.HiddenSize;
        long e = region.InputWeight.Shape[0].Size;
        long steps = region.Input.Shape[1].Size;
        var w = valuesOf(region.InputWeight);
        var u = valuesOf(region.RecurrentWeight);
        var b = valuesOf(region.Bias);
        var fusedW = new double[4 * h * e];
        var fusedR = new double[4 * h * h];
        var fusedB = new double[8 * h];
        for (int k = 0; k < 4; k++)
        {
            long source = s_source[k] * h;
            for (long j = 0; j < h; j++)
            {
                long row = (k * h) + j;
                for (long c = 0; c < e; c++)
                {
                    fusedW[(row * e) + c] = w[(c * 4 * h) + source + j];
                }

                for (long c = 0; c < h; c++)
                {
                    fusedR[(row * h) + c] = u[(c * 4 * h) + source + j];
                }

                fusedB[row] = b[source + j] + (s_source[k] == 1 ? 1.0 : 0.0);
            }
        }

        var x = g.Transpose(region.Input, 1, 0, 2);
        GraphTensor lengths;
        if (region.Mask is { } mask)
        {
            lengths = g.Cast(g.ReduceSum(mask, [1]), OnnxElementType.Int32);
        }
        else
        {
            var batch = g.Slice(g.ShapeOf(region.Input), 0, 0, 1);
            lengths = g.AddUnary("ConstantOfShape", batch, [region.Input.Shape[0]], OnnxElementType.Int32, [OnnxAttribute.Tensor("value", OnnxTensorData.FromInt32s([(int)steps], 1))]);
        }

        var n = region.Input.Shape[0];
        var node = g.AddNode(
            "LSTM",
            [x, Constant(g, fusedW, [1, 4 * h, e]), Constant(g, fusedR, [1, 4 * h, h]), Constant(g, fusedB, [1, 8 * h]), lengths],
            [[steps, 1, n, h], [1, n, h]],
            [region.Input.ElementType, region.Input.ElementType],
            [OnnxAttribute.Int("hidden_size", h)]);
        var sequence = g.Transpose(g.Squeeze(node.Outputs[0], 1), 1, 0, 2);
        var final = g.Squeeze(node.Outputs[1], 0);
        return (sequence, final);
    }

    private static GraphTensor Constant(ModelGraph g, double[] values, long[] dims) => g.Constant(
        g.FloatType == OnnxElementType.Float ? OnnxTensorData.FromFloats(Array.ConvertAll(values, v => (float)v), dims) : OnnxTensorData.FromDoubles(values, dims));
}
