using System.Numerics.Tensors;

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
            var headJ = rowJ[..j];
            double d = rowJ[j] - TensorPrimitives.Dot<double>(headJ, headJ);

            d = d > 1e-12 ? Math.Sqrt(d) : 1e-6;
            rowJ[j] = d;
            for (int i = j + 1; i < n; i++)
            {
                var rowI = a.Slice(i * n, n);
                rowI[j] = (rowI[j] - TensorPrimitives.Dot<double>(rowI[..j], headJ)) / d;
            }
        }

        for (int i = 0; i < n; i++)
        {
            var row = a.Slice(i * n, n);
            b[i] = (b[i] - TensorPrimitives.Dot<double>(row[..i], b[..i])) / row[i];
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
