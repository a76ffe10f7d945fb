namespace MovieRec.Onnx.Models;

/// <summary>How a deep rating model's score decomposes into per-user and per-movie parts.</summary>
/// <remarks>
/// The two factorised forms let <see cref="BundleModel"/> run the towers once per user and
/// per movie when the model is loaded and score every pair in managed code afterwards (a top-10
/// over all movies is a few microseconds); <see cref="Graph"/> runs the ONNX model for every batch.
/// </remarks>
public enum ScoreInteraction
{
    /// <summary>score = user_vector · movie_vector + user_offset + movie_offset (outputs of the model).</summary>
    Dot,

    /// <summary>score = user_offset + movie_offset: no user–movie interaction (every user ranks movies the same way).</summary>
    Additive,

    /// <summary>No factorised form: every score comes from the model's <c>rating</c> output.</summary>
    Graph,
}
