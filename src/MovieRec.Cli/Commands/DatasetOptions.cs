using System.CommandLine;

namespace MovieRec.Cli.Commands;

/// <summary>The <c>--data</c> and <c>--path</c> options of the commands that load a dataset to evaluate or tune on.</summary>
internal static class DatasetOptions
{
    public static Option<string> Data()
    {
        var data = new Option<string>("--data")
        {
            Description = "Dataset name (ml-100k, ml-latest-small, ml-1m, ml-20m, ml-25m, synthetic) or a dataset folder.",
            DefaultValueFactory = _ => "ml-100k",
        };
        data.NotBlank("a dataset name or folder");
        return data;
    }

    public static Option<string?> Path()
    {
        var path = new Option<string?>("--path")
        {
            Description = "Folder of the named dataset, instead of MOVIEREC_DATA/NAME or the download cache.",
        };
        path.NotBlank("a folder");
        return path;
    }
}
