using System.CommandLine;
using System.Globalization;
using MovieRec.Data;
using Spectre.Console;

namespace MovieRec.Cli.Commands;

/// <summary>
/// <c>movierec data</c>: <c>fetch NAME [--force] [--url BASE]</c> downloads a GroupLens dataset into the
/// user cache with a progress bar; <c>info NAME [--path P]</c> prints counts, sparsity and the rating,
/// genre and release-year distributions as tables.
/// </summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Inspect and download datasets.");
        command.Subcommands.Add(CreateFetch());
        command.Subcommands.Add(CreateInfo());
        return command;
    }

    private static Command CreateFetch()
    {
        var name = new Argument<string>("name") { Description = "Dataset to download: " + string.Join(", ", Downloadable()) };
        var force = new Option<bool>("--force", "-f") { Description = "Download again even when the dataset is already in the cache." };
        var url = new Option<string?>("--url") { Description = "Base URL to download from (default the GroupLens MovieLens folder)." }.NotBlank("an https URL");
        var target = new Option<string?>("--target") { Description = "Folder that receives NAME/ (default the per-user cache)." }.NotBlank("a folder");
        var command = new Command("fetch", "Download a dataset from GroupLens, verify it and unpack it into the cache.") { name, force, url, target };
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
            FetchAsync(result.GetValue(name)!, result.GetValue(force), result.GetValue(url), result.GetValue(target), cancellationToken));
        return command;
    }

    private static Command CreateInfo()
    {
        var name = new Argument<string>("name") { Description = "Dataset: " + string.Join(", ", DatasetCatalog.Known.Select(d => d.Name)) };
        var path = new Option<string?>("--path", "-p") { Description = "Folder holding the dataset (default: MOVIEREC_DATA/NAME, then the cache)." }.NotBlank("a folder");
        var command = new Command("info", "Print counts, sparsity and rating, genre and release-year distributions.") { name, path };
        command.SetAction((ParseResult result, CancellationToken cancellationToken) => Task.FromResult(Info(result.GetValue(name)!, result.GetValue(path))));
        return command;
    }

    private static IEnumerable<string> Downloadable() => DatasetCatalog.Known.Where(d => d.ArchiveName is not null).Select(d => d.Name);

    private static async Task<int> FetchAsync(string name, bool force, string? url, string? target, CancellationToken cancellationToken)
    {
        var options = new DownloadOptions { Force = force, TargetRoot = target };
        if (!string.IsNullOrWhiteSpace(url))
        {
            options = options with { BaseUrl = url };
        }

        try
        {
            DownloadResult? result = null;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var download = context.AddTask($"Downloading {Markup.Escape(name)}", maxValue: 1);
                    var extract = context.AddTask("Verifying and unpacking", autoStart: false, maxValue: 1);
                    var progress = new ActionProgress<DownloadProgress>(p =>
                    {
                        var task = p.Stage == "download" ? download : extract;
                        if (!task.IsStarted)
                        {
                            task.StartTask();
                        }

                        task.MaxValue = Math.Max(1, p.BytesTotal ?? Math.Max(p.BytesDone, 1));
                        task.Value = p.BytesDone;
                        if (p.Stage == "done")
                        {
                            download.Value = download.MaxValue;
                            extract.Value = extract.MaxValue;
                        }
                    });
                    result = await DatasetDownloader.FetchAsync(name, options, progress, cancellationToken).ConfigureAwait(false);
                    download.Value = download.MaxValue;
                    extract.StartTask();
                    extract.Value = extract.MaxValue;
                }).ConfigureAwait(false);

            if (result!.AlreadyPresent)
            {
                AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(name)} is already in {Markup.Escape(result.Folder)}[/] (use --force to download again).");
            }
            else
            {
                AnsiConsole.MarkupLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[green]{Markup.Escape(name)}[/] ({result.Bytes:N0} bytes, SHA-256 {result.Sha256}{(result.Md5Checked ? ", published MD5 matched" : string.Empty)}) is in {Markup.Escape(result.Folder)}"));
            }

            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidDataException or ArgumentException or IOException or UnauthorizedAccessException or TaskCanceledException)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] fetching {Markup.Escape(name)} failed: {Markup.Escape(MovieRecCli.UserMessage(ex))}");
            return ex is ArgumentException ? MovieRecCli.Usage : MovieRecCli.Failure;
        }
    }

    private static int Info(string name, string? path)
    {
        RecommendationDataset dataset;
        string? note = null;
        try
        {
            dataset = DatasetCatalog.Load(name, path);
        }
        catch (FileNotFoundException ex) when (string.Equals(DatasetCatalog.Get(name).Name, MovieLens1M.Name, StringComparison.Ordinal) && ex.FileName?.EndsWith("ratings.dat", StringComparison.Ordinal) == true)
        {
            dataset = MovieLens1M.LoadMetadata(DatasetCatalog.Resolve(name, path)!);
            note = "ratings.dat is missing: users and movies only.";
        }

        var summary = DatasetSummary.Create(dataset);
        Render(summary, DatasetCatalog.Resolve(name, path), note);
        return 0;
    }

    private static void Render(DatasetSummary s, string? folder, string? note)
    {
        var c = CultureInfo.InvariantCulture;
        var overview = new Table().Title($"[bold]{Printable.Markup(s.Name)}[/]").AddColumn("Property").AddColumn(new TableColumn("Value").RightAligned());
        overview.AddRow("Folder", Printable.Markup(folder ?? "(generated)"));
        overview.AddRow("Ratings", s.RatingCount.ToString("N0", c));
        overview.AddRow("Users (with ratings)", string.Create(c, $"{s.UserCount:N0} ({s.RatingUserCount:N0})"));
        overview.AddRow("Movies (rated)", string.Create(c, $"{s.MovieCount:N0} ({s.RatedMovieCount:N0})"));
        overview.AddRow("Sparsity", s.Sparsity.ToString("P3", c));
        overview.AddRow("Rating scale", string.Create(c, $"{s.RatingMin}..{s.RatingMax}"));
        overview.AddRow("Mean rating", s.MeanRating.ToString("F3", c));
        overview.AddRow("Ratings per user (min / median / max)", string.Create(c, $"{s.MinRatingsPerUser} / {s.MedianRatingsPerUser} / {s.MaxRatingsPerUser}"));
        if (s.FirstTimestamp is { } first && s.LastTimestamp is { } last)
        {
            overview.AddRow("Rated between", string.Create(c, $"{DateTimeOffset.FromUnixTimeSeconds(first):yyyy-MM-dd} and {DateTimeOffset.FromUnixTimeSeconds(last):yyyy-MM-dd}"));
        }

        overview.AddRow("Demographics", s.HasDemographics ? "yes" : "no");
        overview.AddRow("Movies with a description", s.DescriptionCount.ToString("N0", c));
        AnsiConsole.Write(overview);
        if (note is not null)
        {
            AnsiConsole.MarkupLine($"[yellow]{Printable.Markup(note)}[/]");
        }

        var ratings = new Table().Title("Rating distribution").AddColumn("Rating").AddColumn(new TableColumn("Count").RightAligned()).AddColumn(new TableColumn("Share").RightAligned()).AddColumn("");
        long max = Math.Max(1, s.RatingDistribution.Select(p => p.Value).DefaultIfEmpty(1).Max());
        foreach (var (value, count) in s.RatingDistribution)
        {
            ratings.AddRow(value.ToString(c), count.ToString("N0", c), ((double)count / Math.Max(1, s.RatingCount)).ToString("P1", c), new string('█', (int)(30 * count / max)));
        }

        AnsiConsole.Write(ratings);
        var genres = new Table().Title("Genres").AddColumn("Genre").AddColumn(new TableColumn("Movies").RightAligned()).AddColumn(new TableColumn("Ratings").RightAligned());
        for (int g = 0; g < s.GenreMovieCounts.Count; g++)
        {
            genres.AddRow(Printable.Markup(s.GenreMovieCounts[g].Key), s.GenreMovieCounts[g].Value.ToString("N0", c), s.GenreRatingCounts[g].Value.ToString("N0", c));
        }

        AnsiConsole.Write(genres);
        var years = new Table().Title("Release years").AddColumn("Decade").AddColumn(new TableColumn("Movies").RightAligned());
        foreach (var (decade, count) in s.DecadeMovieCounts)
        {
            years.AddRow(string.Create(c, $"{decade}s"), count.ToString("N0", c));
        }

        if (s.UnknownYearCount > 0)
        {
            years.AddRow("unknown", s.UnknownYearCount.ToString("N0", c));
        }

        AnsiConsole.Write(years);
    }
}
