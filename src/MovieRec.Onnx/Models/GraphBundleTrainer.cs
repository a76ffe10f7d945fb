using System.Globalization;
using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Models;

/// <summary>
/// A bundled model trained as one ONNX graph by the training loop: the rating CNNs, the like/dislike MLP and the
/// sequence CNN. The steps every such model repeats are here, once: the checks, the model's tables, the validation
/// slice (or the caller's validation ratings), the training loop, the export, the metadata every bundle carries and
/// the bundle itself. A model gives its tables, its graph, its export settings and its bundle layout.
/// </summary>
public abstract class GraphBundleTrainer : BundleTrainer
{
    private protected GraphBundleTrainer()
    {
    }

    /// <inheritdoc/>
    public sealed override BundleModel Fit(RecommendationDataset dataset, RatingsTable train, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        FitGraph(dataset, train, null, progress, cancellationToken);

    /// <summary>Gets the name of the model's options record, which messages about its settings name.</summary>
    private protected abstract string OptionsName { get; }

    /// <summary>Gets the one-line description of the settings the bundle's metadata carries.</summary>
    private protected abstract string Description { get; }

    /// <inheritdoc/>
    protected sealed override BundleModel FitWithValidation(RecommendationDataset dataset, RatingsTable train, RatingsTable validation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        FitGraph(dataset, train, validation, progress, cancellationToken);

    /// <summary>Builds the model's tables over a dataset for one training run.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="train">All the training ratings (validation slice included).</param>
    /// <returns>The run.</returns>
    private protected abstract GraphRun Prepare(RecommendationDataset dataset, RatingsTable train);

    private BundleModel FitGraph(RecommendationDataset dataset, RatingsTable train, RatingsTable? heldOut, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        PredictorChecks.CheckTrainingRatings(train, nameof(train));
        var run = Prepare(dataset, train);
        CheckWithinTables(train, run.UserCount, run.MovieCount, nameof(train));
        var t = Training;
        RatingRows fit;
        RatingRows? validation;
        if (heldOut is not null)
        {
            CheckWithinTables(heldOut, run.UserCount, run.MovieCount, "validation");
            (fit, validation) = (new(train, null), new(heldOut, null));
        }
        else
        {
            t.RequireValidationForPatience(OptionsName, TakesValidationRatings);
            var (fitRows, validationRows) = SplitValidationRows(train.Count, t.ValidationFraction, t.Seed);
            fit = new(train, validationRows is null ? null : fitRows);
            validation = validationRows is null ? null : new(train, validationRows);
        }

        double mean = Mean(fit.Table.Ratings);
        var (graph, loss) = run.BuildGraph(fit.Table, mean, cancellationToken);
        using var trainer = Trainer.Create(graph, loss, t.CreateOptimizer(), t with { ProgressInterval = run.ProgressInterval });
        run.Initialize(trainer);
        var history = trainer.Fit(run.ToTrainingData(fit), validation is null ? null : run.ToTrainingData(validation), progress, cancellationToken);
        var onnx = trainer.ExportModel(run.Export());
        var metadata = new Dictionary<string, string>(run.Metadata, StringComparer.Ordinal)
        {
            ["dataset"] = dataset.Name,
            ["options"] = Description,
            ["global_mean"] = mean.ToString("R", CultureInfo.InvariantCulture),
            [ModelBundle.BestEpochKey] = history.BestEpoch.ToString(CultureInfo.InvariantCulture),
            ["training_ratings"] = fit.Count.ToString(CultureInfo.InvariantCulture),
            ["validation_ratings"] = (validation?.Count ?? 0).ToString(CultureInfo.InvariantCulture),
        };
        var model = BundleModel.Create(run.Bundle(onnx, metadata, history.Epochs, BundleDataset.Create(dataset, train)), t.SessionOptions(run.IntraOpThreads));
        run.Attach(model);
        return model;
    }

    /// <summary>Some rows of a ratings table: all of them when <see cref="Rows"/> is null.</summary>
    private protected sealed class RatingRows(RatingsTable source, int[]? rows)
    {
        private RatingsTable? _table;

        /// <summary>Gets the table the rows index.</summary>
        public RatingsTable Source => source;

        /// <summary>Gets the rows, ascending, or null for all of them.</summary>
        public int[]? Rows => rows;

        /// <summary>Gets the number of rows.</summary>
        public int Count => rows?.Length ?? source.Count;

        /// <summary>Gets the rows as a table of their own.</summary>
        public RatingsTable Table => _table ??= rows is null ? source : source.Subset(rows);
    }

    /// <summary>One training run of a model: its tables over the dataset and what the template asks of them.</summary>
    private protected abstract class GraphRun
    {
        /// <summary>Gets the user indices the tables hold, index 0 included.</summary>
        public abstract int UserCount { get; }

        /// <summary>Gets the movie indices the tables hold, index 0 included.</summary>
        public abstract int MovieCount { get; }

        /// <summary>Gets the batches between progress reports.</summary>
        public virtual int ProgressInterval => 20;

        /// <summary>Gets the threads of the trained model's session, or null for the training options'.</summary>
        public virtual int? IntraOpThreads => 1;

        /// <summary>Gets the model's own metadata entries.</summary>
        public virtual IReadOnlyDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();

        /// <summary>Builds the training graph and its loss.</summary>
        /// <param name="fit">The ratings trained on.</param>
        /// <param name="mean">Their mean.</param>
        /// <param name="cancellationToken">Cancels a long preparation.</param>
        /// <returns>The graph and its loss.</returns>
        public abstract (ModelGraph Graph, GraphTensor Loss) BuildGraph(RatingsTable fit, double mean, CancellationToken cancellationToken);

        /// <summary>Sets starting weights before the first epoch; nothing by default.</summary>
        /// <param name="trainer">The training loop.</param>
        public virtual void Initialize(Trainer trainer)
        {
        }

        /// <summary>The graph's inputs and targets for some ratings.</summary>
        /// <param name="ratings">The ratings.</param>
        /// <returns>The training data.</returns>
        public abstract TrainingData ToTrainingData(RatingRows ratings);

        /// <summary>The export settings of the trained graph.</summary>
        /// <returns>The settings.</returns>
        public abstract ExportOptions Export();

        /// <summary>The bundle of the trained model.</summary>
        /// <param name="model">The exported graph.</param>
        /// <param name="metadata">The metadata: the model's own and every bundle's.</param>
        /// <param name="history">The epochs trained.</param>
        /// <param name="dataset">The dataset's ids and titles.</param>
        /// <returns>The bundle.</returns>
        public abstract ModelBundle Bundle(OnnxModel model, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<EpochSummary> history, BundleDataset dataset);

        /// <summary>Gives the trained model what it needs beyond its bundle; nothing by default.</summary>
        /// <param name="model">The model loaded from the bundle.</param>
        public virtual void Attach(BundleModel model)
        {
        }
    }
}
