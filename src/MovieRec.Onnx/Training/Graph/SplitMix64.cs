namespace MovieRec.Onnx.Training.Graph;

/// <summary>
/// A small deterministic random generator (SplitMix64, Steele, Lea and Flood 2014): the same seed
/// gives the same sequence on every platform and runtime version, unlike <see cref="Random"/>.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    public static ulong Mix(ulong a, ulong b)
    {
        var g = new SplitMix64((a * 0x9E3779B97F4A7C15UL) ^ (b + 0x632BE59BD9B4E019UL));
        g.NextUInt64();
        return g.NextUInt64();
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal deviate (Box–Muller, one value per call).</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
