using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

[NonParallelizable]
public sealed class DatasetCatalogTests
{
    private string? _savedEnvironment;

    [SetUp]
    public void SaveEnvironment() => _savedEnvironment = Environment.GetEnvironmentVariable("MOVIEREC_DATA");

    [TearDown]
    public void RestoreEnvironment() => Environment.SetEnvironmentVariable("MOVIEREC_DATA", _savedEnvironment);

    [Test]
    public void Known_ListsTheSevenNames()
    {
        Assert.That(DatasetCatalog.Known.Select(d => d.Name), Is.EqualTo(new[] { "ml-100k", "ml-1m", "ml-latest-small", "ml-20m", "ml-25m", "netflix-prize", "synthetic" }));
        Assert.That(DatasetCatalog.Get("ML-100K").ArchiveName, Is.EqualTo("ml-100k.zip"));
        Assert.Throws<ArgumentException>(() => DatasetCatalog.Get("ml-3m"));
    }

    [Test]
    public void Resolve_ExplicitPathWinsOverEnvironment()
    {
        using var explicitFolder = new TempFolder();
        SmallMovieLens100K.Write(explicitFolder);
        using var envRoot = new TempFolder();
        SmallMovieLens100K.Write(envRoot.File("ml-100k"));
        Environment.SetEnvironmentVariable("MOVIEREC_DATA", envRoot.Path);

        Assert.That(DatasetCatalog.Resolve("ml-100k", explicitFolder.Path), Is.EqualTo(explicitFolder.Path));
        Assert.That(DatasetCatalog.Resolve("ml-100k"), Is.EqualTo(Path.Combine(envRoot.Path, "ml-100k")));
    }

    [Test]
    public void Resolve_ExplicitPathWithoutDataset_IsNotFoundEvenIfEnvironmentHasIt()
    {
        using var empty = new TempFolder();
        using var envRoot = new TempFolder();
        SmallMovieLens100K.Write(envRoot.File("ml-100k"));
        Environment.SetEnvironmentVariable("MOVIEREC_DATA", envRoot.Path);

        Assert.That(DatasetCatalog.Resolve("ml-100k", empty.Path), Is.Null);
    }

    [Test]
    public void Candidates_EndWithTheUserCache()
    {
        Environment.SetEnvironmentVariable("MOVIEREC_DATA", "/data/sets");

        var candidates = DatasetCatalog.Candidates("ml-1m", "/my/ml-1m");

        Assert.That(candidates, Has.Count.EqualTo(3));
        Assert.That(candidates[0], Is.EqualTo(Path.GetFullPath("/my/ml-1m")));
        Assert.That(candidates[1], Is.EqualTo(Path.GetFullPath("/data/sets/ml-1m")));
        Assert.That(candidates[2], Does.EndWith(Path.Combine("MovieRec", "datasets", "ml-1m")));
    }

    [Test]
    public void Load_NotFound_ListsWhereItLooked()
    {
        using var empty = new TempFolder();
        Environment.SetEnvironmentVariable("MOVIEREC_DATA", empty.Path);

        var ex = Assert.Throws<DirectoryNotFoundException>(() => DatasetCatalog.Load("ml-25m", Path.Combine(empty.Path, "nowhere")))!;

        Assert.That(ex.Message, Does.Contain("movierec data fetch ml-25m").And.Contain("nowhere"));
    }

    [Test]
    public void Load_Synthetic_NeedsNoFolder()
    {
        var data = DatasetCatalog.Load("synthetic");

        Assert.That(data.Ratings.Count, Is.EqualTo(SyntheticDefaults.NumberOfRatings));
        Assert.That(DatasetCatalog.Resolve("synthetic"), Is.Null);
    }

    [Test]
    public void Load_ThroughEnvironment_ReadsRealMovieLens100K()
    {
        RealData.Folder("ml-100k", "u.data");

        var data = DatasetCatalog.Load("ml-100k");

        Assert.That(data.Ratings.Count, Is.EqualTo(100_000));
    }

    [Test]
    public void Load_takes_a_folder_and_recognises_its_format_by_the_ratings_file()
    {
        using var hundred = new TempFolder();
        SmallMovieLens100K.Write(hundred);
        using var csv = new TempFolder();
        var synthetic = SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 1000, NumberOfUsers = 60, NumberOfMovies = 80, Seed = 2 });
        DatasetWriter.WriteMovieLensCsv(synthetic, csv.Path);
        using var empty = new TempFolder();

        var fromFolder = DatasetCatalog.Load(hundred.Path);
        var fromCsv = DatasetCatalog.Load(csv.Path);

        Assert.Multiple(() =>
        {
            Assert.That(fromFolder.Ratings.Count, Is.EqualTo(DatasetCatalog.Load("ml-100k", hundred.Path).Ratings.Count), "a folder loads as its name with that path does");
            Assert.That(fromCsv.Ratings.Count, Is.EqualTo(1000));
            Assert.That(() => DatasetCatalog.Load(empty.Path), Throws.InstanceOf<FileNotFoundException>().With.Message.Contains("holds no known ratings file"));
            Assert.That(() => DatasetCatalog.Load(Path.Combine(empty.Path, "gone")), Throws.InstanceOf<DirectoryNotFoundException>().With.Message.Contains("does not exist"));
            Assert.That(DatasetCatalog.FolderOf(hundred.Path), Is.EqualTo(hundred.Path));
        });
    }
}
