using System.Text.RegularExpressions;
using MovieRec.Tests.Repository;

namespace MovieRec.Cli.Tests.Commands;

/// <summary>The README's catalogue of command-line errors, one test per row: the exit code and the message as documented.</summary>
public sealed partial class ErrorCatalogueTests
{
    public static IEnumerable<TestCaseData> Rows()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        int start = readme.IndexOf("### Errors", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "README.md has an Errors section");
        foreach (Match row in CatalogueRow().Matches(readme[start..]))
        {
            string command = row.Groups["command"].Value;
            yield return new TestCaseData(command, int.Parse(row.Groups["exit"].Value, System.Globalization.CultureInfo.InvariantCulture), row.Groups["message"].Value.Trim())
                .SetName(command);
        }
    }

    [Test]
    public void The_catalogue_lists_errors() => Assert.That(Rows().Count(), Is.GreaterThanOrEqualTo(20));

    [TestCaseSource(nameof(Rows))]
    public void Each_documented_error_is_what_the_tool_says(string command, int exit, string message)
    {
        string[] args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];

        var (code, output) = CliRunner.Run(args);

        // The console wraps long lines; the message is compared with its words rejoined.
        string said = Regex.Replace(output, @"\s+", " ").Trim();
        string expected = message.EndsWith('…') ? message[..^1].TrimEnd() : message;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(exit), output);
            Assert.That(said, Does.StartWith("error: " + expected), output);
            Assert.That(output, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "no stack trace, no exception type");
        });
    }

    [GeneratedRegex(@"^\| `(?<command>movierec [^`]+)` \| (?<exit>\d+) \| (?<message>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex CatalogueRow();
}
