namespace MovieRec.Baselines;

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
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Rows = rows;
        Columns = columns;
        _values = new float[checked(rows * columns)];
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
