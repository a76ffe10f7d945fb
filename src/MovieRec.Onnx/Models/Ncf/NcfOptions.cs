using MovieRec.Abstractions;
using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training;

namespace MovieRec.Onnx.Models.Ncf;

/// <summary>Settings of an NCF model (GMF, MLP or NeuMF) and of its training.</summary>
/// <remarks>
/// The defaults follow the NCF paper's ML-1M setting (He et al., "Neural Collaborative Filtering",
/// WWW 2017): 8 predictive factors, an MLP tower 64-32-16-8 (the first layer is the concatenation of a
/// 32-d user and a 32-d movie embedding), 4 sampled negatives per positive drawn afresh every epoch,
/// Adam with learning rate 0.001, batch 256, embeddings initialised from N(0, 0.01²), and NeuMF
/// initialised from a trained GMF and a trained MLP with the trade-off α = 0.5, then fine-tuned with
/// plain SGD at learning rate 0.001.
/// </remarks>
public sealed record NcfOptions
{
    /// <summary>Default values of <see cref="NcfOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>Default model: NeuMF.</summary>
        public const NcfArchitecture Architecture = NcfArchitecture.NeuMF;

        /// <summary>Default task: implicit feedback.</summary>
        public const NcfTask Task = NcfTask.Implicit;

        /// <summary>Default predictive factors: 8.</summary>
        public const int ApproximationRank = 8;

        /// <summary>
        /// Epochs the catalog's rating-task trainers use: 3. Regression on ML-100K 4:1 overfits after
        /// about 3 epochs (held-out RMSE 0.91 at 3, 0.93 at 6, 0.99 at 12 for NeuMF).
        /// </summary>
        public const int RatingEpochs = 3;

        /// <summary>Default L2 penalty on the looked-up embeddings: 0.</summary>
        public const double EmbeddingL2 = 0;

        /// <summary>Default dropout rate after each MLP tower layer: 0 (none, as in the NCF paper).</summary>
        public const double MlpDropout = 0;

        /// <summary>Default number of each user's latest interactions trained on twice per epoch: 0 (all weigh alike).</summary>
        public const int RepeatLatest = 0;

        /// <summary>Default negatives per positive: 4.</summary>
        public const int NegativesPerPositive = 4;

        /// <summary>Default embedding initialisation standard deviation: 0.01.</summary>
        public const double InitStandardDeviation = 0.01;

        /// <summary>Default for NeuMF pre-training: on.</summary>
        public const bool Pretrain = true;

        /// <summary>Default GMF/MLP trade-off when NeuMF is initialised from pre-trained models: 0.5.</summary>
        public const double Alpha = 0.5;

        /// <summary>
        /// Default optimizer for fine-tuning a pre-trained NeuMF: plain SGD, as in the NCF paper. On ML-100K
        /// leave-one-out Adam fine-tuning lost what pre-training gave (HR@10 0.600 against 0.636 with SGD).
        /// </summary>
        public const OptimizerKind FineTuneOptimizer = OptimizerKind.Sgd;

        /// <summary>Default fine-tuning learning rate: 0.001.</summary>
        public const double FineTuneLearningRate = 1e-3;

        /// <summary>Default epoch selection: none (every stage trains for the configured epochs).</summary>
        public const NcfEpochSelection EpochSelection = NcfEpochSelection.None;

        /// <summary>Sampled never-rated movies each validation interaction is ranked against: 99, as in the test protocol.</summary>
        public const int ValidationNegatives = 99;

        /// <summary>
        /// Default training: the NCF paper's 20 epochs of Adam at learning rate 0.001, batch 256, a constant
        /// rate, no weight decay; one ONNX Runtime thread (see <see cref="DeepTrainingOptions.Defaults.NumberOfThreads"/>).
        /// </summary>
        public static DeepTrainingOptions Training { get; } = new() { Epochs = 20, LearningRate = 1e-3, BatchSize = 256 };
    }

    /// <summary>
    /// The tuned settings for implicit feedback, chosen by validation NDCG@10 on ML-100K (each user's
    /// latest training interaction held out and ranked among 99 never-rated movies; the test items were
    /// not used for the choice): 16 predictive factors and an L2 penalty of 0.001 on the looked-up embeddings, the
    /// choice of <c>movierec tune --model neumf-tuned --data ml-100k --protocol loo-99 --seeds 1</c> (factors 16/32/64 ×
    /// embedding L2 0.001/0.005/0.02, <c>benchmarks/tuned/neumf-tuned-ml-100k-loo-99.json</c>: NDCG@10 0.437 against
    /// 0.425 for the earlier 64 factors and 0.005, which had been fixed when the comparison printed test metrics only);
    /// MLP tower 128-64-32-16, each user's 10 latest interactions trained on twice per epoch
    /// (<see cref="RepeatLatest"/>), up to 20 epochs per stage with <see cref="NcfEpochSelection.Retrain"/>,
    /// and α chosen on the validation split; everything else as in the paper (4 negatives, Adam lr 0.001,
    /// batch 256, SGD fine-tuning at lr 0.001). Training runs twice: a selection pass, then the retrain.
    /// </summary>
    /// <param name="architecture">GMF, MLP or NeuMF (pre-trained); default NeuMF.</param>
    /// <returns>The options.</returns>
    public static NcfOptions Tuned(NcfArchitecture architecture = NcfArchitecture.NeuMF) => new()
    {
        Architecture = architecture,
        ApproximationRank = 16,
        MlpLayers = [128, 64, 32, 16],
        EmbeddingL2 = 0.001,
        RepeatLatest = 10,
        EpochSelection = NcfEpochSelection.Retrain,
        SelectAlpha = true,
    };

    /// <summary>Gets which model to build; default <see cref="NcfArchitecture.NeuMF"/>.</summary>
    public NcfArchitecture Architecture { get; init; } = Defaults.Architecture;

    /// <summary>Gets what to learn; default <see cref="NcfTask.Implicit"/>.</summary>
    public NcfTask Task { get; init; } = Defaults.Task;

    /// <summary>
    /// Gets the predictive factors: the GMF embedding size, and the size of the MLP's last layer when
    /// <see cref="MlpLayers"/> is not set (the tower is then 8f-4f-2f-f). 1 or more; default 8.
    /// </summary>
    public int ApproximationRank { get; init; } = Defaults.ApproximationRank;

    /// <summary>
    /// Gets the MLP tower: the first entry is the width of the concatenated user and movie embeddings
    /// (each half of it, so it must be even), the following entries the ReLU layers; the last one is the
    /// MLP's predictive factors. Null (the default) derives [8f, 4f, 2f, f] from <see cref="ApproximationRank"/>,
    /// which is 64-32-16-8 for f = 8.
    /// </summary>
    public IReadOnlyList<int>? MlpLayers { get; init; }

    /// <summary>
    /// Gets λ of the L2 penalty on the embeddings looked up in each batch, added to the loss as
    /// λ · mean over the batch of ‖e‖² for every user and movie embedding (GMF and MLP). Unlike
    /// weight decay it leaves rows outside the batch alone. 0 or more; default 0.
    /// </summary>
    public double EmbeddingL2 { get; init; } = Defaults.EmbeddingL2;

    /// <summary>
    /// Gets the dropout rate applied after each ReLU layer of the MLP tower while training (scoring,
    /// validation and export use the full tower). In [0, 1); default 0 (no dropout).
    /// </summary>
    public double MlpDropout { get; init; } = Defaults.MlpDropout;

    /// <summary>
    /// Gets how many of each user's latest interactions (by timestamp) are trained on twice per epoch,
    /// each time with its own sampled negatives (implicit task only). A user's latest movies say more
    /// about the next one than older ones; the NCF paper weighs all interactions alike (0). 0 or more;
    /// default 0.
    /// </summary>
    public int RepeatLatest { get; init; } = Defaults.RepeatLatest;

    /// <summary>Gets the sampled negatives per positive interaction (implicit task only); 1 or more; default 4.</summary>
    public int NegativesPerPositive { get; init; } = Defaults.NegativesPerPositive;

    /// <summary>Gets the standard deviation of the normal initialisation of the embeddings; default 0.01.</summary>
    public double InitStandardDeviation { get; init; } = Defaults.InitStandardDeviation;

    /// <summary>
    /// Gets whether NeuMF starts from a GMF and an MLP trained first with the same settings (ignored for
    /// GMF and MLP). Default true.
    /// </summary>
    public bool Pretrain { get; init; } = Defaults.Pretrain;

    /// <summary>
    /// Gets α, the weight of the pre-trained GMF's output layer in NeuMF's (the MLP's gets 1 − α):
    /// h = [α h_GMF; (1 − α) h_MLP]. In [0, 1]; default 0.5.
    /// </summary>
    public double Alpha { get; init; } = Defaults.Alpha;

    /// <summary>
    /// Gets whether a pre-trained NeuMF chooses α itself (implicit task, needs <see cref="EpochSelection"/>):
    /// after pre-training, the initialised NeuMF is scored on the validation leave-one-out for
    /// α = 0, 0.1, …, 1 and the α of best NDCG@10 is kept (ties: the one closest to <see cref="Alpha"/>);
    /// a retrain reuses it. Default false (α = <see cref="Alpha"/>).
    /// </summary>
    public bool SelectAlpha { get; init; }

    /// <summary>Gets the optimizer of a pre-trained NeuMF's fine-tuning; default SGD (the paper's choice).</summary>
    public OptimizerKind FineTuneOptimizer { get; init; } = Defaults.FineTuneOptimizer;

    /// <summary>Gets the learning rate of a pre-trained NeuMF's fine-tuning; greater than 0; default 0.001.</summary>
    public double FineTuneLearningRate { get; init; } = Defaults.FineTuneLearningRate;

    /// <summary>Gets the epochs of fine-tuning a pre-trained NeuMF; null (the default) uses the training epochs.</summary>
    public int? FineTuneEpochs { get; init; }

    /// <summary>
    /// Gets how the number of epochs is chosen (implicit task only): the configured training epochs
    /// and <see cref="FineTuneEpochs"/> become upper bounds and each stage stops at its best epoch on a
    /// validation leave-one-out carved from the training ratings. Default <see cref="NcfEpochSelection.None"/>.
    /// </summary>
    public NcfEpochSelection EpochSelection { get; init; } = Defaults.EpochSelection;

    /// <summary>
    /// Gets how every stage trains (pre-training, training; fine-tuning takes its optimizer, rate and epochs
    /// from <see cref="FineTuneOptimizer"/>, <see cref="FineTuneLearningRate"/> and <see cref="FineTuneEpochs"/>).
    /// Every epoch draws fresh negatives; the rate of an epoch depends only on its number, so epoch selection
    /// and the retrain that follows it see the same rates. Default <see cref="Defaults.Training"/>.
    /// </summary>
    public DeepTrainingOptions Training { get; init; } = Defaults.Training;

    /// <summary>Gets the model name used by the trained predictor, or null for the default (gmf, mlp, neumf, neumf-nopre; a -rating suffix for the rating task).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the MLP tower this configuration uses (see <see cref="MlpLayers"/>).</summary>
    /// <returns>The layer widths, first = concatenated embedding width.</returns>
    public IReadOnlyList<int> ResolveMlpLayers() => MlpLayers ?? [8 * ApproximationRank, 4 * ApproximationRank, 2 * ApproximationRank, ApproximationRank];

    /// <summary>Gets the model name the trained predictor reports.</summary>
    /// <returns>The name.</returns>
    public string ResolveName()
    {
        if (Name is not null)
        {
            return Name;
        }

        string stem = Architecture switch
        {
            NcfArchitecture.Gmf => "gmf",
            NcfArchitecture.Mlp => "mlp",
            _ => Pretrain ? "neumf" : "neumf-nopre",
        };
        return Task == NcfTask.Rating ? stem + "-rating" : stem;
    }

    /// <summary>Checks every value, naming the option as users write it (<c>NcfOptions.ApproximationRank</c>, <c>NcfOptions.Training.Epochs</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    /// <exception cref="ArgumentException">Two values do not go together.</exception>
    public void Validate()
    {
        const string o = nameof(NcfOptions) + ".";
        OptionChecks.Defined(Architecture, o + nameof(Architecture));
        OptionChecks.Defined(Task, o + nameof(Task));
        OptionChecks.AtLeast(ApproximationRank, 1, o + nameof(ApproximationRank));
        var layers = ResolveMlpLayers();
        if (layers.Count < 1 || layers.Any(l => l < 1) || layers[0] % 2 != 0)
        {
            OptionChecks.Throw(o + nameof(MlpLayers), $"[{string.Join(", ", layers)}]", "expected at least one positive width, the first one even (it holds a user and a movie embedding of half its size)");
        }

        OptionChecks.NonNegative(EmbeddingL2, o + nameof(EmbeddingL2));
        if (!(MlpDropout is >= 0 and < 1))
        {
            OptionChecks.Throw(o + nameof(MlpDropout), MlpDropout, "expected a value in [0, 1)");
        }

        OptionChecks.AtLeast(RepeatLatest, 0, o + nameof(RepeatLatest));
        OptionChecks.AtLeast(NegativesPerPositive, 1, o + nameof(NegativesPerPositive));
        OptionChecks.Positive(InitStandardDeviation, o + nameof(InitStandardDeviation));
        if (!(Alpha is >= 0 and <= 1))
        {
            OptionChecks.Throw(o + nameof(Alpha), Alpha, "expected a value in [0, 1]");
        }

        OptionChecks.Defined(FineTuneOptimizer, o + nameof(FineTuneOptimizer));
        OptionChecks.Positive(FineTuneLearningRate, o + nameof(FineTuneLearningRate));
        if (FineTuneEpochs is { } fineTune)
        {
            OptionChecks.AtLeast(fineTune, 1, o + nameof(FineTuneEpochs));
        }

        OptionChecks.Defined(EpochSelection, o + nameof(EpochSelection));
        ArgumentNullException.ThrowIfNull(Training, o + nameof(Training));
        Training.Validate(nameof(NcfOptions));
        if (SelectAlpha && EpochSelection == NcfEpochSelection.None)
        {
            throw new ArgumentException("NcfOptions.SelectAlpha = true needs a validation split; set NcfOptions.EpochSelection to Retrain or KeepBest.", o + nameof(SelectAlpha));
        }
    }

    /// <summary>The scoring session's settings: the training device and threads.</summary>
    internal OnnxSessionOptions SessionOptions() => Training.SessionOptions();
}
