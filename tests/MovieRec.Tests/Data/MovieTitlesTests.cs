using MovieRec.Data;

namespace MovieRec.Tests.Data;

public sealed class MovieTitlesTests
{
    [TestCase("Toy Story (1995)", "Toy Story", 1995)]
    [TestCase("Misérables, Les (1995) ", "Misérables, Les", 1995)]
    [TestCase("Babylon 5", "Babylon 5", 0)]
    [TestCase("Stranger Things (2016-)", "Stranger Things", 2016)]
    [TestCase("1984 (1984)", "1984", 1984)]
    public void StripYear_RemovesTrailingYear(string title, string expected, int year)
    {
        Assert.That(MovieTitles.StripYear(title, out int y), Is.EqualTo(expected));
        Assert.That(y, Is.EqualTo(year));
    }

    [TestCase("American President, The (1995)", "the american president")]
    [TestCase("Misérables, Les (1995)", "les miserables")]
    [TestCase("City of Lost Children, The (Cité des enfants perdus, La) (1995)", "the city of lost children")]
    [TestCase("Fast & Furious", "fast and furious")]
    [TestCase("Schindler's List", "schindlers list")]
    public void Normalize_GivesMatchKey(string title, string key)
    {
        Assert.That(MovieTitles.Normalize(title), Is.EqualTo(key));
    }
}
