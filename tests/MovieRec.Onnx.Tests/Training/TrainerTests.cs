using Microsoft.ML.OnnxRuntime;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Runtime;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;
using MovieRec.Onnx.Training.Optimizers;

namespace MovieRec.Onnx.Tests.Training;

[TestFixture]
public sealed class TrainerTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "movierec-trainer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void TwoLayerMlp_LearnsXor()
    {
        var g = ModelGraph.Create("xor", seed: 1);
        var x = g.Input("x", OnnxElementType.Float, "N", 2);
        var y = g.Input("y", OnnxElementType.Float, "N", 1);
        var hidden = DenseLayer.Create(g, "hidden", 2, 8, Activation.Tanh).Apply(x);
        var logits = DenseLayer.Create(g, "out", 8, 1).Apply(hidden);
        g.Output("p", g.Sigmoid(logits));
        var data = TrainingData.Create(4).Add("x", new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 2).Add("y", new float[] { 0, 1, 1, 0 }, 1);

        using var trainer = Trainer.Create(g, g.BinaryCrossEntropyWithLogits(logits, y), Optimizer.Adam(new AdamOptions { LearningRate = 0.05 }), new DeepTrainingOptions { Epochs = 400, BatchSize = 4, NumberOfThreads = 1 });
        var history = trainer.Fit(data);
        var p = trainer.Predict(data, "p");

        Assert.Multiple(() =>
        {
            Assert.That(p.Select(v => v > 0.5 ? 1 : 0), Is.EqualTo(new[] { 0, 1, 1, 0 }));
            Assert.That(history.TrainingLosses[^1], Is.LessThan(0.05));
            Assert.That(history.TrainingLosses[^1], Is.LessThan(history.TrainingLosses[0]));
        });
    }

    [Test]
    public void LinearRegression_ReachesTheLeastSquaresSolution()
    {
        const int rows = 200;
        var random = new Random(3);
        var features = new double[rows * 3];
        var targets = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                features[(i * 3) + j] = (random.NextDouble() * 2) - 1;
            }

            targets[i] = (1.5 * features[i * 3]) - (2 * features[(i * 3) + 1]) + (0.5 * features[(i * 3) + 2]) + 0.3 + (0.2 * ((random.NextDouble() * 2) - 1));
        }

        var expected = LeastSquares(features, targets, rows);
        var g = ModelGraph.Create("linear", floatType: OnnxElementType.Double);
        var x = g.Input("x", OnnxElementType.Double, "N", 3);
        var y = g.Input("y", OnnxElementType.Double, "N", 1);
        var dense = DenseLayer.Create(g, "fc", 3, 1);
        var data = TrainingData.Create(rows).Add("x", features, 3).Add("y", targets, 1);

        using var trainer = Trainer.Create(g, g.MseLoss(dense.Apply(x), y), Optimizer.Sgd(new SgdOptions { LearningRate = 0.5, Momentum = 0.5 }), new DeepTrainingOptions { Epochs = 600, BatchSize = rows, Shuffle = false, NumberOfThreads = 1 });
        trainer.Fit(data);
        double[] actual = [.. trainer.GetParameter("fc.weight"), .. trainer.GetParameter("fc.bias")];

        Assert.That(actual, Is.EqualTo(expected).Within(1e-4));
    }

    [Test]
    public void SameSeed_GivesIdenticalWeights()
    {
        var first = TrainSmallModel(seed: 5, epochs: 3, out _);
        var second = TrainSmallModel(seed: 5, epochs: 3, out _);
        var other = TrainSmallModel(seed: 6, epochs: 3, out _);

        Assert.Multiple(() =>
        {
            foreach (var (name, values) in first)
            {
                Assert.That(second[name], Is.EqualTo(values), name);
            }

            Assert.That(other["fc1.weight"], Is.Not.EqualTo(first["fc1.weight"]));
        });
    }

    [Test]
    public void ExportedModel_ScoresExactlyAsTheTrainingGraph_AndPassesTheReferenceChecker()
    {
        var (g, loss, data) = SmallModel(seed: 2, dropout: 0.3);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(new AdamOptions { LearningRate = 0.01 }), new DeepTrainingOptions { Epochs = 2, BatchSize = 32, NumberOfThreads = 1 });
        trainer.Fit(data);
        string path = Path.Combine(_folder, "model.onnx");
        trainer.Export(path, new ExportOptions
        {
            ModelKind = "test-mlp",
            VocabularySizes = new Dictionary<string, long> { ["users"] = 50, ["movies"] = 40 },
            FeatureContract = "user and movie are dense ids, 0 = unknown",
        });

        var expected = trainer.Predict(data, "rating");
        var model = OnnxModel.Load(path);
        using var session = TestSessions.Open(path);
        var users = Column<long>(data, "user");
        var movies = Column<long>(data, "movie");
        using var userTensor = TestSessions.Tensor(users, users.Length);
        using var movieTensor = TestSessions.Tensor(movies, movies.Length);
        var actual = TestSessions.Run<float>(session, new Dictionary<string, OrtValue> { ["user"] = userTensor, ["movie"] = movieTensor })[0].Select(v => (double)v).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(actual, Is.EqualTo(expected));
            Assert.That(model.OperatorTypes, Does.Not.Contain("Dropout"));
            Assert.That(model.Inputs.Select(i => i.Name), Is.EquivalentTo(new[] { "user", "movie" }));
            Assert.That(model.Metadata["movierec.model_kind"], Is.EqualTo("test-mlp"));
            Assert.That(model.Metadata["movierec.vocab.users"], Is.EqualTo("50"));
            Assert.That(model.Metadata["movierec.inputs"], Does.Contain("user: Int64[N]"));
            Assert.That(model.Metadata, Does.ContainKey("movierec.feature_contract"));
            Assert.That(model.GetInitializer("fc1.weight").ToFloats().Select(v => (double)v), Is.EqualTo(trainer.GetParameter("fc1.weight")));
        });
        ReferenceChecker.AssertValid(path);
    }

    [Test]
    public void TrainingGraphForwardPass_WithParametersAsInputs_MatchesTheExportedModelBitForBit()
    {
        var (g, loss, data) = SmallModel(seed: 8, dropout: 0);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(new AdamOptions { LearningRate = 0.01 }), Options(1));
        trainer.Fit(data);
        var forward = GraphEmitter.Emit(g, g.Outputs, EmitMode.Training, parameterValues: null).Model;
        var exported = trainer.ExportModel();

        // ONNX Runtime pre-packs constant MatMul weights, which may change the last bits of a
        // product; with pre-packing off both graphs run the same kernels on the same values.
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        options.AddSessionConfigEntry("session.disable_prepacking", "1");
        var users = Column<long>(data, "user");
        var movies = Column<long>(data, "movie");
        var feeds = new Dictionary<string, OrtValue> { ["user"] = TestSessions.Tensor(users, users.Length), ["movie"] = TestSessions.Tensor(movies, movies.Length) };
        using var exportedSession = new InferenceSession(exported.ToBytes(), options);
        var fromExport = TestSessions.Run<float>(exportedSession, feeds, "rating")[0];
        foreach (var p in g.Parameters)
        {
            feeds[p.Name] = TestSessions.Tensor(trainer.GetParameter(p.Name).Select(v => (float)v).ToArray(), [.. p.Shape.Select(d => d.Size)]);
        }

        using var forwardSession = new InferenceSession(forward.ToBytes(), options);
        var fromForward = TestSessions.Run<float>(forwardSession, feeds, "rating")[0];
        TestSessions.Dispose(feeds);

        Assert.That(fromForward, Is.EqualTo(fromExport));
    }

    [Test]
    public void TrainingStepModel_PassesTheReferenceChecker()
    {
        var (g, loss, _) = SmallModel(seed: 2, dropout: 0.3);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam());
        string path = Path.Combine(_folder, "step.onnx");
        trainer.TrainingModel.Save(path);

        ReferenceChecker.AssertValid(path);
    }

    [Test]
    public void Resume_FromCheckpoint_GivesTheSameWeightsAsOneRun()
    {
        var straight = TrainSmallModel(seed: 9, epochs: 4, out var straightHistory);
        string checkpoint = Path.Combine(_folder, "run.ckpt");
        var (g1, loss1, data1) = SmallModel(seed: 9, dropout: 0);
        using (var first = Trainer.Create(g1, loss1, Optimizer.Adam(new AdamOptions { LearningRate = 0.01 }), Options(2) with { CheckpointPath = checkpoint }))
        {
            first.Fit(data1);
        }

        var (g2, loss2, data2) = SmallModel(seed: 9, dropout: 0);
        using var resumed = Trainer.Create(g2, loss2, Optimizer.Adam(new AdamOptions { LearningRate = 0.01 }), Options(4) with { CheckpointPath = checkpoint });
        var history = resumed.Fit(data2);

        Assert.Multiple(() =>
        {
            Assert.That(history.Epochs, Has.Count.EqualTo(4));
            Assert.That(history.TrainingLosses, Is.EqualTo(straightHistory.TrainingLosses));
            Assert.That(resumed.Steps, Is.EqualTo(4 * 7));
            foreach (var (name, values) in straight)
            {
                Assert.That(resumed.GetParameter(name), Is.EqualTo(values), name);
            }
        });
    }

    [Test]
    public void TrainingSteps_AllocateNoManagedMemory()
    {
        static long Allocated(int rows)
        {
            var g = ModelGraph.Create("alloc");
            var x = g.Input("x", OnnxElementType.Float, "N", 2);
            var loss = g.ReduceMean(g.MatMul(x, g.Parameter("w", ParameterInit.Constant(1), 2, 1)), []);
            using var trainer = Trainer.Create(g, loss, Optimizer.Adam(), new DeepTrainingOptions { Epochs = 1, BatchSize = 1, NumberOfThreads = 1 });
            var data = TrainingData.Create(rows).Add("x", new float[rows * 2], 2);
            trainer.TrainStep(data, [0], 0.1);
            long before = GC.GetAllocatedBytesForCurrentThread();
            trainer.Fit(data);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(10);
        double perStep = (Allocated(3000) - Allocated(1000)) / 2000.0;

        // The only per-row cost is the epoch's row order (one int per row).
        Assert.That(perStep, Is.LessThanOrEqualTo(sizeof(int) + 0.5));
    }

    [Test]
    public void Checkpoint_OfAnotherFormatOrGraph_IsRejectedNamingTheFile()
    {
        var (g, loss, data) = SmallModel(seed: 1, dropout: 0);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(), Options(1));
        string garbage = Path.Combine(_folder, "garbage.ckpt");
        File.WriteAllText(garbage, "not a checkpoint");
        string sgdCheckpoint = Path.Combine(_folder, "sgd.ckpt");
        var (g2, loss2, _) = SmallModel(seed: 1, dropout: 0);
        using (var sgd = Trainer.Create(g2, loss2, Optimizer.Sgd(0.1), Options(1)))
        {
            sgd.TrainStep(data, [0, 1], 0.1);
            sgd.SaveCheckpoint(sgdCheckpoint);
        }

        var formatError = Assert.Throws<InvalidDataException>(() => trainer.LoadCheckpoint(garbage));
        var graphError = Assert.Throws<InvalidDataException>(() => trainer.LoadCheckpoint(sgdCheckpoint));

        Assert.Multiple(() =>
        {
            Assert.That(formatError!.Message, Does.Contain(garbage));
            Assert.That(graphError!.Message, Does.Contain("SGD").And.Contain("Adam"));
        });
    }

    [Test]
    public void Cancellation_StopsBetweenSteps()
    {
        var (g, loss, data) = SmallModel(seed: 1, dropout: 0);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(), Options(5) with { BatchSize = 10, ProgressInterval = 3 });
        using var cancellation = new CancellationTokenSource();
        var reports = new List<TrainingProgress>();
        var progress = new SyncProgress(p =>
        {
            reports.Add(p);
            cancellation.Cancel();
        });

        Assert.Throws<OperationCanceledException>(() => trainer.Fit(data, progress: progress, cancellationToken: cancellation.Token));
        Assert.Multiple(() =>
        {
            Assert.That(trainer.Steps, Is.EqualTo(3));
            Assert.That(reports, Has.Count.EqualTo(1));
            Assert.That(reports[0].Batch, Is.EqualTo(3));
            Assert.That(reports[0].SamplesPerSecond, Is.GreaterThan(0));
        });
    }

    [Test]
    public void Progress_CarriesTheTimeSoFarAndTheTimeLeftOfThePlannedBatches()
    {
        var (g, loss, data) = SmallModel(seed: 1, dropout: 0);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(), Options(3) with { BatchSize = 10, ProgressInterval = 2 });
        var reports = new List<TrainingProgress>();
        trainer.Fit(data, progress: new SyncProgress(reports.Add));
        var during = reports.Where(r => r.KeptEpoch is null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(during.Count(r => !r.IsEpochEnd), Is.GreaterThan(0), "batch reports within an epoch");
            Assert.That(during.Select(r => r.Elapsed), Is.Ordered);
            Assert.That(during, Has.All.Matches<TrainingProgress>(r => r!.Remaining is { } left && left >= TimeSpan.Zero));
            Assert.That(during[^1].Remaining, Is.EqualTo(TimeSpan.Zero), "nothing is left after the last planned epoch");
            Assert.That(during[0].Remaining, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(reports[^1].KeptEpoch, Is.Not.Null);
            Assert.That(reports[^1].Remaining, Is.EqualTo(TimeSpan.Zero));
        });
    }

    [Test]
    public void Validation_EarlyStopping_RestoresTheBestWeights()
    {
        var (g, loss, data) = SmallModel(seed: 4, dropout: 0);
        var flipped = Flipped(data);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(new AdamOptions { LearningRate = 0.02 }), Options(30) with { Patience = 2 });
        var epochEnds = new List<TrainingProgress>();

        var history = trainer.Fit(data, flipped, new SyncProgress(p =>
        {
            if (p.IsEpochEnd)
            {
                epochEnds.Add(p);
            }
        }));

        Assert.Multiple(() =>
        {
            Assert.That(history.StoppedEarly, Is.True);
            Assert.That(history.Epochs, Has.Count.EqualTo(history.BestEpoch + 2));
            Assert.That(history.ValidationLosses, Has.Count.EqualTo(history.Epochs.Count));
            Assert.That(epochEnds.Select(p => p.ValidationLoss), Is.EqualTo(history.ValidationLosses.Select(v => (double?)v)));
            Assert.That(trainer.Evaluate(flipped), Is.EqualTo(history.ValidationLosses.Min()).Within(1e-9));
        });
    }

    [Test]
    public void Hooks_PrepareEachEpoch_AndAHigherIsBetterMetricChoosesTheKeptWeights()
    {
        var (g, loss, data) = SmallModel(seed: 4, dropout: 0);
        var flipped = Flipped(data);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(new AdamOptions { LearningRate = 0.02 }), Options(6));
        var prepared = new List<int>();
        var hooks = new TrainingHooks
        {
            PrepareEpoch = (epoch, order) =>
            {
                prepared.Add(epoch);
                for (int i = 0; i < order.Length; i++)
                {
                    order[i] = order.Length - 1 - i;
                }
            },
            ValidationMetric = t => -t.Evaluate(flipped),
        };

        var history = trainer.Fit(data, hooks);

        var metrics = history.Epochs.Select(e => e.ValidationMetric!.Value).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(prepared, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }));
            Assert.That(history.BestEpoch, Is.EqualTo(Array.IndexOf(metrics, metrics.Max()) + 1));
            Assert.That(history.BestEpoch, Is.LessThan(6), "the flipped targets get worse as training goes on");
            Assert.That(history.BestValidationMetric, Is.EqualTo(metrics.Max()));
            Assert.That(-trainer.Evaluate(flipped), Is.EqualTo(metrics.Max()).Within(1e-9));
        });
    }

    [Test]
    public void Hooks_InitialWeightsCompete_KeepsThemWhenNoEpochBeatsThem()
    {
        var (g, loss, data) = SmallModel(seed: 4, dropout: 0);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(new AdamOptions { LearningRate = 0.02 }), Options(3));
        var before = g.Parameters.ToDictionary(p => p.Name, p => trainer.GetParameter(p.Name));

        // Training lowers the training loss, so a metric equal to it is best before the first epoch.
        var history = trainer.Fit(data, new TrainingHooks { ValidationMetric = t => t.Evaluate(data), InitialWeightsCompete = true });

        Assert.Multiple(() =>
        {
            Assert.That(history.Epochs, Has.Count.EqualTo(3));
            Assert.That(history.BestEpoch, Is.Zero);
            foreach (var (name, values) in before)
            {
                Assert.That(trainer.GetParameter(name), Is.EqualTo(values), name);
            }
        });
        Assert.That(() => trainer.Fit(data, new TrainingHooks { InitialWeightsCompete = true }), Throws.ArgumentException.With.Message.Contains("ValidationMetric"));
    }

    [Test]
    public void WeightAveraging_LeavesTheBiasCorrectedAverageOfTheEpochsWeights()
    {
        var (g, loss, data) = SmallModel(seed: 4, dropout: 0);
        string name = g.Parameters[0].Name;
        var perEpoch = new List<double[]>();
        using (var plain = Trainer.Create(g, loss, Optimizer.Adam(new AdamOptions { LearningRate = 0.02 }), Options(3)))
        {
            plain.Fit(data, new TrainingHooks { ValidationMetric = t => { perEpoch.Add(t.GetParameter(name)); return 0; } });
        }

        using var averaged = Trainer.Create(g, loss, Optimizer.Adam(new AdamOptions { LearningRate = 0.02 }), Options(3) with { WeightAveraging = 0.5 });
        averaged.Fit(data);

        // β = 0.5 over three epochs: (w1·0.25 + w2·0.5 + w3) / 1.75.
        var expected = perEpoch[0].Select((_, i) => ((0.25 * perEpoch[0][i]) + (0.5 * perEpoch[1][i]) + perEpoch[2][i]) / 1.75).ToArray();
        Assert.That(averaged.GetParameter(name), Is.EqualTo(expected).Within(1e-6));
        Assert.That(() => Trainer.Create(g, loss, Optimizer.Sgd(new SgdOptions()), Options(3) with { WeightAveraging = 1 }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("WeightAveraging"));
    }

    [Test]
    public void AutoDevice_WithTheCpuPackage_TrainsOnTheCpuAndSaysWhyNotCuda()
    {
        var (g, loss, data) = SmallModel(seed: 1, dropout: 0);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(), Options(1) with { Device = ExecutionDevice.Auto });
        trainer.Fit(data);
        var exported = trainer.ExportModel();

        Assert.Multiple(() =>
        {
            Assert.That(trainer.Device, Is.EqualTo(ExecutionDevice.Cpu));
            Assert.That(trainer.FallbackReason, Does.Contain("Microsoft.ML.OnnxRuntime.Gpu"));
            Assert.That(exported.Metadata[Trainer.TrainingDeviceKey], Is.EqualTo("CPU"));
        });
    }

    [Test]
    public void CudaDevice_WithTheCpuPackage_FailsAtCreateNamingThePackage()
    {
        var (g, loss, _) = SmallModel(seed: 1, dropout: 0);

        var error = Assert.Throws<InvalidOperationException>(() => Trainer.Create(g, loss, Optimizer.Adam(), Options(1) with { Device = ExecutionDevice.Cuda }));

        Assert.That(error!.Message, Does.StartWith("CUDA:0 was asked for but cannot be used").And.Contain("Microsoft.ML.OnnxRuntime.Gpu"));
    }

    [Test]
    public void TrainingSteps_AfterTheFirstBatch_AllocateNoManagedMemory()
    {
        var (g, loss, data) = SmallModel(seed: 4, dropout: 0.2);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(), Options(1));
        int[] rows = [.. Enumerable.Range(0, 32)];
        trainer.TrainStep(data, rows, 0.001);
        trainer.TrainStep(data, rows, 0.001);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            trainer.TrainStep(data, rows, 0.001);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, "bytes allocated by 50 training steps");
    }

    [Test]
    public void Data_WithAColumnOfTheWrongShape_NamesBothShapes()
    {
        var (g, loss, _) = SmallModel(seed: 1, dropout: 0);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam());
        var bad = TrainingData.Create(2).Add("user", new long[] { 1, 2, 3, 4 }, 2).Add("movie", new long[] { 1, 2 }).Add("target", new float[] { 1, 2 });

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(bad));

        Assert.That(error!.Message, Does.Contain("Int64[rows, 2]").And.Contain("Int64[N]"));
    }

    /// <summary>The same rows with every target r turned into 6 − r: validation data that training makes worse.</summary>
    private static TrainingData Flipped(TrainingData data) => TrainingData.Create(data.RowCount)
        .Add("user", Column<long>(data, "user"))
        .Add("movie", Column<long>(data, "movie"))
        .Add("target", Column<float>(data, "target").Select(r => 6 - r).ToArray());

    private static DeepTrainingOptions Options(int epochs) => new() { Epochs = epochs, BatchSize = 32, NumberOfThreads = 1, Seed = 3 };

    private static Dictionary<string, double[]> TrainSmallModel(int seed, int epochs, out TrainingHistory history)
    {
        var (g, loss, data) = SmallModel(seed, dropout: seed == 9 ? 0 : 0.25);
        using var trainer = Trainer.Create(g, loss, Optimizer.Adam(new AdamOptions { LearningRate = 0.01 }), Options(epochs) with { Seed = seed == 9 ? 3 : seed });
        history = trainer.Fit(data);
        return g.Parameters.ToDictionary(p => p.Name, p => trainer.GetParameter(p.Name));
    }

    private static (ModelGraph Graph, GraphTensor Loss, TrainingData Data) SmallModel(int seed, double dropout) => SmallRatingModel.Create(seed, dropout);

    private static T[] Column<T>(TrainingData data, string name)
        where T : unmanaged
    {
        var column = data.Column(name, "the test");
        using var tensor = column.AllocateBatch(data.RowCount);
        column.CopyRows(Enumerable.Range(0, data.RowCount).ToArray(), tensor);
        return tensor.GetSpan<T>().ToArray();
    }

    private static double[] LeastSquares(double[] x, double[] y, int rows)
    {
        // Normal equations [X 1]ᵀ[X 1] β = [X 1]ᵀ y, solved by Gaussian elimination with pivoting.
        const int k = 4;
        var a = new double[k, k + 1];
        for (int i = 0; i < rows; i++)
        {
            double[] row = [x[i * 3], x[(i * 3) + 1], x[(i * 3) + 2], 1];
            for (int r = 0; r < k; r++)
            {
                for (int c = 0; c < k; c++)
                {
                    a[r, c] += row[r] * row[c];
                }

                a[r, k] += row[r] * y[i];
            }
        }

        for (int col = 0; col < k; col++)
        {
            int pivot = Enumerable.Range(col, k - col).MaxBy(r => Math.Abs(a[r, col]));
            for (int c = 0; c <= k; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }

            for (int r = 0; r < k; r++)
            {
                if (r != col)
                {
                    double f = a[r, col] / a[col, col];
                    for (int c = col; c <= k; c++)
                    {
                        a[r, c] -= f * a[col, c];
                    }
                }
            }
        }

        return Enumerable.Range(0, k).Select(r => a[r, k] / a[r, r]).ToArray();
    }

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
