using System.Diagnostics;
using System.Globalization;

namespace MovieRec.Benchmarks;

/// <summary>This process's resident memory, read from /proc/self/status where it exists, else from the runtime.</summary>
internal static class ProcessMemory
{
    /// <summary>Resident memory now (VmRSS), MiB.</summary>
    public static double ResidentMiB() => StatusMiB("VmRSS:") ?? Environment.WorkingSet / 1048576.0;

    /// <summary>Peak resident memory so far (VmHWM), MiB.</summary>
    public static double PeakResidentMiB() => StatusMiB("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;

    private static double? StatusMiB(string field)
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return null;
        }

        string? line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
