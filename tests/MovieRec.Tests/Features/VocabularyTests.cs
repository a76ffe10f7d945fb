using MovieRec.Features;

namespace MovieRec.Tests.Features;

public sealed class VocabularyTests
{
    [Test]
    public void Build_OrdersByFrequencyThenOrdinal_WithSpecialsFirst()
    {
        var vocab = Vocabulary.Build(["b", "a", "c", "a", "b", "a", "d"]);

        Assert.That(vocab.Tokens, Is.EqualTo(new[] { "<PAD>", "<UNK>", "a", "b", "c", "d" }));
        Assert.That(vocab.IndexOf("a"), Is.EqualTo(2));
        Assert.That(vocab.IndexOf("zzz"), Is.EqualTo(-1));
        Assert.That(vocab.IndexOrUnknown("zzz"), Is.EqualTo(1));
    }

    [Test]
    public void Build_IsIndependentOfInputOrder()
    {
        var a = Vocabulary.Build(["x", "y", "z", "y"]);
        var b = Vocabulary.Build(["y", "z", "y", "x"]);

        Assert.That(a.Tokens, Is.EqualTo(b.Tokens));
    }

    [Test]
    public void Build_MinCount_DropsRareTokens()
    {
        var vocab = Vocabulary.Build(["a", "a", "b"], minCount: 2);

        Assert.That(vocab.Tokens, Is.EqualTo(new[] { "<PAD>", "<UNK>", "a" }));
    }

    [Test]
    public void SaveLoad_RoundTripsExactly()
    {
        var vocab = Vocabulary.Build(["toy", "story", "misérables", "toy"]);
        using var stream = new MemoryStream();

        vocab.Save(stream);
        stream.Position = 0;
        var back = Vocabulary.Load(stream);

        Assert.That(back.Tokens, Is.EqualTo(vocab.Tokens));
        Assert.That(back.UnknownIndex, Is.EqualTo(1));
        stream.Position = 0;
        Assert.That(System.Text.Encoding.UTF8.GetString(stream.ToArray()), Does.StartWith("# movierec vocabulary v1\n<PAD>\n<UNK>\ntoy\n"));
    }

    [Test]
    public void Load_NotAVocabulary_Throws()
    {
        using var stream = new MemoryStream("hello\nworld\n"u8.ToArray());

        Assert.Throws<FormatException>(() => Vocabulary.Load(stream));
    }

    [Test]
    public void FromTokens_DuplicateOrMissingPad_Throws()
    {
        Assert.Throws<ArgumentException>(() => Vocabulary.FromTokens(["<PAD>", "a", "a"]));
        Assert.Throws<ArgumentException>(() => Vocabulary.FromTokens(["a"]));
    }

    [Test]
    public void IndexOrUnknown_WithoutUnknownToken_Throws()
    {
        var vocab = Vocabulary.FromTokens(["<PAD>", "Action"]);

        Assert.Throws<KeyNotFoundException>(() => vocab.IndexOrUnknown("Drama"));
    }
}
