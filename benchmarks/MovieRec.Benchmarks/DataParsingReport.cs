using System.Diagnostics;
using System.Globalization;
using MovieRec.Data;

namespace MovieRec.Benchmarks;

/// <summary>
/// Times the ratings parsers on generated files: a 1,000,209-row <c>ratings.dat</c> in the ML-1M format
/// and a 25,000,000-row <c>ratings.csv</c> in the CSV-release format (both written into a temporary
/// folder that is deleted afterwards). Reports wall time (best of the runs), ratings per second on one
/// thread, and bytes per rating: the table's columns and everything allocated while parsing.
/// Goals: ML-1M file under 0.3 s; CSV at least 15M ratings/s; under 16 bytes per rating.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/MovieRec.Benchmarks -- report DataParsing [csvRatings] [runs]</c>.
/// Figures on a 2-core Linux VM (.NET 10, workstation GC), best of 3: ML-1M-format file (loader incl.
/// users/movies) 0.12 s; 25M-row CSV 1.46 s = 17.1M ratings/s with timestamps (20 B/rating table,
/// 20.7 B/rating allocated), 18.0M ratings/s without (12 B/rating table, 12.7 B/rating allocated).
/// </remarks>
public static class DataParsingReport
{
    public static int Run(string[] args)
    {
        int csvRatings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 25_000_000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        string root = Path.Combine(Path.GetTempPath(), "movierec-parsing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            Console.WriteLine($"{Environment.ProcessorCount} logical processors; {RuntimeInformationText()}");
            Console.WriteLine("file                       rows         MB   best s   median s   Mrat/s   table B/rat   alloc B/rat");

            string ml1m = Path.Combine(root, "ml-1m");
            var sw = Stopwatch.StartNew();
            var small = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 1_000_209, NumberOfUsers = 6040, NumberOfMovies = 3706, Seed = 1 });
            DatasetWriter.WriteMovieLens1M(small, ml1m);
            Console.WriteLine($"(generated and wrote ML-1M-format files in {sw.Elapsed.TotalSeconds:F1} s)");
            small = null;
            Measure("ml-1m ratings.dat", Path.Combine(ml1m, "ratings.dat"), runs, () => MovieLens1M.Load(ml1m));
            Measure("ml-1m, no timestamps", Path.Combine(ml1m, "ratings.dat"), runs, () => MovieLens1M.Load(ml1m, new DataLoadOptions { IncludeTimestamps = false }));

            string csv = Path.Combine(root, "csv");
            sw.Restart();
            var big = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = csvRatings, Seed = 2 });
            DatasetWriter.WriteMovieLensCsv(big, csv);
            Console.WriteLine($"(generated and wrote {csvRatings:N0} CSV ratings in {sw.Elapsed.TotalSeconds:F1} s)");
            big = null;
            Measure("ratings.csv", Path.Combine(csv, "ratings.csv"), runs, () => MovieLensCsv.Load(csv, "synthetic-csv"));
            Measure("ratings.csv, no timestamps", Path.Combine(csv, "ratings.csv"), runs, () => MovieLensCsv.Load(csv, "synthetic-csv", new DataLoadOptions { IncludeTimestamps = false }));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Measure(string label, string ratingsFile, int runs, Func<RecommendationDataset> load)
    {
        var times = new List<double>();
        long allocated = 0;
        RecommendationDataset? data = null;
        for (int r = 0; r < runs; r++)
        {
            data = null;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            data = load();
            sw.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            times.Add(sw.Elapsed.TotalSeconds);
        }

        times.Sort();
        int n = data!.Ratings.Count;
        double mb = new FileInfo(ratingsFile).Length / 1e6;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-26} {n,11:N0} {mb,8:F1} {times[0],8:F3} {times[times.Count / 2],10:F3} {n / times[0] / 1e6,8:F1} {(double)data.Ratings.ColumnBytes / n,13:F1} {(double)allocated / n,13:F1}"));
    }

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, server GC {System.Runtime.GCSettings.IsServerGC}";
}
