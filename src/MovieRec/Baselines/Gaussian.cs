using MovieRec.Abstractions;

namespace MovieRec.Baselines;

/// <summary>Seeded normal initialisation of factor matrices.</summary>
internal static class Gaussian
{
    /// <summary>Fills rows 1.. of <paramref name="matrix"/> with N(0, std²) values; row 0 stays zero.</summary>
    public static void Fill(FactorMatrix matrix, Random random, float standardDeviation)
    {
        var data = matrix.Data.AsSpan(matrix.Columns);
        for (int i = 0; i < data.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            data[i] = (float)(radius * Math.Cos(2 * Math.PI * u2) * standardDeviation);
            if (i + 1 < data.Length)
            {
                data[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2) * standardDeviation);
            }
        }
    }
}
