using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Downloads a catalogue dataset's zip, verifies it and unpacks it atomically into the cache.
/// </summary>
/// <remarks>
/// Steps: stream the archive to a temporary file beside the target while hashing it (SHA-256, and MD5
/// for GroupLens's published <c>.md5</c> sums); compare with a pinned SHA-256 when one is known; check
/// every zip entry's CRC-32 and that no entry escapes the folder; extract into a temporary sibling
/// folder; then rename it into place. A failure at any step deletes the temporary files and leaves
/// an existing dataset folder untouched, so there is never a half-written dataset folder. The
/// computed SHA-256 is recorded in <c>.movierec-download</c> inside the folder.
/// </remarks>
public static class DatasetDownloader
{
    /// <summary>Name of the file, inside a downloaded dataset folder, that records source and SHA-256.</summary>
    public const string RecordFileName = ".movierec-download";

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(30);

    /// <summary>Fetches the named dataset into the cache (or <see cref="DownloadOptions.TargetRoot"/>).</summary>
    /// <param name="name">A downloadable catalogue name, for example "ml-100k".</param>
    /// <param name="options">Base URL, target, force and checksum options; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives byte counts while downloading and verifying; may be null.</param>
    /// <param name="cancellationToken">Cancels the download; temporary files are removed.</param>
    /// <exception cref="ArgumentException">The name is unknown or not downloadable, or the base URL is not HTTPS.</exception>
    /// <exception cref="HttpRequestException">The server answered with an error status.</exception>
    /// <exception cref="InvalidDataException">The archive fails a checksum, a CRC check, or is not a valid zip.</exception>
    public static async Task<DownloadResult> FetchAsync(
        string name, DownloadOptions? options = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var info = DatasetCatalog.Get(name);
        options ??= new DownloadOptions();
        if (info.ArchiveName is null || info.MarkerFile is null)
        {
            throw new ArgumentException($"Dataset '{info.Name}' is not downloadable.", nameof(name));
        }

        var baseUri = CheckBaseUrl(options.BaseUrl);
        string root = Path.GetFullPath(options.TargetRoot ?? DatasetCatalog.CacheRoot);
        string target = Path.Combine(root, info.Name);
        if (!options.Force && File.Exists(Path.Combine(target, info.MarkerFile)))
        {
            return new DownloadResult(target, AlreadyPresent: true, 0, string.Empty, Md5Checked: false);
        }

        Directory.CreateDirectory(root);
        string token = Guid.NewGuid().ToString("N")[..12];
        string archive = Path.Combine(root, $".{info.Name}.{token}.zip.part");
        string staging = Path.Combine(root, $".{info.Name}.{token}.extracting");
        try
        {
            using var client = new HttpClient { Timeout = s_timeout };
            var uri = new Uri(baseUri, info.ArchiveName);
            var (bytes, sha256, md5) = await DownloadAsync(client, uri, archive, progress, cancellationToken).ConfigureAwait(false);
            string? expected = options.ExpectedSha256 ?? info.Sha256;
            if (expected is not null && !string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{uri}: SHA-256 is {sha256}, expected {expected.ToLowerInvariant()}.");
            }

            bool md5Checked = false;
            if (options.CheckPublishedMd5)
            {
                string? published = await TryGetPublishedMd5Async(client, new Uri(baseUri, info.ArchiveName + ".md5"), cancellationToken).ConfigureAwait(false);
                if (published is not null)
                {
                    if (!string.Equals(published, md5, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InvalidDataException($"{uri}: MD5 is {md5}, but the published sum is {published}.");
                    }

                    md5Checked = true;
                }
            }

            Extract(archive, staging, info, progress, cancellationToken);
            File.WriteAllText(
                Path.Combine(staging, RecordFileName),
                string.Create(CultureInfo.InvariantCulture, $"url={uri}\nsha256={sha256}\nmd5={md5}\nbytes={bytes}\nfetched={DateTime.UtcNow:O}\n"),
                new UTF8Encoding(false));
            Publish(staging, target, root, info.Name, token);
            progress?.Report(new DownloadProgress("done", bytes, bytes));
            return new DownloadResult(target, AlreadyPresent: false, bytes, sha256, md5Checked);
        }
        finally
        {
            TryDelete(archive);
            TryDeleteFolder(staging);
        }
    }

    private static Uri CheckBaseUrl(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"Base URL '{baseUrl}' is not an absolute URL.", nameof(baseUrl));
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            throw new ArgumentException($"Base URL '{baseUrl}' must use HTTPS (plain HTTP is accepted only for the local machine).", nameof(baseUrl));
        }

        return uri;
    }

    private static async Task<(long Bytes, string Sha256, string Md5)> DownloadAsync(
        HttpClient client, Uri uri, string path, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{uri}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        long? total = response.Content.Headers.ContentLength;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[1 << 16];
                long done = 0;
                int read;
                progress?.Report(new DownloadProgress("download", 0, total));
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    sha.AppendData(buffer, 0, read);
                    md5.AppendData(buffer, 0, read);
                    done += read;
                    progress?.Report(new DownloadProgress("download", done, total));
                }

                if (total is not null && done != total)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{uri}: received {done} bytes, but the server announced {total}."));
                }

                return (done, Convert.ToHexStringLower(sha.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()));
            }
        }
    }

    private static async Task<string?> TryGetPublishedMd5Async(HttpClient client, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

        // Formats seen: "<hex>  name.zip" or "MD5 (name.zip) = <hex>".
        foreach (string word in text.Split([' ', '\t', '\r', '\n', '='], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length == 32 && word.All(char.IsAsciiHexDigit))
            {
                return word.ToLowerInvariant();
            }
        }

        return null;
    }

    private static void Extract(string archive, string staging, DatasetInfo info, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(staging);
        string stagingFull = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(archive);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"The downloaded {info.ArchiveName} is not a valid zip archive: {ex.Message}", ex);
        }

        using (zip)
        {
            // A GroupLens archive holds one top folder named after the dataset; strip it.
            string prefix = info.Name + "/";
            bool stripPrefix = zip.Entries.Count > 0 && zip.Entries.All(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal));
            long total = zip.Entries.Sum(e => e.Length);
            long done = 0;
            var buffer = new byte[1 << 16];
            foreach (var entry in zip.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string relative = stripPrefix ? entry.FullName[prefix.Length..] : entry.FullName;
                if (relative.Length == 0)
                {
                    continue;
                }

                string destination = Path.GetFullPath(Path.Combine(staging, relative));
                if (!destination.StartsWith(stagingFull, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"Zip entry '{entry.FullName}' would be written outside the dataset folder.");
                }

                if (relative.EndsWith('/'))
                {
                    Directory.CreateDirectory(destination);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                uint crc = 0;
                try
                {
                    using var input = entry.Open();
                    using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        output.Write(buffer, 0, read);
                        crc = Crc32.Append(crc, buffer.AsSpan(0, read));
                        done += read;
                    }
                }
                catch (InvalidDataException ex)
                {
                    throw new InvalidDataException($"Zip entry '{entry.FullName}' of {info.ArchiveName} is corrupt: {ex.Message}", ex);
                }

                if (crc != entry.Crc32)
                {
                    throw new InvalidDataException(string.Create(
                        CultureInfo.InvariantCulture, $"Zip entry '{entry.FullName}' of {info.ArchiveName} fails its CRC-32 check (computed {crc:x8}, recorded {entry.Crc32:x8})."));
                }

                progress?.Report(new DownloadProgress("extract", done, total));
            }
        }

        if (!File.Exists(Path.Combine(staging, info.MarkerFile!)))
        {
            throw new InvalidDataException($"The archive {info.ArchiveName} does not contain {info.MarkerFile}.");
        }
    }

    private static void Publish(string staging, string target, string root, string name, string token)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }

        string old = Path.Combine(root, $".{name}.{token}.old");
        Directory.Move(target, old);
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        TryDeleteFolder(old);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
