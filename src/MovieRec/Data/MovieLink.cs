namespace MovieRec.Data;

/// <summary>External ids of a movie (<c>links.csv</c> of the CSV releases).</summary>
/// <param name="MovieId">Raw MovieLens movie id.</param>
/// <param name="ImdbId">IMDb id digits as written (leading zeros kept), without the "tt" prefix.</param>
/// <param name="TmdbId">The Movie Database id, or <see langword="null"/> when the file leaves it empty.</param>
public sealed record MovieLink(long MovieId, string ImdbId, long? TmdbId);
