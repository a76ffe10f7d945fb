namespace MovieRec.Recommendation;

/// <summary>A movie (or user) with its score in a recommendation list.</summary>
/// <param name="Index">Dense movie (or user) index.</param>
/// <param name="Score">The score: a predicted rating, a cosine similarity, or an aggregated score (see the method that returned it).</param>
public readonly record struct RankedItem(int Index, float Score);
