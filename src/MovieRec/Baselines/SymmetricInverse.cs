using System.Numerics.Tensors;

namespace MovieRec.Baselines;

/// <summary>In-place inversion of a symmetric positive-definite matrix by blocked Gauss–Jordan elimination.</summary>
/// <remarks>
/// Pivots are taken in panels of <see cref="PanelWidth"/> on the diagonal, with no row exchange (a positive-definite
/// matrix needs none). Each panel costs one pass over the matrix as a rank-<see cref="PanelWidth"/> update of every other
/// row, so the matrix is streamed n / 64 times rather than n times. Rows are updated independently, in parallel; the
/// result does not depend on the thread count.
/// </remarks>
internal static class SymmetricInverse
{
    public const int PanelWidth = 64;

    /// <summary>Replaces <paramref name="a"/> (n × n, row-major) by its inverse.</summary>
    /// <exception cref="ArgumentException">A pivot is not positive: the matrix is not positive definite.</exception>
    public static void Invert(double[] a, int n, int threads, CancellationToken cancellationToken = default)
    {
        var panelInverse = new double[PanelWidth * PanelWidth];
        var panelRows = new double[PanelWidth * n];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken };
        for (int k0 = 0; k0 < n; k0 += PanelWidth)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int b = Math.Min(PanelWidth, n - k0);
            var inverse = panelInverse.AsSpan(0, b * b);
            for (int p = 0; p < b; p++)
            {
                a.AsSpan(((k0 + p) * n) + k0, b).CopyTo(inverse.Slice(p * b, b));
            }

            InvertSmall(inverse, b);

            // T = inverse(A_KK) · A_K,: — the panel's rows after elimination.
            var t = panelRows.AsSpan(0, b * n);
            t.Clear();
            for (int p = 0; p < b; p++)
            {
                var row = t.Slice(p * n, n);
                for (int q = 0; q < b; q++)
                {
                    TensorPrimitives.MultiplyAdd(a.AsSpan((k0 + q) * n, n), inverse[(p * b) + q], row, row);
                }
            }

            double[] tArray = panelRows;
            double[] inverseArray = panelInverse;
            Parallel.For(0, n, parallel, () => new double[PanelWidth], (i, _, c) =>
            {
                if (i >= k0 && i < k0 + b)
                {
                    return c;
                }

                var row = a.AsSpan(i * n, n);
                var coefficients = c.AsSpan(0, b);
                row.Slice(k0, b).CopyTo(coefficients);
                for (int p = 0; p < b; p++)
                {
                    TensorPrimitives.MultiplyAdd(tArray.AsSpan(p * n, n), -coefficients[p], row, row);
                }

                // The panel's columns of row i become −A_iK · inverse(A_KK).
                for (int q = 0; q < b; q++)
                {
                    double s = 0;
                    for (int p = 0; p < b; p++)
                    {
                        s += coefficients[p] * inverseArray[(p * b) + q];
                    }

                    row[k0 + q] = -s;
                }

                return c;
            }, _ => { });

            for (int p = 0; p < b; p++)
            {
                var row = a.AsSpan((k0 + p) * n, n);
                t.Slice(p * n, n).CopyTo(row);
                inverse.Slice(p * b, b).CopyTo(row.Slice(k0, b));
            }
        }
    }

    /// <summary>Plain in-place Gauss–Jordan inversion of a small positive-definite block.</summary>
    private static void InvertSmall(Span<double> m, int b)
    {
        for (int k = 0; k < b; k++)
        {
            double pivot = m[(k * b) + k];
            if (!(pivot > 0))
            {
                throw new ArgumentException($"Pivot {k} is {pivot}; the matrix is not positive definite.");
            }

            var rowK = m.Slice(k * b, b);
            rowK[k] = 1;
            TensorPrimitives.Divide(rowK, pivot, rowK);
            for (int i = 0; i < b; i++)
            {
                if (i == k)
                {
                    continue;
                }

                var rowI = m.Slice(i * b, b);
                double f = rowI[k];
                rowI[k] = 0;
                TensorPrimitives.MultiplyAdd(rowK, -f, rowI, rowI);
            }
        }
    }
}
