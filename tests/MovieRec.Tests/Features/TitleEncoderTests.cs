using MovieRec.Features;

namespace MovieRec.Tests.Features;

public sealed class TitleEncoderTests
{
    [TestCase("Toy Story (1995)", new[] { "toy", "story" })]
    [TestCase("American President, The (1995)", new[] { "american", "president", "the" })]
    [TestCase("Schindler's List (1993)", new[] { "schindler's", "list" })]
    [TestCase("Se7en (1995)", new[] { "se7en" })]
    [TestCase("", new string[0])]
    public void Tokenize_RemovesYearAndPunctuation(string title, string[] words)
    {
        Assert.That(TitleEncoder.Tokenize(title), Is.EqualTo(words));
    }

    [Test]
    public void Encode_PadsTruncatesAndMapsUnknownWords()
    {
        var encoder = TitleEncoder.Create(Vocabulary.Build(["toy", "story", "toy"]), length: 4);

        Assert.That(encoder.Encode("Toy Story (1995)"), Is.EqualTo(new long[] { 2, 3, 0, 0 }));
        Assert.That(encoder.Encode("Toy Soldiers (1991)"), Is.EqualTo(new long[] { 2, 1, 0, 0 }));
        Assert.That(encoder.Encode("Toy Toy Toy Toy Story"), Is.EqualTo(new long[] { 2, 2, 2, 2 }));
    }

    [Test]
    public void Create_VocabularyWithoutUnknown_Throws()
    {
        Assert.Throws<ArgumentException>(() => TitleEncoder.Create(Vocabulary.FromTokens(["<PAD>", "toy"])));
    }

    [Test]
    public void Encode_ShortDestination_Throws()
    {
        var encoder = TitleEncoder.Create(Vocabulary.Build(["toy"]));

        Assert.Throws<ArgumentException>(() => encoder.Encode("Toy", new long[3]));
    }
}
