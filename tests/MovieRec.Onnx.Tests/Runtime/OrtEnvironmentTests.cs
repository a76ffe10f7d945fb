using System.Collections.Concurrent;
using MovieRec.Onnx.Runtime;

namespace MovieRec.Onnx.Tests.Runtime;

public sealed class OrtEnvironmentTests
{
    private static readonly ScoringModel s_model = TestModels.Scoring(vocabulary: 20, dimension: 4, hiddenSize: 3, seed: 5);

    [Test]
    public void Is_a_single_instance_reporting_the_library_version()
    {
        var first = OrtEnvironment.Instance;
        var second = OrtEnvironment.Instance;
        Assert.That(second, Is.SameAs(first));
        Assert.That(OrtEnvironment.Instance.Version, Does.Match(@"^1\.\d+\.\d+"));
    }

    [Test]
    public void Routes_the_runtime_log_to_the_sink()
    {
        var messages = new ConcurrentQueue<(OrtLogLevel Level, string Source, string Message)>();
        var environment = OrtEnvironment.Instance;
        environment.LogSink = (level, source, message) => messages.Enqueue((level, source, message));
        try
        {
            using var session = InferenceSession.FromBytes(s_model.Bytes, new SessionOptions { IntraOpThreads = 1, LogLevel = OrtLogLevel.Verbose, LogId = "logger-test" });
        }
        finally
        {
            environment.LogSink = null;
        }

        Assert.That(messages, Is.Not.Empty);
        Assert.That(messages.Select(m => m.Level), Has.Some.EqualTo(OrtLogLevel.Verbose).Or.Some.EqualTo(OrtLogLevel.Info));
        Assert.That(messages.Select(m => m.Source), Has.Some.EqualTo("logger-test"));
        Assert.That(messages.Select(m => m.Message), Has.All.Not.Empty);
    }

    [Test]
    public void Drops_messages_below_the_level_and_survives_a_throwing_sink()
    {
        var calls = 0;
        var environment = OrtEnvironment.Instance;
        environment.LogSink = (_, _, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("sink failure");
        };
        try
        {
            using (InferenceSession.FromBytes(s_model.Bytes, new SessionOptions { IntraOpThreads = 1 }))
            {
                Assert.That(calls, Is.Zero, "a warning-level environment logs nothing for a healthy model");
            }

            using var verbose = InferenceSession.FromBytes(s_model.Bytes, new SessionOptions { IntraOpThreads = 1, LogLevel = OrtLogLevel.Verbose });
            Assert.That(calls, Is.GreaterThan(0));
        }
        finally
        {
            environment.LogSink = null;
        }
    }

    [Test]
    public void LogLevel_can_be_changed_and_restored()
    {
        var environment = OrtEnvironment.Instance;
        var original = environment.LogLevel;
        try
        {
            environment.LogLevel = OrtLogLevel.Error;
            Assert.That(environment.LogLevel, Is.EqualTo(OrtLogLevel.Error));
            Assert.Throws<ArgumentOutOfRangeException>(() => environment.LogLevel = (OrtLogLevel)17);
        }
        finally
        {
            environment.LogLevel = original;
        }

        Assert.That(environment.LogLevel, Is.EqualTo(OrtLogLevel.Warning));
    }
}
