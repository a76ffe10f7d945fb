using MovieRec.Features;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Features;

public sealed class WordPieceTokenizerTests
{
    private static readonly string[] s_vocab =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "toy", "story", "play", "##ing", "##ed", "un", "##want", ",", ".", "!",
        "cafe", "'", "s", "les", "miserables", "a",
    ];

    private static WordPieceTokenizer Create(TempFolder folder, int maxLength = 16)
    {
        string path = folder.Write("vocab.txt", string.Join("\n", s_vocab) + "\n");
        return WordPieceTokenizer.Load(path, maxLength);
    }

    [Test]
    public void Tokenize_SplitsPiecesPunctuationAndCase()
    {
        using var folder = new TempFolder();
        var tokenizer = Create(folder);

        Assert.That(tokenizer.Tokenize("The TOY story, playing!"), Is.EqualTo(new[] { "the", "toy", "story", ",", "play", "##ing", "!" }));
        Assert.That(tokenizer.Tokenize("unwanted"), Is.EqualTo(new[] { "un", "##want", "##ed" }));
    }

    [Test]
    public void Tokenize_StripsAccents()
    {
        using var folder = new TempFolder();
        var tokenizer = Create(folder);

        Assert.That(tokenizer.Tokenize("Café Les Misérables"), Is.EqualTo(new[] { "cafe", "les", "miserables" }));
        Assert.That(tokenizer.Tokenize("Cafe\u0301"), Is.EqualTo(new[] { "cafe" }));
    }

    [Test]
    public void Tokenize_UnknownWordBecomesSingleUnk()
    {
        using var folder = new TempFolder();
        var tokenizer = Create(folder);

        Assert.That(tokenizer.Tokenize("playzzz toy"), Is.EqualTo(new[] { "[UNK]", "toy" }));
        Assert.That(tokenizer.Tokenize(new string('a', 101)), Is.EqualTo(new[] { "[UNK]" }));
    }

    [Test]
    public void Encode_AddsClsSepPadsAndMasks()
    {
        using var folder = new TempFolder();
        var tokenizer = Create(folder, maxLength: 8);

        var encoding = tokenizer.Encode("Toy story.");

        Assert.That(encoding.InputIds, Is.EqualTo(new long[] { 2, 6, 7, 14, 3, 0, 0, 0 }));
        Assert.That(encoding.AttentionMask, Is.EqualTo(new long[] { 1, 1, 1, 1, 1, 0, 0, 0 }));
        Assert.That(encoding.TokenTypeIds, Has.All.EqualTo(0));
        Assert.That(encoding.Tokens, Is.EqualTo(new[] { "[CLS]", "toy", "story", ".", "[SEP]" }));
    }

    [Test]
    public void Encode_TruncatesToMaxLength()
    {
        using var folder = new TempFolder();
        var tokenizer = Create(folder, maxLength: 5);

        var encoding = tokenizer.Encode("the toy story playing");

        Assert.That(encoding.InputIds, Is.EqualTo(new long[] { 2, 5, 6, 7, 3 }));
        Assert.That(encoding.AttentionMask, Has.All.EqualTo(1));
        Assert.That(encoding.Length, Is.EqualTo(5));
    }

    [Test]
    public void Load_VocabularyWithoutSpecialTokens_Throws()
    {
        using var folder = new TempFolder();
        string path = folder.Write("vocab.txt", "the\ntoy\n");

        Assert.Throws<FormatException>(() => WordPieceTokenizer.Load(path));
    }

    [Test]
    public void Load_MissingFile_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => WordPieceTokenizer.Load(Path.Combine(Path.GetTempPath(), "no-such-vocab.txt")));
    }
}
