using System.Globalization;
using MovieRec.Onnx.Models;
using MovieRec.Recommendation;
using Spectre.Console;

namespace MovieRec.Cli.Commands;

/// <summary>Prints ranked movies as a table of raw id, title, genres and score.</summary>
internal static class RecommendationTable
{
    public static void Write(BundleDataset catalog, IReadOnlyList<RankedItem> items, string title, string scoreName)
    {
        var table = new Table().Title(Printable.Markup(title))
            .AddColumn(new TableColumn("id").RightAligned()).AddColumn("title").AddColumn("genres")
            .AddColumn(new TableColumn(Markup.Escape(scoreName)).RightAligned());
        foreach (var item in items)
        {
            table.AddRow(
                catalog.MovieIds[item.Index].ToString(CultureInfo.InvariantCulture),
                Printable.Markup(catalog.Titles[item.Index]),
                Printable.Markup(catalog.Genres[item.Index]),
                item.Score.ToString("F3", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }
}
