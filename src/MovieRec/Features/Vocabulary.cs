using System.Globalization;
using System.Text;

namespace MovieRec.Features;

/// <summary>
/// A token ↔ index table. Index 0 is <see cref="PadToken"/>; vocabularies built from a corpus put
/// <see cref="UnknownToken"/> at index 1. Serialises to and from a stream, one token per line.
/// </summary>
/// <remarks>
/// <see cref="Build"/> orders tokens by descending frequency, ties by ordinal string order, so the same
/// corpus always gives the same indices regardless of input order. The stream format is UTF-8 text:
/// a first line "# movierec vocabulary v1", then one token per line in index order.
/// </remarks>
public sealed class Vocabulary
{
    /// <summary>The padding token, always index 0.</summary>
    public const string PadToken = "<PAD>";

    /// <summary>The unknown-word token (index 1 in built vocabularies).</summary>
    public const string UnknownToken = "<UNK>";

    private const string Header = "# movierec vocabulary v1";
    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _index;

    private Vocabulary(string[] tokens)
    {
        _tokens = tokens;
        _index = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (!_index.TryAdd(tokens[i], i))
            {
                throw new ArgumentException($"Token \"{tokens[i]}\" appears twice (indices {_index[tokens[i]]} and {i}).", nameof(tokens));
            }
        }

        UnknownIndex = _index.GetValueOrDefault(UnknownToken, -1);
    }

    /// <summary>Number of tokens, including the special ones: the row count of an embedding table.</summary>
    public int Count => _tokens.Length;

    /// <summary>Index of <see cref="UnknownToken"/>, or -1 when this vocabulary has none.</summary>
    public int UnknownIndex { get; }

    /// <summary>The tokens in index order.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Builds a vocabulary of <see cref="PadToken"/>, <see cref="UnknownToken"/> and every token seen at least <paramref name="minCount"/> times.</summary>
    /// <param name="corpus">Tokens as they occur (repeats count).</param>
    /// <param name="minCount">Minimum frequency to be kept, 1 or more. Default 1.</param>
    public static Vocabulary Build(IEnumerable<string> corpus, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string token in corpus)
        {
            if (token is PadToken or UnknownToken || string.IsNullOrEmpty(token))
            {
                continue;
            }

            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        var ordered = counts.Where(p => p.Value >= minCount)
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key);
        return new Vocabulary([PadToken, UnknownToken, .. ordered]);
    }

    /// <summary>Creates a vocabulary with exactly these tokens in this order (index i = tokens[i]).</summary>
    /// <param name="tokens">Distinct tokens; the first must be <see cref="PadToken"/>.</param>
    /// <exception cref="ArgumentException">A token repeats, is empty or holds a line break, or the first token is not <see cref="PadToken"/>.</exception>
    public static Vocabulary FromTokens(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        string[] array = [.. tokens];
        if (array.Length == 0 || array[0] != PadToken)
        {
            throw new ArgumentException($"The first token must be {PadToken}.", nameof(tokens));
        }

        foreach (string t in array)
        {
            if (string.IsNullOrEmpty(t) || t.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"Token \"{t}\" is empty or holds a line break.", nameof(tokens));
            }
        }

        return new Vocabulary(array);
    }

    /// <summary>Reads a vocabulary written by <see cref="Save"/>.</summary>
    /// <param name="stream">A readable stream positioned at the vocabulary.</param>
    /// <exception cref="FormatException">The stream does not hold a vocabulary.</exception>
    public static Vocabulary Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);
        if (reader.ReadLine() != Header)
        {
            throw new FormatException($"The stream does not start with \"{Header}\".");
        }

        var tokens = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            tokens.Add(line);
        }

        try
        {
            return FromTokens(tokens);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Invalid vocabulary ({tokens.Count} tokens): {ex.Message}"), ex);
        }
    }

    /// <summary>Writes the vocabulary (UTF-8, LF line ends); <see cref="Load"/> reads it back identically.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(Header);
        foreach (string token in _tokens)
        {
            writer.WriteLine(token);
        }
    }

    /// <summary>Returns the index of <paramref name="token"/>, or -1 when it is not in the vocabulary.</summary>
    /// <param name="token">The token.</param>
    public int IndexOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _index.GetValueOrDefault(token, -1);
    }

    /// <summary>Returns the index of <paramref name="token"/>, or <see cref="UnknownIndex"/> when it is not in the vocabulary.</summary>
    /// <param name="token">The token.</param>
    /// <exception cref="KeyNotFoundException">The token is unknown and the vocabulary has no <see cref="UnknownToken"/>.</exception>
    public int IndexOrUnknown(string token)
    {
        int index = IndexOf(token);
        if (index >= 0)
        {
            return index;
        }

        return UnknownIndex >= 0 ? UnknownIndex : throw new KeyNotFoundException($"Token \"{token}\" is not in the vocabulary, which has no {UnknownToken}.");
    }

    /// <summary>The token at <paramref name="index"/>.</summary>
    /// <param name="index">0..<see cref="Count"/>-1.</param>
    public string TokenAt(int index)
    {
        if ((uint)index >= (uint)_tokens.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected 0..{_tokens.Length - 1}.");
        }

        return _tokens[index];
    }
}
