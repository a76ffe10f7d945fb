namespace MovieRec.Data;

/// <summary>One entry of a titles-with-descriptions catalogue (for example the Netflix titles list).</summary>
/// <param name="Title">The title as the catalogue writes it.</param>
/// <param name="ReleaseYear">Release year; 0 when unknown.</param>
/// <param name="Type">"Movie", "TV Show" or empty when the catalogue has no type column.</param>
/// <param name="Description">The plot description.</param>
public sealed record TitleDescription(string Title, int ReleaseYear, string Type, string Description)
{
    /// <summary>Gets the catalogue's genres of the title (the Netflix list's <c>listed_in</c>); empty when it has none.</summary>
    public IReadOnlyList<string> Genres { get; init; } = [];
}
