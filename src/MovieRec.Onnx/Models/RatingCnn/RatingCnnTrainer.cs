using System.Globalization;
using MovieRec.Data;
using MovieRec.Features;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;

namespace MovieRec.Onnx.Models.RatingCnn;

/// <summary>
/// Trains the LSTM-CNN or text-CNN rating model: a user tower and a movie tower, each ending in a
/// 200-d tanh vector, and a rating from the two vectors; MSE loss, Adam.
/// </summary>
/// <remarks>
/// <para>
/// <b>User tower:</b> embeddings of user id (32), gender, age group and occupation (16 each),
/// each through Dense(32, ReLU), concatenated (128) → Dense(200, tanh).
/// <b>Movie tower:</b> movie-id embedding (32) → Dense(32, ReLU); genre embeddings (32) summed over
/// the genre list with padding masked out → Dense(32, ReLU); title words → embedding (32) →
/// [LSTM, 32 hidden, LSTM-CNN only, padding masked] → text convolution with windows 2, 3, 4, 5
/// and 8 filters each, ReLU, max over time → dropout (rate 0.5) → 32; concatenated (96) →
/// Dense(200, tanh).
/// <b>Rating:</b> u · v (LSTM-CNN paper) or the text-CNN paper's fully connected head (see
/// <see cref="RatingHead.FullyConnected"/>); with <see cref="RatingCnnOptions.UseBiases"/>, plus
/// the training mean and a learned bias per user and per movie (embeddings of size 1, zero-initialised).
/// </para>
/// <para>
/// The models follow Wang et al.'s LSTM-CNN movie recommender (ML-1M, random 4:1, MSE 0.7724,
/// MAE 0.6917) and the text-CNN recommender it extends; the defaults are those papers' settings.
/// The trained model is exported as an ONNX inference model (dropout removed, the LSTM as one
/// ONNX <c>LSTM</c> node) inside a <see cref="ModelBundle"/> whose inputs and outputs
/// <c>onnx/README.md</c> documents.
/// </para>
/// </remarks>
public sealed class RatingCnnTrainer : GraphBundleTrainer
{
    /// <summary>Name of the training target column (Float [N]); not an input of the exported model.</summary>
    public const string TargetInput = "target";

    private RatingCnnTrainer(RatingCnnOptions options)
    {
        Options = options;
    }

    /// <inheritdoc/>
    public override string Name => Options.Name ?? Options.ModelName;

    /// <summary>The settings.</summary>
    public RatingCnnOptions Options { get; }

    /// <inheritdoc/>
    public override DeepTrainingOptions Training => Options.Training;

    /// <summary>Creates a trainer with the papers' settings for a variant.</summary>
    /// <param name="variant">LSTM-CNN or text-CNN.</param>
    /// <returns>The trainer.</returns>
    public static RatingCnnTrainer Create(RatingCnnVariant variant) => Create(new RatingCnnOptions { Variant = variant });

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Settings; every value is checked here.</param>
    /// <returns>The trainer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public static RatingCnnTrainer Create(RatingCnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new RatingCnnTrainer(options);
    }

    /// <inheritdoc/>
    public override bool TakesValidationRatings => true;

    /// <inheritdoc/>
    private protected override string OptionsName => nameof(RatingCnnOptions);

    /// <inheritdoc/>
    private protected override string Description => Describe(Options);

    /// <inheritdoc/>
    private protected override GraphRun Prepare(RecommendationDataset dataset, RatingsTable train) =>
        new Run(Options, FeatureTables.Create(dataset, Options.GenreLength, Options.TitleLength));

    /// <inheritdoc/>
    public override BundleTrainer WithSeed(int seed) => new RatingCnnTrainer(Options with { Training = Options.Training with { Seed = seed } });

    private sealed class Run(RatingCnnOptions o, FeatureTables tables) : GraphRun
    {
        private readonly (IReadOnlyDictionary<string, Vocabulary> Vocabularies, IReadOnlyDictionary<string, string> Metadata) _parts = tables.BundleParts();
        private IReadOnlyList<FeatureInput> _inputs = [];

        public override int UserCount => tables.UserCount;

        public override int MovieCount => tables.MovieCount;

        public override IReadOnlyDictionary<string, string> Metadata => _parts.Metadata;

        public override (ModelGraph Graph, GraphTensor Loss) BuildGraph(RatingsTable fit, double mean, CancellationToken cancellationToken)
        {
            var built = RatingCnnGraph.Build(o, tables, mean);
            _inputs = built.Inputs;
            return (built.Graph, built.Loss);
        }

        public override TrainingData ToTrainingData(RatingRows ratings) => tables.ToTrainingData(ratings.Table, _inputs, TargetInput);

        public override ExportOptions Export() => new()
        {
            ModelKind = o.ModelName,
            FuseLstm = true,
            FeatureContract = tables.Schema,
            VocabularySizes = new Dictionary<string, long>
            {
                ["user_id"] = tables.UserCount,
                ["movie_id"] = tables.MovieCount,
                ["occupation"] = tables.OccupationCount,
                ["genres"] = tables.GenreVocabulary.Count,
                ["title"] = tables.TitleVocabulary.Count,
            },
        };

        public override ModelBundle Bundle(OnnxModel model, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<EpochSummary> history, BundleDataset dataset) => new()
        {
            ModelKind = o.ModelName,
            FeatureSchema = tables.Schema,
            Interaction = o.Head == RatingHead.Dot ? ScoreInteraction.Dot : ScoreInteraction.Additive,
            Model = model,
            Inputs = _inputs,
            UserFeatureWidth = FeatureTables.UserWidth,
            UserFeatures = tables.UserRows,
            MovieFeatureWidth = tables.MovieWidth,
            MovieFeatures = tables.MovieRows,
            Vocabularies = _parts.Vocabularies,
            Metadata = metadata,
            History = history,
            Dataset = dataset,
        };
    }

    private static string Describe(RatingCnnOptions o) => string.Create(
        CultureInfo.InvariantCulture,
        $"variant={o.ModelName}; head={o.Head}; biases={o.UseBiases}; ids={o.IdEmbeddingSize}; side={o.SideEmbeddingSize}; feature={o.FeatureSize}; genre={o.GenreEmbeddingSize}; word={o.WordEmbeddingSize}; lstm={o.LstmHiddenSize}; windows={string.Join(',', o.Windows)}; filters={o.FiltersPerWindow}; dropout={o.DropoutRate}; vector={o.VectorSize}; lr={o.Training.LearningRate}; batch={o.Training.BatchSize}; epochs={o.Training.Epochs}; weight_decay={o.Training.WeightDecay}; validation={o.Training.ValidationFraction}; patience={o.Training.Patience}; seed={o.Training.Seed}");
}
