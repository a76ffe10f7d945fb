using System.CommandLine;
using System.Globalization;
using MovieRec.Abstractions;
using MovieRec.Evaluation;
using Spectre.Console;

namespace MovieRec.Cli.Commands;

/// <summary>
/// <c>movierec evaluate</c>: trains several models on the same split of a dataset and prints one
/// comparison table (mean ± std over seeds or folds), optionally writing it as CSV and JSON.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = DatasetOptions.Data();
        var path = DatasetOptions.Path();
        var protocol = new Option<string>("--protocol")
        {
            Description = "Split protocol: " + string.Join(", ", EvaluationProtocolNames.All) + ".",
            DefaultValueFactory = _ => "random-80-20",
        };
        var models = new Option<string>("--models")
        {
            Description = "Comma-separated models: " + string.Join(", ", MovieRecCli.Models.ModelNames) + ".",
            DefaultValueFactory = _ => "bias,mf,als,ubcf,ibcf,pop",
        };
        var seeds = new Option<int>("--seeds")
        {
            Description = "Repetitions with seeds 1..N (ignored by ml100k-folds, which runs the five folds).",
            DefaultValueFactory = _ => 1,
        }.Within(1, 1000);
        var users = new Option<int?>("--users")
        {
            Description = "Evaluate on this many users drawn at random (seed 1) among those who rated, as the like/dislike paper took 5,000 ML-20M users; default all.",
        }.AtLeast(1);
        var descriptions = new Option<string>("--descriptions")
        {
            Description = "Plot summaries for models that read them (seq-cnn, content, hybrid): a CSV with title, release_year and description columns joined by title and year, none, or auto (the Netflix titles catalogue, netflix-titles/netflix_titles.csv, when it is in the data folders).",
            DefaultValueFactory = _ => "auto",
        };
        var settings = new Option<string?>("--settings")
        {
            Description = "Comma-separated files written by movierec tune --output: each listed model is trained with the settings chosen there, on validation data, instead of its defaults.",
        };
        var output = new Option<string?>("--output")
        {
            Description = "Folder to write evaluate-DATA-PROTOCOL.csv and .json into.",
        };

        models.NotBlank("a comma-separated list of models");
        descriptions.NotBlank("a CSV file, none or auto");
        settings.NotBlank("comma-separated files written by movierec tune");
        output.NotBlank("a folder");
        var command = new Command("evaluate", "Train and compare recommenders on one split; print a table of quality and speed.")
        {
            data, path, protocol, models, seeds, users, descriptions, settings, output,
        };
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
            Task.FromResult(Run(
                result.GetValue(data)!,
                result.GetValue(path),
                result.GetValue(protocol)!,
                result.GetValue(models)!,
                result.GetValue(seeds),
                result.GetValue(users),
                result.GetValue(descriptions)!,
                result.GetValue(settings),
                result.GetValue(output),
                cancellationToken)));
        return command;
    }

    private static int Run(string data, string? path, string protocolName, string modelNames, int seeds, int? users, string descriptions, string? settingsFiles, string? output, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(output))
        {
            OutputPaths.CheckFolder("--output", output);
        }

        EvaluationProtocol protocol;
        IRatingTrainer[] trainers;
        Dictionary<string, (TunedSettings Settings, string File, IRatingTrainer Trainer)> tuned;
        try
        {
            protocol = EvaluationProtocolNames.Parse(protocolName);
            if (users is not null && protocol == EvaluationProtocol.MovieLens100KFolds)
            {
                throw new ArgumentException("--users does not apply to ml100k-folds, whose folds are fixed; use a generated protocol such as random-90-10.");
            }
            string[] names = modelNames.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0)
            {
                throw new ArgumentException($"--models '{modelNames}' names no model; expected a comma-separated list such as mf,als.");
            }

            if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new ArgumentException($"--models lists '{twice.Key}' twice; each model is trained once per split.");
            }

            trainers = names.Select(name => MovieRecCli.Models.CreateTrainer(name)).ToArray();
            tuned = TunedTrainers(settingsFiles, names);
            trainers = trainers.Select(t => tuned.TryGetValue(t.Name, out var s) ? s.Trainer : t).ToArray();
        }
        catch (Exception e) when (e is IOException or Data.DataFormatException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {MovieRecCli.UserMessage(e)}");
            return MovieRecCli.Failure;
        }
        catch (ArgumentException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {MovieRecCli.UserMessage(e)}");
            return MovieRecCli.Usage;
        }

        Data.RecommendationDataset dataset;
        IReadOnlyList<EvaluationSplit>? folds;
        try
        {
            (dataset, folds) = EvaluationData.Load(data, protocol, path);
            dataset = DeepTraining.WithDescriptions(dataset, descriptions, trainers.Any(t => t.ReadsDescriptions));
        }
        catch (Exception e) when (e is IOException or ArgumentException or Data.DataFormatException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {MovieRecCli.UserMessage(e)}");
            return e is ArgumentException ? MovieRecCli.Usage : MovieRecCli.Failure;
        }

        if (users is { } sample)
        {
            int before = dataset.Ratings.Count;
            dataset = dataset.WithUserSample(sample, seed: 1);
            int kept = dataset.Ratings.Users.ToArray().Distinct().Count();
            AnsiConsole.MarkupLineInterpolated($"--users {sample}: kept {kept:N0} users drawn at random (seed 1), {dataset.Ratings.Count:N0} of {before:N0} ratings");
        }

        var options = new ExperimentOptions { DatasetName = dataset.Name, Protocol = protocol, Seeds = seeds, Folds = folds };
        if (protocol == EvaluationProtocol.FullRanking)
        {
            options = options with { TopKs = [10, 20] };
        }

        AnsiConsole.MarkupLineInterpolated($"[bold]{dataset.Name}[/]: {dataset.Ratings.Count:N0} ratings, {dataset.UserCount:N0} users, {dataset.MovieCount:N0} movies; protocol [bold]{protocolName}[/]");
        foreach (var (model, (chosen, file, _)) in tuned)
        {
            string where = chosen.Dataset == dataset.Name && chosen.Protocol == protocol ? string.Empty : " (another dataset or protocol than this run's)";
            string label = string.Join(' ', chosen.Settings.Select(s => $"{s.Key}={s.Value.ToString("G", CultureInfo.InvariantCulture)}"));
            AnsiConsole.MarkupLineInterpolated($"{model}: {label}, chosen by {chosen.Metric} on the validation splits of {chosen.Dataset} {EvaluationProtocolNames.NameOf(chosen.Protocol)}{where}, from {file}");
        }

        ExperimentReport? report = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = trainers.ToDictionary(t => t.Name, t => context.AddTask(t.Name, maxValue: 1.0));
                var progress = new ActionProgress<ExperimentProgress>(p =>
                {
                    var task = tasks[p.Model];
                    task.Value = p.Fraction;
                    task.Description = $"{p.Model} [grey]{p.Stage}[/]";
                });
                report = protocol == EvaluationProtocol.FoldIn
                    ? FoldInExperiment.Run(dataset.Ratings, dataset, trainers, dataset.Name, seeds, progress: progress, cancellationToken: cancellationToken)
                    : ExperimentRunner.Run(dataset, trainers, options, progress, cancellationToken);
                foreach (var task in tasks.Values)
                {
                    task.Value = 1.0;
                }
            });

        Print(report!);
        if (!string.IsNullOrEmpty(output))
        {
            Directory.CreateDirectory(output);
            string stem = Path.Combine(output, $"evaluate-{Sanitize(dataset.Name)}-{EvaluationProtocolNames.NameOf(protocol)}");
            report!.WriteCsv(stem + ".csv");
            report.WriteJson(stem + ".json");
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{stem}.csv[/] and [bold]{stem}.json[/]");
        }

        return 0;
    }

    /// <summary>The trainers of <c>--settings</c>, by model name; each file must tune a model that <c>--models</c> lists, once.</summary>
    private static Dictionary<string, (TunedSettings Settings, string File, IRatingTrainer Trainer)> TunedTrainers(string? files, string[] models)
    {
        var tuned = new Dictionary<string, (TunedSettings, string, IRatingTrainer)>(StringComparer.OrdinalIgnoreCase);
        foreach (string file in (files ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"--settings '{file}' does not exist; expected a file written by movierec tune --output.");
            }

            var chosen = TunedSettings.Load(file);
            if (!models.Contains(chosen.Model, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"--settings '{file}' tunes {chosen.Model}, which --models does not list.");
            }

            IRatingTrainer trainer;
            try
            {
                trainer = MovieRecCli.Models.SearchSpace(chosen.Model).Create(chosen.Settings);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--settings '{file}': {MovieRecCli.UserMessage(e)}", e);
            }

            if (!tuned.TryAdd(chosen.Model, (chosen, file, trainer)))
            {
                throw new ArgumentException($"--settings gives two files for {chosen.Model}; expected one per model.");
            }
        }

        return tuned;
    }

    private static void Print(ExperimentReport report)
    {
        // Top-K precision/recall/F1 go into a second table with one row per (model, K), so both stay narrow.
        var ks = report.MetricNames.Where(IsTopK).Select(n => n[(n.IndexOf('@', StringComparison.Ordinal) + 1)..]).Distinct().ToArray();
        bool ranking = ks.Length > 0;
        var atCutoff = ranking ? report.MetricNames.Where(n => n.Contains('@', StringComparison.Ordinal) && !IsTopK(n)).ToArray() : [];
        var like = LikeMetrics.Where(report.MetricNames.Contains).ToArray();
        var main = report.MetricNames.Where(n => !IsTopK(n) && !atCutoff.Contains(n) && !like.Contains(n) && n != "MSE").ToArray();
        string title = $"{report.DatasetName}, {EvaluationProtocolNames.NameOf(report.Protocol)}, mean ± std over {report.Repetitions} repetition(s)";
        var table = new Table().Title(Markup.Escape(title)).AddColumn("model");
        foreach (string m in main)
        {
            table.AddColumn(new TableColumn(Markup.Escape(m)).RightAligned());
        }

        table.AddColumn(new TableColumn("train s").RightAligned());
        table.AddColumn(new TableColumn("pred/s").RightAligned());
        foreach (var row in report.Models)
        {
            var cells = new List<string> { row.Model };
            cells.AddRange(main.Select(m => Cell(row, m)));
            cells.Add(row.TrainingSeconds.ToString(2));
            cells.Add(row.PredictionsPerSecond.Mean.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow(cells.Select(c => Markup.Escape(c)).ToArray());
        }

        AnsiConsole.Write(table);
        if (like.Length > 0)
        {
            // Like = held-out rating ≥ 3.5; rating models predict a like at 3.5, like classifiers at probability 0.5.
            var likeTable = new Table().Title($"Like/dislike (like = rating ≥ {ExperimentOptions.Defaults.LikeThreshold.ToString(CultureInfo.InvariantCulture)}; BaseRate = share of likes in the test set)").AddColumn("model");
            foreach (string m in like)
            {
                likeTable.AddColumn(new TableColumn(Markup.Escape(m)).RightAligned());
            }

            foreach (var row in report.Models)
            {
                likeTable.AddRow([Markup.Escape(row.Model), .. like.Select(m => Markup.Escape(Cell(row, m)))]);
            }

            AnsiConsole.Write(likeTable);
        }

        if (!ranking)
        {
            return;
        }

        string relevance = report.Protocol == EvaluationProtocol.FullRanking
            ? "every movie without a training or validation positive ranked; relevant = a test positive (rating ≥ 4)"
            : "relevant = held-out rating ≥ 4";
        var topK = new Table().Title($"Top-K over all unseen movies ({relevance})").AddColumn("model").AddColumn(new TableColumn("K").RightAligned());
        // NDCG is reported at every K, MAP, HR and coverage at the ranking cut-off only: a cell stays empty where a metric has no value.
        var after = atCutoff.Select(n => n[..n.IndexOf('@', StringComparison.Ordinal)]).Distinct().ToArray();
        foreach (string column in new[] { "P", "R", "F1" }.Concat(after))
        {
            topK.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
        }

        foreach (var row in report.Models)
        {
            foreach (string k in ks)
            {
                var cells = new List<string> { row.Model, k, Cell(row, "P@" + k), Cell(row, "R@" + k), Cell(row, "F1@" + k) };
                cells.AddRange(after.Select(m => row.Metrics.ContainsKey(m + "@" + k) ? Cell(row, m + "@" + k) : string.Empty));
                topK.AddRow(cells.Select(c => Markup.Escape(c)).ToArray());
            }
        }

        AnsiConsole.Write(topK);
    }

    /// <summary>The like/dislike metrics, in the order the second table shows them.</summary>
    private static readonly string[] LikeMetrics = ["Accuracy", "Precision", "Recall", "F1", "AUC", "LogLoss", "BaseRate"];

    private static string Cell(ModelResult row, string metric) =>
        row.Metrics.TryGetValue(metric, out var s) ? s.ToString(3).Replace(" ± ", "±", StringComparison.Ordinal) : "—";

    private static bool IsTopK(string metric) => metric.StartsWith("P@", StringComparison.Ordinal) || metric.StartsWith("R@", StringComparison.Ordinal) || metric.StartsWith("F1@", StringComparison.Ordinal);

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '-'));
}
