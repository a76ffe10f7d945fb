namespace MovieRec.Baselines;

/// <summary>How the popularity baseline ranks movies.</summary>
public enum PopularityKind
{
    /// <summary>By number of ratings (most rated first); scores are counts, not ratings.</summary>
    MostRated,

    /// <summary>By Bayesian average rating (Σr + m·μ)/(n + m), which shrinks rarely rated movies towards the global mean μ.</summary>
    BestRated,
}
