using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using MovieRec.Data;
using MovieRec.Tests.TestSupport;

namespace MovieRec.Tests.Data;

public sealed class DatasetDownloaderTests
{
    private const string UData = "1\t1\t5\t881250949\n2\t1\t3\t891717742\n1\t2\t4\t878887116\n3\t3\t1\t880606923\n2\t2\t2\t886397596\n";

    private static byte[] BuildMovieLens100KZip((string Name, int Zeros)? extra = null)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("ml-100k/");
            void Add(string name, string text, Encoding encoding)
            {
                var entry = zip.CreateEntry("ml-100k/" + name, CompressionLevel.NoCompression);
                using var s = entry.Open();
                s.Write(encoding.GetBytes(text));
            }

            Add("u.genre", SmallMovieLens100K.Genres, Encoding.Latin1);
            Add("u.occupation", SmallMovieLens100K.Occupations, Encoding.Latin1);
            Add("u.item", SmallMovieLens100K.Items, Encoding.Latin1);
            Add("u.user", SmallMovieLens100K.Users, Encoding.Latin1);
            Add("u.data", UData, Encoding.ASCII);
            if (extra is { } bomb)
            {
                using var s = zip.CreateEntry(bomb.Name, CompressionLevel.SmallestSize).Open();
                s.Write(new byte[bomb.Zeros]);
            }
        }

        return memory.ToArray();
    }

    private static byte[] Corrupt(byte[] zip)
    {
        var copy = (byte[])zip.Clone();
        int at = copy.AsSpan().IndexOf(Encoding.ASCII.GetBytes("891717742"));
        Assert.That(at, Is.GreaterThan(0));
        copy[at] = (byte)'7';
        return copy;
    }

    private static string Md5File(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data)) + "  ml-100k.zip\n";

    private static string[] Leftovers(string root) => Directory.Exists(root) ? Directory.GetFileSystemEntries(root, ".*") : [];

    [Test]
    public async Task FetchAsync_ServesZip_ExtractsVerifiesAndRecordsHash()
    {
        byte[] zip = BuildMovieLens100KZip();
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = zip, ["ml-100k.zip.md5"] = Encoding.ASCII.GetBytes(Md5File(zip)) });
        using var root = new TempFolder();
        var reports = new List<DownloadProgress>();
        var progress = new SynchronousProgress<DownloadProgress>(reports.Add);

        var result = await DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path }, progress);

        Assert.That(result.AlreadyPresent, Is.False);
        Assert.That(result.Md5Checked, Is.True);
        Assert.That(result.Bytes, Is.EqualTo(zip.Length));
        Assert.That(result.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(zip))));
        Assert.That(result.Folder, Is.EqualTo(Path.Combine(root.Path, "ml-100k")));
        Assert.That(File.ReadAllText(Path.Combine(result.Folder, "u.data")), Is.EqualTo(UData));
        Assert.That(File.ReadAllText(Path.Combine(result.Folder, DatasetDownloader.RecordFileName)), Does.Contain("sha256=" + result.Sha256));
        Assert.That(MovieLens100K.Load(result.Folder).Ratings.Count, Is.EqualTo(5));
        var downloads = reports.Where(r => r.Stage == "download").ToList();
        Assert.That(downloads[^1].BytesDone, Is.EqualTo(zip.Length));
        Assert.That(downloads[^1].BytesTotal, Is.EqualTo(zip.Length));
        Assert.That(reports[^1].Stage, Is.EqualTo("done"));
        Assert.That(Leftovers(root.Path), Is.Empty);
    }

    [Test]
    public async Task FetchAsync_AlreadyPresent_DoesNotDownloadUnlessForced()
    {
        byte[] zip = BuildMovieLens100KZip();
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = zip });
        using var root = new TempFolder();
        var options = new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path };
        await DatasetDownloader.FetchAsync("ml-100k", options);
        int requests = server.Requests;

        var again = await DatasetDownloader.FetchAsync("ml-100k", options);
        Assert.That(again.AlreadyPresent, Is.True);
        Assert.That(server.Requests, Is.EqualTo(requests));

        var forced = await DatasetDownloader.FetchAsync("ml-100k", options with { Force = true });
        Assert.That(forced.AlreadyPresent, Is.False);
        Assert.That(server.Requests, Is.GreaterThan(requests));
        Assert.That(forced.Md5Checked, Is.False);
    }

    [Test]
    public async Task FetchAsync_CorruptedZip_FailsAndLeavesNoFolder()
    {
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = Corrupt(BuildMovieLens100KZip()) });
        using var root = new TempFolder();

        var ex = (await Assert.ThrowsAsync<InvalidDataException>(() => DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path })))!;

        Assert.That(ex.Message, Does.Contain("u.data"));
        Assert.That(Directory.Exists(Path.Combine(root.Path, "ml-100k")), Is.False);
        Assert.That(Leftovers(root.Path), Is.Empty);
    }

    [Test]
    public async Task FetchAsync_ForcedRefetchOfCorruptZip_KeepsExistingFolder()
    {
        byte[] good = BuildMovieLens100KZip();
        var files = new Dictionary<string, byte[]> { ["ml-100k.zip"] = good };
        using var server = new LocalHttpServer(files);
        using var root = new TempFolder();
        var options = new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path };
        await DatasetDownloader.FetchAsync("ml-100k", options);
        files["ml-100k.zip"] = Corrupt(good);

        await Assert.ThrowsAsync<InvalidDataException>(() => DatasetDownloader.FetchAsync("ml-100k", options with { Force = true }));

        Assert.That(File.ReadAllText(Path.Combine(root.Path, "ml-100k", "u.data")), Is.EqualTo(UData));
        Assert.That(Leftovers(root.Path), Is.Empty);
    }

    [Test]
    public async Task FetchAsync_NotAZip_Fails()
    {
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = Encoding.ASCII.GetBytes("<html>moved</html>") });
        using var root = new TempFolder();

        await Assert.ThrowsAsync<InvalidDataException>(() => DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path }));
        Assert.That(Directory.GetFileSystemEntries(root.Path), Is.Empty);
    }

    [Test]
    public async Task FetchAsync_Sha256Mismatch_Fails()
    {
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = BuildMovieLens100KZip() });
        using var root = new TempFolder();
        var options = new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path, ExpectedSha256 = new string('0', 64) };

        var ex = (await Assert.ThrowsAsync<InvalidDataException>(() => DatasetDownloader.FetchAsync("ml-100k", options)))!;

        Assert.That(ex.Message, Does.Contain("SHA-256"));
        Assert.That(Directory.GetFileSystemEntries(root.Path), Is.Empty);
    }

    [Test]
    public async Task FetchAsync_PublishedMd5Mismatch_Fails()
    {
        byte[] zip = BuildMovieLens100KZip();
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = zip, ["ml-100k.zip.md5"] = Encoding.ASCII.GetBytes(new string('a', 32) + "  ml-100k.zip\n") });
        using var root = new TempFolder();

        var ex = (await Assert.ThrowsAsync<InvalidDataException>(() => DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path })))!;

        Assert.That(ex.Message, Does.Contain("MD5"));
        Assert.That(Directory.GetFileSystemEntries(root.Path), Is.Empty);
    }

    [Test]
    public async Task FetchAsync_MissingOnServer_ThrowsHttpError()
    {
        using var server = new LocalHttpServer([]);
        using var root = new TempFolder();

        var ex = (await Assert.ThrowsAsync<HttpRequestException>(() => DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path })))!;

        Assert.That(ex.Message, Does.Contain("404"));
        Assert.That(Directory.GetFileSystemEntries(root.Path), Is.Empty);
    }

    [TestCase("http://example.org/movielens/")]
    [TestCase("ftp://127.0.0.1/")]
    [TestCase("not a url")]
    public async Task FetchAsync_InsecureOrInvalidBaseUrl_Throws(string baseUrl)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = baseUrl, TargetRoot = Path.GetTempPath() }));
    }

    [Test]
    public async Task FetchAsync_SyntheticOrUnknown_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => DatasetDownloader.FetchAsync("synthetic"));
        await Assert.ThrowsAsync<ArgumentException>(() => DatasetDownloader.FetchAsync("ml-3m"));
    }

    [Test]
    public async Task FetchAsync_MirrorStallingHalfway_GivesUpAndRemovesThePartialFile()
    {
        byte[] zip = BuildMovieLens100KZip();
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = zip });
        server.StallHalfway.Add("ml-100k.zip");
        using var root = new TempFolder();
        var options = new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path, StallTimeout = TimeSpan.FromSeconds(1) };

        var ex = (await Assert.ThrowsAsync<IOException>(() => DatasetDownloader.FetchAsync("ml-100k", options)))!;

        Assert.That(ex.Message, Does.Contain($"the server sent nothing for 1 s after {zip.Length / 2:N0} bytes"));
        Assert.That(Directory.GetFileSystemEntries(root.Path), Is.Empty, "no .part file is left");
    }

    [Test]
    public async Task FetchAsync_ServerThatNeverAnswers_GivesUp()
    {
        // A listener that never accepts: the connection opens (the kernel's backlog) but no headers ever come.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        using var root = new TempFolder();
        var options = new DownloadOptions { BaseUrl = $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/", TargetRoot = root.Path, StallTimeout = TimeSpan.FromSeconds(1) };

        var ex = (await Assert.ThrowsAsync<IOException>(() => DatasetDownloader.FetchAsync("ml-100k", options)))!;

        Assert.That(ex.Message, Does.Contain("the server sent nothing for 1 s after 0 bytes"));
        Assert.That(Directory.GetFileSystemEntries(root.Path), Is.Empty);
    }

    [Test]
    public async Task FetchAsync_RedirectToPlainHttpElsewhere_IsNotFollowed()
    {
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = BuildMovieLens100KZip() });
        server.Redirects["ml-100k.zip"] = "http://example.org/ml-100k.zip";
        using var root = new TempFolder();

        var ex = (await Assert.ThrowsAsync<HttpRequestException>(() => DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path })))!;

        Assert.That(ex.Message, Does.Contain("redirects to http://example.org/ml-100k.zip, which is not HTTPS; refusing to follow it"));
        Assert.That(server.Requests, Is.EqualTo(1));
        Assert.That(Directory.GetFileSystemEntries(root.Path), Is.Empty);
    }

    [Test]
    public async Task FetchAsync_RedirectOnTheLocalMachine_IsFollowed()
    {
        byte[] zip = BuildMovieLens100KZip();
        using var server = new LocalHttpServer(new() { ["mirror.zip"] = zip });
        server.Redirects["ml-100k.zip"] = server.BaseUrl + "mirror.zip";
        using var root = new TempFolder();

        var result = await DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path, CheckPublishedMd5 = false });

        Assert.That(result.Bytes, Is.EqualTo(zip.Length));
        Assert.That(File.ReadAllText(Path.Combine(result.Folder, "u.data")), Is.EqualTo(UData));
    }

    [Test]
    public async Task FetchAsync_ZipBomb_IsRefusedBeforeAnythingIsUnpacked()
    {
        byte[] zip = BuildMovieLens100KZip(extra: ("ml-100k/extra.bin", 64 << 20));
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = zip });
        using var root = new TempFolder();

        var ex = (await Assert.ThrowsAsync<InvalidDataException>(() => DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path })))!;

        Assert.That(zip.Length, Is.LessThan(1 << 20), "the archive is small");
        Assert.That(ex.Message, Does.Contain("would inflate to").And.Contain("refusing a zip bomb"));
        Assert.That(Directory.GetFileSystemEntries(root.Path), Is.Empty);
    }

    [Test]
    public async Task FetchAsync_ArchiveOverTheSizeCap_IsAbandoned()
    {
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = BuildMovieLens100KZip() });
        using var root = new TempFolder();

        var ex = (await Assert.ThrowsAsync<IOException>(() => DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path, MaxArchiveBytes = 100 })))!;

        Assert.That(ex.Message, Does.Contain("more than 100 bytes"));
        Assert.That(Directory.GetFileSystemEntries(root.Path), Is.Empty);
    }

    [Test]
    public async Task FetchAsync_RemovesThePartialFilesOfAKilledDownload()
    {
        using var server = new LocalHttpServer(new() { ["ml-100k.zip"] = BuildMovieLens100KZip() });
        using var root = new TempFolder();
        using var gone = System.Diagnostics.Process.Start("true")!;
        gone.WaitForExit();
        string part = Path.Combine(root.Path, $".ml-100k.{gone.Id}.0123456789ab.zip.part");
        string staging = Path.Combine(root.Path, $".ml-100k.{gone.Id}.0123456789ab.extracting");
        string running = Path.Combine(root.Path, $".ml-100k.{Environment.ProcessId}.ba9876543210.zip.part");
        File.WriteAllText(part, "half");
        Directory.CreateDirectory(staging);
        File.WriteAllText(running, "another download of this process");

        await DatasetDownloader.FetchAsync("ml-100k", new DownloadOptions { BaseUrl = server.BaseUrl, TargetRoot = root.Path });

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(part), Is.False, "the killed download's archive");
            Assert.That(Directory.Exists(staging), Is.False, "the killed download's folder");
            Assert.That(File.Exists(running), Is.True, "a download of a running process is left alone");
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    public async Task FetchAsync_NonPositiveLimits_AreRefusedNamingTheOption(int value)
    {
        var options = new DownloadOptions { TargetRoot = Path.GetTempPath() };

        var stall = (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DatasetDownloader.FetchAsync("ml-100k", options with { StallTimeout = TimeSpan.FromSeconds(value) })))!;
        var ratio = (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DatasetDownloader.FetchAsync("ml-100k", options with { MaxInflationRatio = value })))!;

        Assert.That(stall.Message, Does.Contain("DownloadOptions.StallTimeout"));
        Assert.That(ratio.Message, Does.Contain("DownloadOptions.MaxInflationRatio"));
    }

    [Test]
    public void Options_DefaultsAndOverride()
    {
        var defaults = new DownloadOptions();
        Assert.That(defaults.BaseUrl, Is.EqualTo("https://files.grouplens.org/datasets/movielens/"));
        Assert.That(defaults.Force, Is.False);
        Assert.That(defaults.CheckPublishedMd5, Is.True);
        Assert.That((defaults with { Force = true }).Force, Is.True);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
