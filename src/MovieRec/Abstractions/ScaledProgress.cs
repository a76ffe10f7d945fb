namespace MovieRec.Abstractions;

/// <summary>Maps a part's progress (0 to 1) onto [from, to] of the whole, for trainers that fit other trainers.</summary>
internal sealed class ScaledProgress(IProgress<double>? inner, double from, double to) : IProgress<double>
{
    /// <summary>Returns null when there is nothing to report to, else the part's progress mapped onto [from, to].</summary>
    public static ScaledProgress? Part(IProgress<double>? inner, double from, double to) => inner is null ? null : new(inner, from, to);

    public void Report(double value) => inner?.Report(from + ((to - from) * Math.Clamp(value, 0, 1)));
}
