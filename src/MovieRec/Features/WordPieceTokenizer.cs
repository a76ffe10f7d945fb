using System.Globalization;
using System.Text;
using MovieRec.Data;

namespace MovieRec.Features;

/// <summary>
/// The BERT WordPiece tokenizer over a <c>vocab.txt</c> (one token per line, line number = id), for
/// sentence-embedding models.
/// </summary>
/// <remarks>
/// As BERT's uncased pipeline: drop control characters and turn whitespace into spaces; lower-case;
/// strip accents (canonical decomposition, marks removed); split on whitespace and around every
/// punctuation character; then split each word greedily into the longest vocabulary pieces, later
/// pieces prefixed "##". A word with no such split, or longer than 100 characters, becomes [UNK]. The
/// sequence is [CLS] pieces [SEP], truncated to the maximum length and padded with [PAD].
/// (Devlin et al., "BERT", NAACL 2019; Wu et al., "Google's Neural Machine Translation System", 2016.)
/// </remarks>
public sealed class WordPieceTokenizer
{
    private readonly Dictionary<string, int> _vocab;
    private readonly int _cls;
    private readonly int _sep;
    private readonly int _pad;
    private readonly int _unk;

    private WordPieceTokenizer(Dictionary<string, int> vocab, int maxLength, bool lowerCase)
    {
        _vocab = vocab;
        MaxLength = maxLength;
        LowerCase = lowerCase;
        _cls = Special(vocab, "[CLS]");
        _sep = Special(vocab, "[SEP]");
        _pad = Special(vocab, "[PAD]");
        _unk = Special(vocab, "[UNK]");
    }

    /// <summary>Sequence length of every encoding, [CLS] and [SEP] included.</summary>
    public int MaxLength { get; }

    /// <summary>Whether text is lower-cased and accent-stripped (uncased models).</summary>
    public bool LowerCase { get; }

    /// <summary>Number of tokens in the vocabulary.</summary>
    public int VocabularySize => _vocab.Count;

    /// <summary>Loads a <c>vocab.txt</c> file.</summary>
    /// <param name="vocabPath">Path of the vocabulary, UTF-8, one token per line.</param>
    /// <param name="maxLength">Sequence length, 2 or more. Default 128.</param>
    /// <param name="lowerCase">Lower-case and strip accents (uncased models). Default true.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The vocabulary lacks [CLS], [SEP], [PAD] or [UNK], or repeats a token.</exception>
    public static WordPieceTokenizer Load(string vocabPath, int maxLength = FeatureDefaults.WordPieceMaxLength, bool lowerCase = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vocabPath);
        if (!File.Exists(vocabPath))
        {
            throw new FileNotFoundException($"Vocabulary file '{vocabPath}' does not exist.", vocabPath);
        }

        using var stream = File.OpenRead(vocabPath);
        return Load(stream, maxLength, lowerCase);
    }

    /// <summary>Reads a <c>vocab.txt</c> from a stream.</summary>
    /// <param name="stream">UTF-8 text, one token per line.</param>
    /// <param name="maxLength">Sequence length, 2 or more. Default 128.</param>
    /// <param name="lowerCase">Lower-case and strip accents (uncased models). Default true.</param>
    public static WordPieceTokenizer Load(Stream stream, int maxLength = FeatureDefaults.WordPieceMaxLength, bool lowerCase = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(stream, Encoding.UTF8, true, 4096, leaveOpen: true);
        int id = 0;
        while (reader.ReadLine() is { } line)
        {
            string token = line.TrimEnd('\r');
            if (token.Length > 0 && !vocab.TryAdd(token, id))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Vocabulary line {id + 1}: token \"{token}\" repeats line {vocab[token] + 1}."));
            }

            id++;
        }

        return new WordPieceTokenizer(vocab, maxLength, lowerCase);
    }

    /// <summary>Returns the id of a token, or -1.</summary>
    /// <param name="token">A vocabulary entry such as "play" or "##ing".</param>
    public int IdOf(string token) => _vocab.GetValueOrDefault(token, -1);

    /// <summary>Splits text into word pieces (no [CLS]/[SEP], no truncation).</summary>
    /// <param name="text">Any text.</param>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        foreach (string word in BasicTokenize(text))
        {
            AppendWordPieces(word, pieces);
        }

        return pieces;
    }

    /// <summary>Encodes text as [CLS] pieces [SEP], truncated and padded to <see cref="MaxLength"/>.</summary>
    /// <param name="text">Any text.</param>
    public WordPieceEncoding Encode(string text)
    {
        var pieces = Tokenize(text);
        int kept = Math.Min(pieces.Count, MaxLength - 2);
        var ids = new long[MaxLength];
        var mask = new long[MaxLength];
        var tokens = new string[kept + 2];
        ids.AsSpan().Fill(_pad);
        ids[0] = _cls;
        tokens[0] = "[CLS]";
        for (int i = 0; i < kept; i++)
        {
            ids[i + 1] = _vocab.TryGetValue(pieces[i], out int id) ? id : _unk;
            tokens[i + 1] = pieces[i];
        }

        ids[kept + 1] = _sep;
        tokens[kept + 1] = "[SEP]";
        mask.AsSpan(0, kept + 2).Fill(1);
        return new WordPieceEncoding(ids, mask, new long[MaxLength], tokens);
    }

    private static int Special(Dictionary<string, int> vocab, string token) =>
        vocab.TryGetValue(token, out int id) ? id : throw new FormatException($"The vocabulary has no {token} token.");

    private static bool IsPunctuation(char c)
    {
        if (c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~'))
        {
            return true;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    private List<string> BasicTokenize(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        foreach (char raw in text)
        {
            if (raw == '\0' || raw == '\uFFFD' || (char.IsControl(raw) && !char.IsWhiteSpace(raw)))
            {
                continue;
            }

            if (char.IsWhiteSpace(raw))
            {
                Flush();
                continue;
            }

            char c = raw;
            if (LowerCase)
            {
                if (AccentFolding.IsCombiningMark(c))
                {
                    continue;
                }

                c = char.ToLowerInvariant(AccentFolding.Fold(c));
            }

            if (IsPunctuation(c) || IsCjk(c))
            {
                Flush();
                words.Add(c.ToString());
                continue;
            }

            current.Append(c);
        }

        Flush();
        return words;
    }

    private void AppendWordPieces(string word, List<string> pieces)
    {
        if (word.Length > FeatureDefaults.WordPieceMaxCharactersPerWord)
        {
            pieces.Add("[UNK]");
            return;
        }

        int start = 0;
        int firstPiece = pieces.Count;
        while (start < word.Length)
        {
            string? match = null;
            for (int end = word.Length; end > start; end--)
            {
                string candidate = start == 0 ? word[start..end] : "##" + word[start..end];
                if (_vocab.ContainsKey(candidate))
                {
                    match = candidate;
                    start = end;
                    break;
                }
            }

            if (match is null)
            {
                pieces.RemoveRange(firstPiece, pieces.Count - firstPiece);
                pieces.Add("[UNK]");
                return;
            }

            pieces.Add(match);
        }
    }
}
