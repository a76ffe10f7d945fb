namespace MovieRec.Data;

/// <summary>Options shared by all dataset loaders.</summary>
public sealed record DataLoadOptions
{
    /// <summary>
    /// When <see langword="false"/> (the default) the first bad line throws a <see cref="DataFormatException"/>.
    /// When <see langword="true"/> bad lines are skipped, counted and reported in
    /// <see cref="RecommendationDataset.LoadReport"/>. Nothing is dropped silently either way.
    /// </summary>
    public bool SkipBadLines { get; init; } = DataDefaults.SkipBadLines;

    /// <summary>How many skipped lines the report keeps as examples; 0 or more. Default 10.</summary>
    public int MaxBadLineExamples { get; init; } = DataDefaults.MaxBadLineExamples;

    /// <summary>
    /// Whether to keep rating timestamps. Default <see langword="true"/>. Without them the ratings table
    /// takes 12 bytes per rating instead of 20 and reports every timestamp as 0 (temporal splits then
    /// degenerate to file order).
    /// </summary>
    public bool IncludeTimestamps { get; init; } = DataDefaults.IncludeTimestamps;
}
