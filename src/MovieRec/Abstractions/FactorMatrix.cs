namespace MovieRec.Abstractions;

/// <summary>
/// A dense, row-major matrix of latent factors: row <c>i</c> is the vector of user or movie index <c>i</c>.
/// </summary>
/// <remarks>
/// Row 0 belongs to the reserved unknown index and is all zeros, so a cold-start id yields a zero
/// vector (its score then falls back to the biases). The matrix is read-only to callers.
/// </remarks>
public sealed class FactorMatrix
{
    private readonly float[] _values;

    internal FactorMatrix(int rows, int columns)
        : this(rows, columns, new float[checked(Math.Max(0, rows) * Math.Max(0, columns))])
    {
    }

    /// <summary>Wraps the values of a trained model's vectors.</summary>
    /// <param name="rows">Rows: the index bound of users or movies (index 0, the unknown one, included).</param>
    /// <param name="columns">Columns: the vector length.</param>
    /// <param name="values">The values, row after row, <paramref name="rows"/> × <paramref name="columns"/> of them. The matrix keeps the array: do not change it afterwards.</param>
    /// <exception cref="ArgumentException">The array does not hold rows × columns values.</exception>
    public FactorMatrix(int rows, int columns, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"values holds {values.Length} numbers; expected rows × columns = {(long)rows * columns}.", nameof(values));
        }

        Rows = rows;
        Columns = columns;
        _values = values;
    }

    /// <summary>Number of rows: the index bound of users or movies (index 0 included).</summary>
    public int Rows { get; }

    /// <summary>Number of columns: the rank (vector length).</summary>
    public int Columns { get; }

    /// <summary>All values, row after row (<see cref="Rows"/> × <see cref="Columns"/>).</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The vector of row <paramref name="row"/>.</summary>
    /// <param name="row">Row index in 0..<see cref="Rows"/>-1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The row is outside the matrix.</exception>
    public ReadOnlySpan<float> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Expected a row index in 0..{Rows - 1}.");
        }

        return new ReadOnlySpan<float>(_values, row * Columns, Columns);
    }

    internal float[] Data => _values;

    internal Span<float> MutableRow(int row) => new(_values, row * Columns, Columns);
}
