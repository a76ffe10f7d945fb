namespace MovieRec.Features;

/// <summary>The output of <see cref="WordPieceTokenizer.Encode(string)"/>: BERT-style model inputs of a fixed length.</summary>
public sealed class WordPieceEncoding
{
    internal WordPieceEncoding(long[] inputIds, long[] attentionMask, long[] tokenTypeIds, string[] tokens)
    {
        InputIds = inputIds;
        AttentionMask = attentionMask;
        TokenTypeIds = tokenTypeIds;
        Tokens = tokens;
    }

    /// <summary>Token ids: [CLS], word pieces, [SEP], then [PAD] up to the maximum length.</summary>
    public IReadOnlyList<long> InputIds { get; }

    /// <summary>1 for real tokens (including [CLS] and [SEP]), 0 for padding.</summary>
    public IReadOnlyList<long> AttentionMask { get; }

    /// <summary>Segment ids: all 0 for a single sentence.</summary>
    public IReadOnlyList<long> TokenTypeIds { get; }

    /// <summary>The real tokens as text, [CLS] and [SEP] included, padding excluded.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Number of real tokens (the sum of the attention mask).</summary>
    public int Length => Tokens.Count;
}
