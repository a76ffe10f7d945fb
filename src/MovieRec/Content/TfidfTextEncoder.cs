using System.Numerics.Tensors;
using MovieRec.Features;

namespace MovieRec.Content;

/// <summary>
/// A TF-IDF text encoder fitted on a catalogue's own texts: the fallback of the content models when no sentence
/// encoder is given.
/// </summary>
/// <remarks>
/// Words are those of <see cref="TitleEncoder.Tokenize"/> (lower-case runs of letters and digits). The vocabulary
/// keeps the <see cref="MaxFeatures"/> words found in the most texts, among those found in at least two texts and in
/// at most half of them. A text's vector is (1 + ln tf) · idf per word, with idf = ln((1 + n) / (1 + df)) + 1 for n
/// texts, L2-normalised; a text with no known word gets a zero vector.
/// </remarks>
public sealed class TfidfTextEncoder : ITextEncoder
{
    /// <summary>Default vocabulary size: 2,048 words.</summary>
    public const int DefaultMaxFeatures = 2048;

    private readonly Dictionary<string, int> _index;
    private readonly float[] _idf;

    private TfidfTextEncoder(Dictionary<string, int> index, float[] idf)
    {
        _index = index;
        _idf = idf;
    }

    /// <inheritdoc/>
    public string Name => "tfidf";

    /// <inheritdoc/>
    public int Dimension => _idf.Length;

    /// <summary>Gets the vocabulary size limit the encoder was fitted with.</summary>
    public int MaxFeatures { get; private init; }

    /// <summary>Fits the vocabulary and the inverse document frequencies on a corpus.</summary>
    /// <param name="texts">The catalogue's texts; empty ones are skipped.</param>
    /// <param name="maxFeatures">Vocabulary size limit, 1 or more; default <see cref="DefaultMaxFeatures"/>.</param>
    /// <returns>The encoder; its <see cref="Dimension"/> is at least 1, even for a corpus with no usable word.</returns>
    public static TfidfTextEncoder Fit(IEnumerable<string> texts, int maxFeatures = DefaultMaxFeatures)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFeatures, 1);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        int documents = 0;
        foreach (string text in texts)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            documents++;
            foreach (string word in TitleEncoder.Tokenize(text).Distinct(StringComparer.Ordinal))
            {
                documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
            }
        }

        var kept = documentFrequency
            .Where(p => p.Value >= 2 && p.Value <= Math.Max(2, documents / 2))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(maxFeatures)
            .ToArray();
        var index = new Dictionary<string, int>(kept.Length, StringComparer.Ordinal);
        var idf = new float[Math.Max(1, kept.Length)];
        for (int i = 0; i < kept.Length; i++)
        {
            index[kept[i].Key] = i;
            idf[i] = (float)(Math.Log((1.0 + documents) / (1.0 + kept[i].Value)) + 1);
        }

        return new TfidfTextEncoder(index, idf) { MaxFeatures = maxFeatures };
    }

    /// <inheritdoc/>
    public void Encode(IReadOnlyList<string> texts, Span<float> vectors)
    {
        ArgumentNullException.ThrowIfNull(texts);
        int dimension = Dimension;
        if (vectors.Length != texts.Count * dimension)
        {
            throw new ArgumentException($"vectors has {vectors.Length} values; expected {texts.Count} texts × {dimension} = {texts.Count * dimension}.", nameof(vectors));
        }

        vectors.Clear();
        for (int t = 0; t < texts.Count; t++)
        {
            var row = vectors.Slice(t * dimension, dimension);
            foreach (string word in TitleEncoder.Tokenize(texts[t] ?? string.Empty))
            {
                if (_index.TryGetValue(word, out int i))
                {
                    row[i] += 1;
                }
            }

            for (int i = 0; i < row.Length; i++)
            {
                if (row[i] > 0)
                {
                    row[i] = (1 + MathF.Log(row[i])) * _idf[i];
                }
            }

            float norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }
    }
}
