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
        public const int Factors = 8;

        /// <summary>Default epochs: 20.</summary>
        public const int Epochs = 20;

        /// <summary>
        /// Epochs the catalog's rating-task trainers use: 3. Regression on ML-100K 4:1 overfits after
        /// about 3 epochs (held-out RMSE 0.91 at 3, 0.93 at 6, 0.99 at 12 for NeuMF).
        /// </summary>
        public const int RatingEpochs = 3;

        /// <summary>Default batch size: 256.</summary>
        public const int BatchSize = 256;

        /// <summary>Default learning rate: 0.001 (Adam).</summary>
        public const double LearningRate = 1e-3;

        /// <summary>Default per-epoch learning-rate factor: 1 (a constant rate, as in the NCF paper).</summary>
        public const double LearningRateDecay = 1;

        /// <summary>Default decoupled weight decay (L2): 0.</summary>
        public const double WeightDecay = 0;

        /// <summary>Default L2 penalty on the looked-up embeddings: 0.</summary>
        public const double EmbeddingL2 = 0;

        /// <summary>Default dropout rate after each MLP tower layer: 0 (none, as in the NCF paper).</summary>
        public const double MlpDropout = 0;

        /// <summary>Default per-epoch weight averaging factor: 0 (the model is the last epoch's weights).</summary>
        public const double WeightAveraging = 0;

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

        /// <summary>Default optimizer: Adam.</summary>
        public const NcfOptimizerKind Optimizer = NcfOptimizerKind.Adam;

        /// <summary>
        /// Default optimizer for fine-tuning a pre-trained NeuMF: plain SGD, as in the NCF paper. On ML-100K
        /// leave-one-out Adam fine-tuning lost what pre-training gave (HR@10 0.600 against 0.636 with SGD).
        /// </summary>
        public const NcfOptimizerKind FineTuneOptimizer = NcfOptimizerKind.Sgd;

        /// <summary>Default fine-tuning learning rate: 0.001.</summary>
        public const double FineTuneLearningRate = 1e-3;

        /// <summary>Default epoch selection: none (every stage trains for the configured epochs).</summary>
        public const NcfEpochSelection EpochSelection = NcfEpochSelection.None;

        /// <summary>Sampled never-rated movies each validation interaction is ranked against: 99, as in the test protocol.</summary>
        public const int ValidationNegatives = 99;

        /// <summary>Default seed: 1.</summary>
        public const int Seed = 1;

        /// <summary>
        /// Default ONNX Runtime intra-op threads: 1. The NCF graphs are small, so one thread avoids the
        /// synchronisation cost: a NeuMF epoch on ML-100K took 0.78 s with 1 thread and 1.75 s with the
        /// runtime's choice (2) on a loaded 2-core machine.
        /// </summary>
        public const int IntraOpThreads = 1;

        /// <summary>Default scoring batch: 4096 pairs per run.</summary>
        public const int ScoringBatchSize = 4096;
    }

    /// <summary>
    /// The tuned settings for implicit feedback, chosen by validation NDCG@10 on ML-100K (each user's
    /// latest training interaction held out and ranked among 99 never-rated movies; the test items were
    /// not used for the choice): 64 predictive factors, MLP tower 128-64-32-16, an L2 penalty of 0.005
    /// on the looked-up embeddings, each user's 10 latest interactions trained on twice per epoch
    /// (<see cref="RepeatLatest"/>), up to 20 epochs per stage with <see cref="NcfEpochSelection.Retrain"/>,
    /// and α chosen on the validation split; everything else as in the paper (4 negatives, Adam lr 0.001,
    /// batch 256, SGD fine-tuning at lr 0.001). Training runs twice: a selection pass, then the retrain.
    /// </summary>
    /// <param name="architecture">GMF, MLP or NeuMF (pre-trained); default NeuMF.</param>
    /// <returns>The options.</returns>
    public static NcfOptions Tuned(NcfArchitecture architecture = NcfArchitecture.NeuMF) => new()
    {
        Architecture = architecture,
        Factors = 64,
        MlpLayers = [128, 64, 32, 16],
        EmbeddingL2 = 0.005,
        RepeatLatest = 10,
        Epochs = 20,
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
    public int Factors { get; init; } = Defaults.Factors;

    /// <summary>
    /// Gets the MLP tower: the first entry is the width of the concatenated user and movie embeddings
    /// (each half of it, so it must be even), the following entries the ReLU layers; the last one is the
    /// MLP's predictive factors. Null (the default) derives [8f, 4f, 2f, f] from <see cref="Factors"/>,
    /// which is 64-32-16-8 for f = 8.
    /// </summary>
    public IReadOnlyList<int>? MlpLayers { get; init; }

    /// <summary>Gets the epochs (each with freshly sampled negatives); 1 or more; default 20.</summary>
    public int Epochs { get; init; } = Defaults.Epochs;

    /// <summary>Gets the mini-batch size; larger batches run faster per sample but learn less per epoch. Default 256.</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>Gets the learning rate; greater than 0; default 0.001.</summary>
    public double LearningRate { get; init; } = Defaults.LearningRate;

    /// <summary>
    /// Gets the factor the learning rate is multiplied by after every epoch (epoch e, counted from 0,
    /// trains at rate · decay^e), for pre-training, training and fine-tuning alike. In (0, 1]; default 1
    /// (constant). The rate of an epoch depends only on its number, so epoch selection and the retrain
    /// that follows it see the same rates.
    /// </summary>
    public double LearningRateDecay { get; init; } = Defaults.LearningRateDecay;

    /// <summary>Gets the optimizer; default Adam.</summary>
    public NcfOptimizerKind Optimizer { get; init; } = Defaults.Optimizer;

    /// <summary>
    /// Gets the L2 regularisation strength: decoupled weight decay with Adam, a λθ gradient term with
    /// SGD. 0 or more; default 0.
    /// </summary>
    public double WeightDecay { get; init; } = Defaults.WeightDecay;

    /// <summary>
    /// Gets λ of the L2 penalty on the embeddings looked up in each batch, added to the loss as
    /// λ · mean over the batch of ‖e‖² for every user and movie embedding (GMF and MLP). Unlike
    /// <see cref="WeightDecay"/> it leaves rows outside the batch alone. 0 or more; default 0.
    /// </summary>
    public double EmbeddingL2 { get; init; } = Defaults.EmbeddingL2;

    /// <summary>
    /// Gets the dropout rate applied after each ReLU layer of the MLP tower while training (scoring,
    /// validation and export use the full tower). In [0, 1); default 0 (no dropout).
    /// </summary>
    public double MlpDropout { get; init; } = Defaults.MlpDropout;

    /// <summary>
    /// Gets β of an exponential moving average of the weights over epochs: after epoch e the model is
    /// a_e = Σ_(j ≤ e) (1 − β)·β^(e−j)·w_j / (1 − β^e), where w_j are the weights after epoch j, from which
    /// training goes on (the division removes the bias towards the first epochs, as in Adam's moments).
    /// Epoch selection and the returned model use a_e. In [0, 1); default 0 (the last epoch's weights).
    /// </summary>
    public double WeightAveraging { get; init; } = Defaults.WeightAveraging;

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
    public NcfOptimizerKind FineTuneOptimizer { get; init; } = Defaults.FineTuneOptimizer;

    /// <summary>Gets the learning rate of a pre-trained NeuMF's fine-tuning; greater than 0; default 0.001.</summary>
    public double FineTuneLearningRate { get; init; } = Defaults.FineTuneLearningRate;

    /// <summary>Gets the epochs of fine-tuning a pre-trained NeuMF; null (the default) uses <see cref="Epochs"/>.</summary>
    public int? FineTuneEpochs { get; init; }

    /// <summary>
    /// Gets how the number of epochs is chosen (implicit task only): the configured <see cref="Epochs"/>
    /// and <see cref="FineTuneEpochs"/> become upper bounds and each stage stops at its best epoch on a
    /// validation leave-one-out carved from the training ratings. Default <see cref="NcfEpochSelection.None"/>.
    /// </summary>
    public NcfEpochSelection EpochSelection { get; init; } = Defaults.EpochSelection;

    /// <summary>Gets the seed of the initial weights, the negative samples and the row order; default 1.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>Gets ONNX Runtime's intra-op threads for training and scoring; 0 lets the runtime decide. Default 1.</summary>
    public int IntraOpThreads { get; init; } = Defaults.IntraOpThreads;

    /// <summary>Gets the device for training and scoring; default <see cref="ExecutionDevice.Auto"/> (CUDA when it can be started, otherwise the CPU).</summary>
    public ExecutionDevice Device { get; init; } = TrainingDefaults.Device;

    /// <summary>Gets the (user, movie) pairs scored per inference run; 1 or more; default 4096.</summary>
    public int ScoringBatchSize { get; init; } = Defaults.ScoringBatchSize;

    /// <summary>Gets the model name used by the trained predictor, or null for the default (gmf, mlp, neumf, neumf-nopre; a -rating suffix for the rating task).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the MLP tower this configuration uses (see <see cref="MlpLayers"/>).</summary>
    /// <returns>The layer widths, first = concatenated embedding width.</returns>
    public IReadOnlyList<int> ResolveMlpLayers() => MlpLayers ?? [8 * Factors, 4 * Factors, 2 * Factors, Factors];

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

    internal void Validate(string parameterName)
    {
        static void Fail(string parameterName, string message) => throw new ArgumentOutOfRangeException(parameterName, message);
        if (!Enum.IsDefined(Architecture))
        {
            Fail(parameterName, $"Architecture = {Architecture}; expected Gmf, Mlp or NeuMF.");
        }

        if (!Enum.IsDefined(Task))
        {
            Fail(parameterName, $"Task = {Task}; expected Implicit or Rating.");
        }

        if (Factors < 1)
        {
            Fail(parameterName, $"Factors = {Factors}; expected 1 or more.");
        }

        var layers = ResolveMlpLayers();
        if (layers.Count < 1 || layers.Any(l => l < 1) || layers[0] % 2 != 0)
        {
            Fail(parameterName, $"MlpLayers = [{string.Join(", ", layers)}]; expected at least one positive width, the first one even (it holds a user and a movie embedding of half its size).");
        }

        if (Epochs < 1 || FineTuneEpochs is < 1)
        {
            Fail(parameterName, $"Epochs = {Epochs}, FineTuneEpochs = {FineTuneEpochs}; expected 1 or more.");
        }

        if (BatchSize < 1 || ScoringBatchSize < 1)
        {
            Fail(parameterName, $"BatchSize = {BatchSize}, ScoringBatchSize = {ScoringBatchSize}; expected 1 or more.");
        }

        if (!(LearningRate > 0) || !(FineTuneLearningRate > 0) || !double.IsFinite(LearningRate) || !double.IsFinite(FineTuneLearningRate))
        {
            Fail(parameterName, $"LearningRate = {LearningRate}, FineTuneLearningRate = {FineTuneLearningRate}; expected finite values greater than 0.");
        }

        if (!(LearningRateDecay > 0 && LearningRateDecay <= 1))
        {
            Fail(parameterName, $"LearningRateDecay = {LearningRateDecay}; expected a value in (0, 1].");
        }

        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay) || !(EmbeddingL2 >= 0) || !double.IsFinite(EmbeddingL2))
        {
            Fail(parameterName, $"WeightDecay = {WeightDecay}, EmbeddingL2 = {EmbeddingL2}; expected finite values of 0 or more.");
        }

        if (!(MlpDropout >= 0 && MlpDropout < 1))
        {
            Fail(parameterName, $"MlpDropout = {MlpDropout}; expected a value in [0, 1).");
        }

        if (!(WeightAveraging >= 0 && WeightAveraging < 1))
        {
            Fail(parameterName, $"WeightAveraging = {WeightAveraging}; expected a value in [0, 1).");
        }

        if (RepeatLatest < 0)
        {
            Fail(parameterName, $"RepeatLatest = {RepeatLatest}; expected 0 or more.");
        }

        if (NegativesPerPositive < 1)
        {
            Fail(parameterName, $"NegativesPerPositive = {NegativesPerPositive}; expected 1 or more.");
        }

        if (!(InitStandardDeviation > 0) || !double.IsFinite(InitStandardDeviation))
        {
            Fail(parameterName, $"InitStandardDeviation = {InitStandardDeviation}; expected a finite value greater than 0.");
        }

        if (!(Alpha >= 0 && Alpha <= 1))
        {
            Fail(parameterName, $"Alpha = {Alpha}; expected a value in [0, 1].");
        }

        if (!Enum.IsDefined(Optimizer) || !Enum.IsDefined(FineTuneOptimizer))
        {
            Fail(parameterName, $"Optimizer = {Optimizer}, FineTuneOptimizer = {FineTuneOptimizer}; expected Adam or Sgd.");
        }

        if (!Enum.IsDefined(EpochSelection))
        {
            Fail(parameterName, $"EpochSelection = {EpochSelection}; expected None, Retrain or KeepBest.");
        }

        if (SelectAlpha && EpochSelection == NcfEpochSelection.None)
        {
            Fail(parameterName, "SelectAlpha = true needs a validation split; set EpochSelection to Retrain or KeepBest.");
        }

        if (!Enum.IsDefined(Device))
        {
            Fail(parameterName, $"Device = {Device}; expected Auto, Cpu or Cuda.");
        }

        if (IntraOpThreads < 0)
        {
            Fail(parameterName, $"IntraOpThreads = {IntraOpThreads}; expected 0 or more.");
        }
    }

    /// <summary>The scoring session's settings: <see cref="Device"/> and <see cref="IntraOpThreads"/>.</summary>
    internal OnnxSessionOptions SessionOptions() => new() { Device = Device, IntraOpThreads = IntraOpThreads };
}
