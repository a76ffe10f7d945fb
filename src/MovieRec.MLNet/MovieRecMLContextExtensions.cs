using Microsoft.ML;

namespace MovieRec.MLNet;

/// <summary>The entry point of MovieRec on an <see cref="MLContext"/>.</summary>
public static class MovieRecMLContextExtensions
{
    /// <summary>
    /// Gets MovieRec's catalog of recommenders as ML.NET estimators, and registers MovieRec's transforms with the
    /// context so that <c>mlContext.Model.Load</c> can read models that hold them (call it before loading).
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <returns>The catalog.</returns>
    public static MovieRecCatalog MovieRec(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(MovieRecCatalog).Assembly);
        return new MovieRecCatalog(mlContext);
    }
}
