namespace MovieRec.Baselines;

/// <summary>Similarity between two users (or two movies) over the movies (users) they share.</summary>
public enum SimilarityMeasure
{
    /// <summary>Cosine of the two value vectors restricted to the common entries.</summary>
    Cosine,

    /// <summary>Pearson correlation over the common entries (values centred on their common means).</summary>
    Pearson,
}
