namespace MovieRec.Cli.Tests.Commands;

/// <summary>The content-based models through the command line.</summary>
[TestFixture]
public sealed class ContentCommandsTests
{
    [Test]
    public void Evaluate_ranks_with_the_content_models_beside_popularity()
    {
        var (code, output) = CliRunner.Run("evaluate", "--data", "synthetic", "--protocol", "loo-99", "--models", "content-tfidf,content,pop", "--seeds", "1", "--descriptions", "none");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("content-tfidf").And.Contain("HR@10"));
            Assert.That(output.Split('\n').Count(line => line.Contains("content", StringComparison.Ordinal) && line.Contains('│')), Is.EqualTo(2), output);
        });
    }

    [Test]
    public void The_content_models_are_listed()
    {
        var (code, output) = CliRunner.Run("evaluate", "--data", "synthetic", "--protocol", "loo-99", "--models", "no-such-model");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("content").And.Contain("hybrid"));
        });
    }
}
