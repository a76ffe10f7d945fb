using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MovieRec.Benchmarks;

/// <summary>
/// Draws <see cref="ScaleReport"/>'s training seconds against ratings on log-log axes as an SVG file: one line per
/// model, a dashed grey line of slope 1 (time proportional to the data) for comparison.
/// </summary>
internal static class ScalePlot
{
    private const double Width = 760, Height = 480, Left = 70, Right = 170, Top = 30, Bottom = 55;

    private static readonly string[] s_colours =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static void Write(string path, IReadOnlyList<JsonElement> rows, IReadOnlyList<string> models)
    {
        var points = rows
            .Select(r => (Model: r.GetProperty("model").GetString()!, X: (double)r.GetProperty("ratings").GetInt32(), Y: Math.Max(0.01, r.GetProperty("train_s").GetDouble())))
            .ToArray();
        if (points.Length == 0)
        {
            return;
        }

        double x0 = Math.Floor(Math.Log10(points.Min(p => p.X))), x1 = Math.Ceiling(Math.Log10(points.Max(p => p.X)));
        double y0 = Math.Floor(Math.Log10(points.Min(p => p.Y))), y1 = Math.Ceiling(Math.Log10(points.Max(p => p.Y)));
        x1 = Math.Max(x1, x0 + 1);
        y1 = Math.Max(y1, y0 + 1);
        double Px(double x) => Left + ((Math.Log10(x) - x0) / (x1 - x0) * (Width - Left - Right));
        double Py(double y) => Height - Bottom - ((Math.Log10(y) - y0) / (y1 - y0) * (Height - Top - Bottom));
        string N(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        for (double d = x0; d <= x1; d++)
        {
            double x = Px(Math.Pow(10, d));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{Top}\" x2=\"{N(x)}\" y2=\"{Height - Bottom}\" stroke=\"#ddd\"/><text x=\"{N(x)}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{Label(d)}</text>\n");
        }

        for (double d = y0; d <= y1; d++)
        {
            double y = Py(Math.Pow(10, d));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{N(y)}\" x2=\"{Width - Right}\" y2=\"{N(y)}\" stroke=\"#ddd\"/><text x=\"{Left - 8}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{Label(d)}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N((Left + Width - Right) / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\">ratings (synthetic)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(18 {N((Top + Height - Bottom) / 2)}) rotate(-90)\" text-anchor=\"middle\">training seconds</text>\n");

        // Slope 1 through the lowest point of the first size: what linear growth looks like.
        double start = points.Min(p => p.X), end = points.Max(p => p.X), base0 = points.Where(p => p.X == start).Min(p => p.Y);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(Px(start))}\" y1=\"{N(Py(base0))}\" x2=\"{N(Px(end))}\" y2=\"{N(Py(Math.Min(Math.Pow(10, y1), base0 * end / start)))}\" stroke=\"#999\" stroke-dasharray=\"5 4\"/>\n");

        int legend = 0;
        foreach (string model in models)
        {
            var line = points.Where(p => p.Model == model).OrderBy(p => p.X).ToArray();
            if (line.Length == 0)
            {
                continue;
            }

            string colour = s_colours[legend % s_colours.Length];
            string path2 = string.Join(' ', line.Select((p, i) => $"{(i == 0 ? 'M' : 'L')}{N(Px(p.X))},{N(Py(p.Y))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path2}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>\n");
            foreach (var p in line)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(Px(p.X))}\" cy=\"{N(Py(p.Y))}\" r=\"3.5\" fill=\"{colour}\"/>\n");
            }

            double ly = Top + 10 + (legend * 20);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Width - Right + 15}\" y1=\"{N(ly)}\" x2=\"{Width - Right + 40}\" y2=\"{N(ly)}\" stroke=\"{colour}\" stroke-width=\"2\"/><text x=\"{Width - Right + 46}\" y=\"{N(ly + 4)}\">{model}</text>\n");
            legend++;
        }

        double ry = Top + 10 + (legend * 20);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Width - Right + 15}\" y1=\"{N(ry)}\" x2=\"{Width - Right + 40}\" y2=\"{N(ry)}\" stroke=\"#999\" stroke-dasharray=\"5 4\"/><text x=\"{Width - Right + 46}\" y=\"{N(ry + 4)}\">linear</text>\n");
        svg.Append("</svg>\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, svg.ToString());
    }

    private static string Label(double exponent) => Math.Pow(10, exponent) switch
    {
        >= 1e6 and var v => $"{v / 1e6:G}M",
        >= 1e3 and var v => $"{v / 1e3:G}k",
        var v => v.ToString("G", CultureInfo.InvariantCulture),
    };
}
