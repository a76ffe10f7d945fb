namespace MovieRec.Data;

/// <summary>
/// What a loader skipped when <see cref="DataLoadOptions.SkipBadLines"/> is set: the number of bad
/// lines and the first few of them.
/// </summary>
public sealed class LoadReport
{
    private readonly List<BadLine> _examples = [];
    private readonly int _maxExamples;

    internal LoadReport(int maxExamples)
    {
        _maxExamples = maxExamples;
    }

    /// <summary>An empty report: nothing skipped.</summary>
    public static LoadReport None { get; } = new(0);

    /// <summary>Number of lines skipped, over all files of the dataset.</summary>
    public long BadLineCount { get; private set; }

    /// <summary>The first skipped lines, in the order met (at most <see cref="DataLoadOptions.MaxBadLineExamples"/>).</summary>
    public IReadOnlyList<BadLine> Examples => _examples;

    /// <summary>Whether nothing was skipped.</summary>
    public bool IsClean => BadLineCount == 0;

    internal void Add(BadLine line)
    {
        BadLineCount++;
        if (_examples.Count < _maxExamples)
        {
            _examples.Add(line);
        }
    }

    /// <summary>A one-line summary, for logs.</summary>
    public override string ToString() =>
        IsClean ? "no bad lines" : $"{BadLineCount} bad line(s) skipped; first: {_examples[0]}";
}
