using System.CommandLine;
using System.Globalization;
using MovieRec.Evaluation;
using Spectre.Console;

namespace MovieRec.Cli.Commands;

/// <summary>
/// <c>movierec tune</c>: scores a model's candidate settings on validation splits carved from each seed's training part
/// only, prints the validation table and the chosen settings, and optionally writes them as JSON.
/// </summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "Model to tune: " + string.Join(", ", MovieRecCli.Models.TunableModelNames) + ".",
            Required = true,
        };
        var data = DatasetOptions.Data();
        var path = DatasetOptions.Path();
        var protocol = new Option<string>("--protocol")
        {
            Description = "Protocol whose validation splits are searched (a generated one): " + string.Join(", ", EvaluationProtocolNames.All.Where(n => n is not "ml100k-folds" and not "fold-in")) + ".",
            DefaultValueFactory = _ => "full-ranking",
        };
        var seeds = new Option<int>("--seeds")
        {
            Description = "Validation splits with seeds 1..N; the chosen settings have the best mean.",
            DefaultValueFactory = _ => 3,
        }.Within(1, 100);
        var output = new Option<string?>("--output")
        {
            Description = "JSON file to write the chosen settings and every candidate's validation scores to.",
        };

        model.NotBlank("a model name");
        output.NotBlank("a file");
        var command = new Command("tune", "Choose a model's settings on validation data carved from the training part of each seed's split; print the validation table.")
        {
            model, data, path, protocol, seeds, output,
        };
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
            Task.FromResult(Run(
                result.GetValue(model)!,
                result.GetValue(data)!,
                result.GetValue(path),
                result.GetValue(protocol)!,
                result.GetValue(seeds),
                result.GetValue(output),
                cancellationToken)));
        return command;
    }

    private static int Run(string modelName, string data, string? path, string protocolName, int seeds, string? output, CancellationToken cancellationToken)
    {
        IReadOnlyList<TuningCandidate> candidates;
        EvaluationProtocol protocol;
        try
        {
            if (!string.IsNullOrEmpty(output))
            {
                OutputPaths.CheckFile("--output", output);
            }

            protocol = EvaluationProtocolNames.Parse(protocolName);
            if (protocol is EvaluationProtocol.MovieLens100KFolds or EvaluationProtocol.FoldIn)
            {
                throw new ArgumentException($"--protocol {protocolName} has no generated split to carve validation data from; use full-ranking, loo-99, random-90-10 or another generated protocol.");
            }

            candidates = MovieRecCli.Models.SearchSpace(modelName).Candidates();
        }
        catch (ArgumentException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {MovieRecCli.UserMessage(e)}");
            return MovieRecCli.Usage;
        }

        Data.RecommendationDataset dataset;
        try
        {
            dataset = Data.DatasetCatalog.Load(data, path);
        }
        catch (Exception e) when (e is IOException or ArgumentException or Data.DataFormatException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {MovieRecCli.UserMessage(e)}");
            return e is ArgumentException ? MovieRecCli.Usage : MovieRecCli.Failure;
        }

        AnsiConsole.MarkupLineInterpolated($"[bold]{dataset.Name}[/]: tuning [bold]{modelName}[/], {candidates.Count} candidates x {seeds} seed(s) on validation splits of [bold]{protocolName}[/]'s training part; no test rating is read.");
        var options = new ExperimentOptions { DatasetName = dataset.Name, Protocol = protocol, Seeds = seeds };
        TuningReport? report = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(modelName, maxValue: 1.0);
                var progress = new ActionProgress<ExperimentProgress>(p =>
                {
                    task.Value = p.Fraction;
                    task.Description = $"{modelName} [grey]{Markup.Escape(p.Stage)}[/]";
                });
                report = Tuner.Run(dataset, candidates, options, progress, cancellationToken);
                task.Value = 1.0;
            });

        Print(report!);
        if (!string.IsNullOrEmpty(output))
        {
            report!.WriteJson(output);
            AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{output}[/]");
        }

        return 0;
    }

    private static void Print(TuningReport report)
    {
        string better = report.LowerIsBetter ? "lower is better" : "higher is better";
        var table = new Table()
            .Title(Markup.Escape($"{report.DatasetName}, {report.Model}: validation {report.Metric} ({better}) on {EvaluationProtocolNames.NameOf(report.Protocol)}'s training part"))
            .AddColumn("settings");
        foreach (int seed in report.Seeds)
        {
            table.AddColumn(new TableColumn($"seed {seed}").RightAligned());
        }

        table.AddColumn(new TableColumn("mean ± std").RightAligned());
        for (int c = 0; c < report.Candidates.Count; c++)
        {
            var cells = new List<string> { report.Candidates[c].Label + (c == report.Chosen ? "  (chosen)" : string.Empty) };
            for (int s = 0; s < report.Seeds.Count; s++)
            {
                string mark = report.ChosenPerSeed[s] == c ? " *" : "  ";
                cells.Add(report.Score(c, s).ToString("F4", CultureInfo.InvariantCulture) + mark);
            }

            cells.Add(report.Summary(c).ToString(4));
            table.AddRow(cells.Select(x => Markup.Escape(x)).ToArray());
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"* the best on that seed's validation split. Chosen over all seeds: [bold]{report.Candidates[report.Chosen].Label}[/] (mean {report.Metric} {report.Summary(report.Chosen).ToString(4)}).");
    }
}
