using BenchmarkDotNet.Running;

// Runs the benchmarks chosen on the command line, for example:
//   dotnet run -c Release --project benchmarks/MovieRec.Benchmarks -- --filter '*Run*'
// Classes whose name ends in "Report" are plain timed scripts that print a table; run them with
//   dotnet run -c Release --project benchmarks/MovieRec.Benchmarks -- report NAME
if (args.Length >= 2 && args[0] == "report")
{
    return MovieRec.Benchmarks.Reports.Run(args[1], args[2..]);
}

BenchmarkSwitcher.FromAssembly(typeof(MovieRec.Benchmarks.Reports).Assembly).Run(args);
return 0;
