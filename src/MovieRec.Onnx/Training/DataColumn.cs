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

/// <summary>An Int64 column of <c>width</c> values a row (a scalar per row when the width is 1) whose values are not
/// stored as one array.</summary>
internal abstract class Int64Column : DataColumn
{
    protected Int64Column(string name, int width)
        : base(name, OnnxElementType.Int64, width == 1 ? [] : [width], width)
    {
    }

    public override PinnedTensor AllocateBatch(int batchSize) => PinnedTensor.Allocate<long>(BatchShape(batchSize));
}

/// <summary>
/// An Int64 column read through an index: row r is <c>width</c> values at <c>offset</c> of row <c>ids[r]</c> of a shared
/// row-major table (a user's or movie's feature row), so a table of a few thousand rows feeds millions of examples
/// without a copy per example.
/// </summary>
internal sealed class GatheredColumn : Int64Column
{
    private readonly long[] _table;
    private readonly int _tableWidth;
    private readonly int _offset;
    private readonly int[] _ids;

    public GatheredColumn(string name, long[] table, int tableWidth, int offset, int width, int[] ids)
        : base(name, width)
    {
        _table = table;
        _tableWidth = tableWidth;
        _offset = offset;
        _ids = ids;
    }

    public override void CopyRows(ReadOnlySpan<int> rows, PinnedTensor destination)
    {
        var target = destination.GetSpan<long>();
        int width = RowWidth;
        for (int i = 0; i < rows.Length; i++)
        {
            _table.AsSpan((_ids[rows[i]] * _tableWidth) + _offset, width).CopyTo(target.Slice(i * width, width));
        }
    }
}

/// <summary>
/// An Int64 column whose rows are computed when a batch is filled (for example a user's history as of each rating's
/// time), so its values are never all held at once.
/// </summary>
internal sealed class ComputedColumn : Int64Column
{
    private readonly Action<int, Span<long>> _fill;

    public ComputedColumn(string name, int width, Action<int, Span<long>> fill)
        : base(name, width)
    {
        _fill = fill;
    }

    public override void CopyRows(ReadOnlySpan<int> rows, PinnedTensor destination)
    {
        var target = destination.GetSpan<long>();
        int width = RowWidth;
        for (int i = 0; i < rows.Length; i++)
        {
            _fill(rows[i], target.Slice(i * width, width));
        }
    }
}
