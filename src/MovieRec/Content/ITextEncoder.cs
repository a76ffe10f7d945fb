namespace MovieRec.Content;

/// <summary>
/// Turns texts (plot descriptions, titles) into fixed-length, L2-normalised vectors, so that the dot product of two
/// vectors is their cosine similarity.
/// </summary>
/// <remarks>
/// The library has two: <see cref="TfidfTextEncoder"/>, fitted on a catalogue's own texts, and the sentence encoder
/// of MovieRec.Onnx (<c>SentenceEncoder</c>, any ONNX sentence-embedding model with a WordPiece vocabulary).
/// Encoders are safe to call from many threads at once.
/// </remarks>
public interface ITextEncoder
{
    /// <summary>Gets a short name that identifies the encoder and its weights, for example <c>tfidf</c> or
    /// <c>all-MiniLM-L6-v2</c>; cached vectors are kept per name.</summary>
    string Name { get; }

    /// <summary>Gets the length of every vector.</summary>
    int Dimension { get; }

    /// <summary>Encodes texts, one vector per text, each of length <see cref="Dimension"/> and L2 norm 1 (or all
    /// zeros for a text with nothing the encoder knows).</summary>
    /// <param name="texts">The texts; an empty text gets a zero vector.</param>
    /// <param name="vectors">Receives the vectors row by row: <c>texts.Count × Dimension</c> values.</param>
    /// <exception cref="ArgumentException"><paramref name="vectors"/> has the wrong length.</exception>
    void Encode(IReadOnlyList<string> texts, Span<float> vectors);
}
