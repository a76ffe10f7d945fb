using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

public sealed class SessionOptionsTests
{
    [Test]
    public void Defaults_let_the_runtime_choose_threads_and_optimise_fully_on_the_CPU()
    {
        var options = new SessionOptions();

        Assert.That(options.IntraOpThreads, Is.Zero);
        Assert.That(options.InterOpThreads, Is.Zero);
        Assert.That(options.GraphOptimizationLevel, Is.EqualTo(GraphOptimizationLevel.All));
        Assert.That(options.ExecutionProvider, Is.EqualTo(ExecutionProvider.Cpu));
        Assert.That(options.LogLevel, Is.Null);
        Assert.That(options.LogId, Is.Null);
        Assert.That(options.ConfigEntries, Is.Empty);
    }

    [Test]
    public void Overrides_are_kept()
    {
        var options = new SessionOptions
        {
            IntraOpThreads = 2,
            InterOpThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.Basic,
            ExecutionProvider = ExecutionProvider.Cuda(1),
            LogLevel = OrtLogLevel.Error,
            LogId = "scoring",
            ConfigEntries = new Dictionary<string, string> { ["session.intra_op.allow_spinning"] = "0" },
        };

        Assert.That(options.IntraOpThreads, Is.EqualTo(2));
        Assert.That(options.InterOpThreads, Is.EqualTo(1));
        Assert.That(options.GraphOptimizationLevel, Is.EqualTo(GraphOptimizationLevel.Basic));
        Assert.That(options.ExecutionProvider.DeviceId, Is.EqualTo(1));
        Assert.That(options.LogLevel, Is.EqualTo(OrtLogLevel.Error));
        Assert.That(options.LogId, Is.EqualTo("scoring"));
        Assert.That(options.ConfigEntries["session.intra_op.allow_spinning"], Is.EqualTo("0"));
    }

    [Test]
    public void Out_of_range_values_are_rejected_naming_the_option()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SessionOptions { IntraOpThreads = -1 })!.ParamName, Is.EqualTo("IntraOpThreads"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SessionOptions { InterOpThreads = 5000 })!.ParamName, Is.EqualTo("InterOpThreads"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SessionOptions { GraphOptimizationLevel = (GraphOptimizationLevel)7 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SessionOptions { LogLevel = (OrtLogLevel)9 });
        Assert.Throws<ArgumentNullException>(() => _ = new SessionOptions { ExecutionProvider = null! });
    }

    [Test]
    public void Options_are_applied_to_the_session()
    {
        var model = TestModels.Scoring(vocabulary: 10, dimension: 4, hiddenSize: 3, seed: 2);
        var options = new SessionOptions
        {
            IntraOpThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.Disabled,
            ConfigEntries = new Dictionary<string, string> { ["session.intra_op.allow_spinning"] = "0" },
        };

        using var session = InferenceSession.FromBytes(model.Bytes, options);

        Assert.That(session.Options, Is.SameAs(options));
    }
}
