using MovieRec.Onnx.Format;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Training;

/// <summary>One named column of <see cref="TrainingData"/>: rows of a fixed shape, stored row-major.</summary>
internal abstract class DataColumn
{
    protected DataColumn(string name, OnnxElementType elementType, long[] rowShape, int rowWidth)
    {
        Name = name;
        ElementType = elementType;
        RowShape = rowShape;
        RowWidth = rowWidth;
    }

    public string Name { get; }

    public OnnxElementType ElementType { get; }

    public long[] RowShape { get; }

    public int RowWidth { get; }

    public abstract PinnedTensor AllocateBatch(int batchSize);

    /// <summary>Copies the given rows, in order, into the start of a batch tensor.</summary>
    public abstract void CopyRows(ReadOnlySpan<int> rows, PinnedTensor destination);

    public long[] BatchShape(int batchSize) => [batchSize, .. RowShape];
}

/// <summary>A column of one element type.</summary>
internal sealed class DataColumn<T> : DataColumn
    where T : unmanaged
{
    private readonly T[] _values;

    public DataColumn(string name, OnnxElementType elementType, T[] values, long[] rowShape, int rowWidth)
        : base(name, elementType, rowShape, rowWidth)
    {
        _values = values;
    }

    public override PinnedTensor AllocateBatch(int batchSize) => PinnedTensor.Allocate<T>(BatchShape(batchSize));

    public override void CopyRows(ReadOnlySpan<int> rows, PinnedTensor destination)
    {
        var target = destination.GetSpan<T>();
        var source = _values.AsSpan();
        int width = RowWidth;
        if (width == 1)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                target[i] = source[rows[i]];
            }

            return;
        }

        for (int i = 0; i < rows.Length; i++)
        {
            source.Slice(rows[i] * width, width).CopyTo(target.Slice(i * width, width));
        }
    }
}
