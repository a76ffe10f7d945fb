namespace MovieRec.Baselines;

/// <summary>In-place Cholesky factorisation and solve of a small symmetric positive-definite system.</summary>
internal static class Cholesky
{
    /// <summary>
    /// Solves A x = b for symmetric positive-definite A (n × n, row-major; only the lower triangle is
    /// read). A is overwritten by its factor, b by x. A tiny ridge is added if a pivot is not positive.
    /// </summary>
    public static void Solve(Span<double> a, Span<double> b, int n)
    {
        for (int j = 0; j < n; j++)
        {
            var rowJ = a.Slice(j * n, n);
            double d = rowJ[j];
            for (int k = 0; k < j; k++)
            {
                d -= rowJ[k] * rowJ[k];
            }

            d = d > 1e-12 ? Math.Sqrt(d) : 1e-6;
            rowJ[j] = d;
            for (int i = j + 1; i < n; i++)
            {
                var rowI = a.Slice(i * n, n);
                double s = rowI[j];
                for (int k = 0; k < j; k++)
                {
                    s -= rowI[k] * rowJ[k];
                }

                rowI[j] = s / d;
            }
        }

        for (int i = 0; i < n; i++)
        {
            var row = a.Slice(i * n, n);
            double s = b[i];
            for (int k = 0; k < i; k++)
            {
                s -= row[k] * b[k];
            }

            b[i] = s / row[i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= a[(k * n) + i] * b[k];
            }

            b[i] = s / a[(i * n) + i];
        }
    }
}
