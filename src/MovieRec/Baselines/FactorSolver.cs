using System.Numerics.Tensors;
using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>
/// Solves one row of a latent-factor model exactly with the other side's factors held fixed: the step of alternating
/// least squares, and the fold-in of a user whose ratings the model was not trained on
/// (<see cref="MatrixFactorizationModel.FoldIn"/>). One instance holds the scratch space of one thread.
/// </summary>
internal sealed class FactorSolver
{
    [ThreadStatic]
    private static FactorSolver? t_cached;

    private readonly int _n;
    private readonly float[] _a;
    private readonly float[] _b;
    private readonly float[] _x;
    private readonly double[] _doubleA;
    private readonly double[] _doubleB;

    /// <summary>The scratch space of this thread for rank <paramref name="rank"/>, kept between calls (a fold-in allocates nothing).</summary>
    public static FactorSolver ForThread(int rank, bool isImplicit)
    {
        int n = isImplicit ? rank : rank + 1;
        var solver = t_cached;
        if (solver is null || solver._n != n)
        {
            t_cached = solver = new FactorSolver(rank, isImplicit);
        }

        return solver;
    }

    /// <summary>Creates the scratch space for rank <paramref name="rank"/> (one more unknown, the bias, for explicit ratings).</summary>
    public FactorSolver(int rank, bool isImplicit)
    {
        _n = isImplicit ? rank : rank + 1;
        _a = new float[_n * _n];
        _b = new float[_n];
        _x = new float[_n];
        _doubleA = new double[_n * _n];
        _doubleB = new double[_n];
    }

    /// <summary>
    /// The bias and vector minimising Σ (r − μ − b_j − b − x·q_j)² + biasLambda·n·b² + lambda·n·|x|² over the row's n
    /// observed columns j: explicit ratings, the bias solved jointly by augmenting the vectors with a constant 1.
    /// </summary>
    /// <returns>The bias; the vector is written to <paramref name="result"/>.</returns>
    public float SolveExplicit(FactorMatrix fixedFactors, ReadOnlySpan<float> fixedBias, float mean, float lambda, float biasLambda, ReadOnlySpan<int> columns, ReadOnlySpan<float> values, Span<float> result)
    {
        int k = fixedFactors.Columns;
        int n = k + 1;
        var a = _a;
        var b = _b;
        var x = _x;
        Array.Clear(a);
        Array.Clear(b);
        for (int t = 0; t < columns.Length; t++)
        {
            int j = columns[t];
            x[0] = 1f;
            fixedFactors.Row(j).CopyTo(x.AsSpan(1));
            float y = values[t] - mean - fixedBias[j];
            AddOuterLower(a, x, n, 1f);
            TensorPrimitives.MultiplyAdd(x, y, b, b);
        }

        float reg = lambda * columns.Length;
        a[0] += biasLambda * columns.Length;
        for (int d = 1; d < n; d++)
        {
            a[(d * n) + d] += reg;
        }

        Solve(n);
        for (int d = 0; d < k; d++)
        {
            result[d] = (float)_doubleB[d + 1];
        }

        return (float)_doubleB[0];
    }

    /// <summary>
    /// The vector of implicit feedback (Hu, Koren and Volinsky): (QᵀQ + Σ_j (c_j − 1) q_j q_jᵀ + λI) x = Σ_j (c_j − C) q_j
    /// + C Σ_all q, with confidence c_j = 1 + α·r_j on the observed columns and preference C elsewhere.
    /// </summary>
    public void SolveImplicit(float[] gram, float[] columnSum, FactorMatrix fixedFactors, float lambda, float alpha, float c, ReadOnlySpan<int> columns, ReadOnlySpan<float> values, Span<float> result)
    {
        int k = fixedFactors.Columns;
        var a = _a;
        var b = _b;
        gram.CopyTo(a);
        TensorPrimitives.Multiply(columnSum, c, b);
        for (int t = 0; t < columns.Length; t++)
        {
            var y = fixedFactors.Row(columns[t]);
            float confidence = 1f + (alpha * values[t]);
            AddOuterLower(a, y, k, confidence - 1f);
            TensorPrimitives.MultiplyAdd(y, confidence - c, b, b);
        }

        for (int d = 0; d < k; d++)
        {
            a[(d * k) + d] += lambda;
        }

        Solve(k);
        for (int d = 0; d < k; d++)
        {
            result[d] = (float)_doubleB[d];
        }
    }

    /// <summary>QᵀQ (lower triangle) and the column sums of a factor matrix, over every row but the unknown row 0.</summary>
    public static (float[] Gram, float[] ColumnSum) Gram(FactorMatrix factors)
    {
        int k = factors.Columns;
        var gram = new float[k * k];
        var sum = new float[k];
        for (int r = 1; r < factors.Rows; r++)
        {
            var y = factors.Row(r);
            AddOuterLower(gram, y, k, 1f);
            TensorPrimitives.Add(sum, y, sum);
        }

        return (gram, sum);
    }

    /// <summary>Adds weight · x xᵀ to the lower triangle of the n × n matrix <paramref name="a"/>.</summary>
    private static void AddOuterLower(Span<float> a, ReadOnlySpan<float> x, int n, float weight)
    {
        for (int r = 0; r < n; r++)
        {
            var row = a.Slice(r * n, r + 1);
            TensorPrimitives.MultiplyAdd(x[..(r + 1)], weight * x[r], row, row);
        }
    }

    private void Solve(int n)
    {
        for (int i = 0; i < _a.Length; i++)
        {
            _doubleA[i] = _a[i];
        }

        for (int i = 0; i < n; i++)
        {
            _doubleB[i] = _b[i];
        }

        Cholesky.Solve(_doubleA, _doubleB, n);
    }
}
