using System.Globalization;
using MovieRec.Onnx.Format;

namespace MovieRec.Onnx.Training;

/// <summary>
/// Rows of named columns fed to a model's inputs by name: each column holds, for every row, a
/// value or a small fixed-shape block (for example 20 title-word ids). The row is the batch axis.
/// </summary>
public sealed class TrainingData
{
    private readonly Dictionary<string, DataColumn> _columns = new(StringComparer.Ordinal);

    private TrainingData(int rowCount)
    {
        RowCount = rowCount;
    }

    /// <summary>Gets the number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Gets the column names.</summary>
    public IReadOnlyCollection<string> ColumnNames => _columns.Keys;

    /// <summary>Creates an empty table with a fixed number of rows.</summary>
    /// <param name="rowCount">Rows, at least 1.</param>
    /// <returns>The table; add columns with the <c>Add</c> methods.</returns>
    public static TrainingData Create(int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowCount, 1);
        return new TrainingData(rowCount);
    }

    /// <summary>Adds a Float column (the array is used, not copied).</summary>
    /// <param name="name">The model input it feeds.</param>
    /// <param name="values">RowCount × product(rowShape) values, row-major.</param>
    /// <param name="rowShape">Shape of one row; empty for one value per row.</param>
    /// <returns>This table.</returns>
    public TrainingData Add(string name, float[] values, params long[] rowShape) => AddColumn(name, values, OnnxElementType.Float, rowShape);

    /// <summary>Adds a Double column (the array is used, not copied).</summary>
    /// <param name="name">The model input it feeds.</param>
    /// <param name="values">RowCount × product(rowShape) values, row-major.</param>
    /// <param name="rowShape">Shape of one row; empty for one value per row.</param>
    /// <returns>This table.</returns>
    public TrainingData Add(string name, double[] values, params long[] rowShape) => AddColumn(name, values, OnnxElementType.Double, rowShape);

    /// <summary>Adds an Int64 column, such as ids (the array is used, not copied).</summary>
    /// <param name="name">The model input it feeds.</param>
    /// <param name="values">RowCount × product(rowShape) values, row-major.</param>
    /// <param name="rowShape">Shape of one row; empty for one value per row.</param>
    /// <returns>This table.</returns>
    public TrainingData Add(string name, long[] values, params long[] rowShape) => AddColumn(name, values, OnnxElementType.Int64, rowShape);

    /// <summary>Adds a Bool column (the array is used, not copied).</summary>
    /// <param name="name">The model input it feeds.</param>
    /// <param name="values">RowCount × product(rowShape) values, row-major.</param>
    /// <param name="rowShape">Shape of one row; empty for one value per row.</param>
    /// <returns>This table.</returns>
    public TrainingData Add(string name, bool[] values, params long[] rowShape) => AddColumn(name, values, OnnxElementType.Bool, rowShape);

    /// <summary>Adds an Int64 column whose row r is <paramref name="width"/> values at <paramref name="offset"/> of row
    /// <c>ids[r]</c> of <paramref name="table"/> (used, not copied).</summary>
    internal TrainingData AddGathered(string name, long[] table, int tableWidth, int offset, int width, int[] ids)
    {
        if (ids.Length != RowCount)
        {
            throw new ArgumentException($"Column '{name}' has {ids.Length} row ids; the data has {RowCount} rows.", nameof(ids));
        }

        return AddChecked(new GatheredColumn(name, table, tableWidth, offset, width, ids));
    }

    /// <summary>Adds an Int64 column whose rows are computed by <paramref name="fill"/> (row, destination) when a batch is filled.</summary>
    internal TrainingData AddComputed(string name, int width, Action<int, Span<long>> fill) =>
        AddChecked(new ComputedColumn(name, width, fill));

    internal DataColumn Column(string name, string purpose) =>
        _columns.TryGetValue(name, out var column)
            ? column
            : throw new ArgumentException($"The data has no column '{name}', which {purpose} needs. Columns: {string.Join(", ", _columns.Keys)}.", nameof(name));

    private TrainingData AddColumn<T>(string name, T[] values, OnnxElementType type, long[] rowShape)
        where T : unmanaged
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rowShape);
        if (_columns.ContainsKey(name))
        {
            throw new ArgumentException($"Column '{name}' already exists.", nameof(name));
        }

        long width = 1;
        foreach (long d in rowShape)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(d, 1, nameof(rowShape));
            width *= d;
        }

        if (values.LongLength != width * RowCount)
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Column '{name}' has {values.LongLength} values; {RowCount} rows of shape [{string.Join(", ", rowShape)}] need {width * RowCount}."), nameof(values));
        }

        _columns[name] = new DataColumn<T>(name, type, values, (long[])rowShape.Clone(), (int)width);
        return this;
    }

    private TrainingData AddChecked(DataColumn column)
    {
        if (!_columns.TryAdd(column.Name, column))
        {
            throw new ArgumentException($"Column '{column.Name}' already exists.", nameof(column));
        }

        return this;
    }
}
