namespace MovieRec.Data;

/// <summary>A free-text tag a user applied to a movie (<c>tags.csv</c> of the CSV releases).</summary>
/// <param name="UserId">Raw user id.</param>
/// <param name="MovieId">Raw movie id.</param>
/// <param name="Tag">The tag text.</param>
/// <param name="Timestamp">Unix seconds.</param>
public sealed record MovieTag(long UserId, long MovieId, string Tag, long Timestamp);
