using System.Reflection;

namespace MovieRec.Benchmarks;

/// <summary>
/// Finds and runs a report: a public static class whose name ends in "Report" with a
/// <c>public static int Run(string[] args)</c> method. Reports time whole workloads (a training
/// epoch, parsing a large file) where BenchmarkDotNet's many iterations would take too long.
/// </summary>
public static class Reports
{
    public static int Run(string name, string[] args)
    {
        var reports = typeof(Reports).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Report", StringComparison.Ordinal) && t.GetMethod("Run", BindingFlags.Public | BindingFlags.Static) is not null)
            .ToDictionary(t => t.Name[..^"Report".Length], StringComparer.OrdinalIgnoreCase);
        if (!reports.TryGetValue(name, out var type))
        {
            Console.Error.WriteLine($"Unknown report '{name}'. Known: {string.Join(", ", reports.Keys.Order())}.");
            return 2;
        }

        return (int)type.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [args])!;
    }
}
