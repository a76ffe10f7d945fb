using MovieRec.Data;
using MovieRec.Features;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Features;

public sealed class MovieFeatureEncoderTests
{
    [Test]
    public void Encode_ToyStory_IdGenresAndTitleWords()
    {
        using var folder = new TempFolder();
        var data = FeatureEncodersTestsData.SmallMovieLens1M(folder);
        var encoder = MovieFeatureEncoder.Create(data);

        var row = new long[encoder.Width];
        encoder.Encode(1, row);

        Assert.That(encoder.Width, Is.EqualTo(34));
        Assert.That(row[0], Is.EqualTo(1));
        var genres = row[1..19].TakeWhile(g => g != 0).Select(g => encoder.GenreVocabulary.TokenAt((int)g));
        Assert.That(genres, Is.EqualTo(new[] { "Animation", "Children's", "Comedy" }));
        Assert.That(row[4..19], Has.All.EqualTo(0));
        var words = row[19..].TakeWhile(w => w != 0).Select(w => encoder.Titles.Vocabulary.TokenAt((int)w));
        Assert.That(words, Is.EqualTo(new[] { "toy", "story" }));
        Assert.That(row[21..], Has.All.EqualTo(0));
    }

    [Test]
    public void EncodeAll_RowZeroIsPaddingAndYearsFollowTable()
    {
        using var folder = new TempFolder();
        var data = FeatureEncodersTestsData.SmallMovieLens1M(folder);
        var encoder = MovieFeatureEncoder.Create(data);

        var all = encoder.EncodeAll();

        Assert.That(all, Has.Length.EqualTo(3 * 34));
        Assert.That(all[..34], Has.All.EqualTo(0));
        Assert.That(all[34 * 2], Is.EqualTo(2));
        Assert.That(encoder.EncodeYears(), Is.EqualTo(new long[] { 0, 1995, 1995 }));
        Assert.That(encoder.GenreCount, Is.EqualTo(19));
    }

    [Test]
    public void Encode_OutOfRangeMovie_Throws()
    {
        using var folder = new TempFolder();
        var encoder = MovieFeatureEncoder.Create(FeatureEncodersTestsData.SmallMovieLens1M(folder));

        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(3, new long[34]));
    }

    [Test]
    public void Encode_RealMovieLens1M_ToyStoryAsThePaper()
    {
        string path = RealData.Folder("ml-1m", "users.dat", "movies.dat");
        var data = MovieLens1M.LoadMetadata(path);
        var encoder = MovieFeatureEncoder.Create(data);

        var row = new long[encoder.Width];
        encoder.Encode(data.MovieIds.IndexOf(1), row);

        var genres = row[1..19].Where(g => g != 0).Select(g => encoder.GenreVocabulary.TokenAt((int)g));
        Assert.That(genres, Is.EqualTo(new[] { "Animation", "Children's", "Comedy" }));
        var words = row[19..].Where(w => w != 0).Select(w => encoder.Titles.Vocabulary.TokenAt((int)w));
        Assert.That(words, Is.EqualTo(new[] { "toy", "story" }));
        Assert.That(encoder.Titles.Vocabulary.IndexOf("1995"), Is.EqualTo(-1));
    }
}
