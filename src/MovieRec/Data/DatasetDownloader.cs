using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Downloads a catalogue dataset's zip, verifies it and unpacks it atomically into the cache.
/// </summary>
/// <remarks>
/// <para>
/// Steps: stream the archive to a temporary file beside the target while hashing it (SHA-256, and MD5
/// for GroupLens's published <c>.md5</c> sums); compare with a pinned SHA-256 when one is known; check
/// every zip entry's CRC-32 and that no entry escapes the folder; extract into a temporary sibling
/// folder; then rename it into place. A failure at any step deletes the temporary files and leaves
/// an existing dataset folder untouched, so there is never a half-written dataset folder. The
/// computed SHA-256 is recorded in <c>.movierec-download</c> inside the folder.
/// </para>
/// <para>
/// Everything is bounded: a server that sends nothing for <see cref="DownloadOptions.StallTimeout"/> is given up on,
/// the archive may not pass <see cref="DownloadOptions.MaxArchiveBytes"/>, its entries may not inflate past
/// <see cref="DownloadOptions.MaxInflationRatio"/> times the archive's size (MovieLens archives inflate three to five
/// times), every redirect is checked by the same HTTPS rule as the base URL, and the temporary files of a download
/// that was killed are removed by the next one.
/// </para>
/// </remarks>
public static class DatasetDownloader
{
    /// <summary>Name of the file, inside a downloaded dataset folder, that records source and SHA-256.</summary>
    public const string RecordFileName = ".movierec-download";

    private const int MaxRedirects = 5;

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

        Abstractions.OptionChecks.Positive(options.StallTimeout.TotalSeconds, nameof(DownloadOptions) + "." + nameof(DownloadOptions.StallTimeout));
        if (options.StallTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StallTimeout, "DownloadOptions.StallTimeout is longer than a day; expected a time that notices a stalled server.");
        }

        Abstractions.OptionChecks.Positive((double)options.MaxArchiveBytes, nameof(DownloadOptions) + "." + nameof(DownloadOptions.MaxArchiveBytes));
        Abstractions.OptionChecks.AtLeast(options.MaxInflationRatio, 1, nameof(DownloadOptions) + "." + nameof(DownloadOptions.MaxInflationRatio));
        var baseUri = CheckBaseUrl(options.BaseUrl);
        string root = Path.GetFullPath(options.TargetRoot ?? DatasetCatalog.CacheRoot);
        string target = Path.Combine(root, info.Name);
        if (!options.Force && File.Exists(Path.Combine(target, info.MarkerFile)))
        {
            return new DownloadResult(target, AlreadyPresent: true, 0, string.Empty, Md5Checked: false);
        }

        Directory.CreateDirectory(root);
        RemoveStale(root, info.Name);
        string token = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}.{Guid.NewGuid().ToString("N")[..12]}");
        string archive = Path.Combine(root, $".{info.Name}.{token}.zip.part");
        string staging = Path.Combine(root, $".{info.Name}.{token}.extracting");
        try
        {
            // Redirects are followed by hand so that each one is checked; the stall timer replaces a whole-download timeout.
            using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = options.StallTimeout };
            using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            var uri = new Uri(baseUri, info.ArchiveName);
            var (bytes, sha256, md5) = await DownloadAsync(client, uri, archive, options, progress, cancellationToken).ConfigureAwait(false);
            string? expected = options.ExpectedSha256 ?? info.Sha256;
            if (expected is not null && !string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{uri}: SHA-256 is {sha256}, expected {expected.ToLowerInvariant()}.");
            }

            bool md5Checked = false;
            if (options.CheckPublishedMd5)
            {
                string? published = await TryGetPublishedMd5Async(client, new Uri(baseUri, info.ArchiveName + ".md5"), options, cancellationToken).ConfigureAwait(false);
                if (published is not null)
                {
                    if (!string.Equals(published, md5, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InvalidDataException($"{uri}: MD5 is {md5}, but the published sum is {published}.");
                    }

                    md5Checked = true;
                }
            }

            Extract(archive, staging, info, options.MaxInflationRatio * bytes, progress, cancellationToken);
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
        ArgumentException.ThrowIfNullOrWhiteSpace(baseUrl);
        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"Base URL '{baseUrl}' is not an absolute URL.", nameof(baseUrl));
        }

        if (!Secure(uri))
        {
            throw new ArgumentException($"Base URL '{baseUrl}' must use HTTPS (plain HTTP is accepted only for the local machine).", nameof(baseUrl));
        }

        return uri;
    }

    /// <summary>The HTTPS rule, for the base URL and every redirect: HTTPS, or plain HTTP to the local machine only.</summary>
    private static bool Secure(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);

    /// <summary>Sends a GET, following at most <see cref="MaxRedirects"/> redirects, each checked by the HTTPS rule, and waiting at most the stall timeout for the headers.</summary>
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri uri, DownloadOptions options, CancellationToken cancellationToken)
    {
        for (int hop = 0; ; hop++)
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stall.CancelAfter(options.StallTimeout);
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, stall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Stalled(uri, 0, options);
            }

            if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (!Secure(next))
            {
                throw new HttpRequestException($"{uri} redirects to {next}, which is not HTTPS; refusing to follow it (plain HTTP is accepted only for the local machine).");
            }

            if (hop == MaxRedirects)
            {
                throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture, $"{uri} redirects more than {MaxRedirects} times; giving up."));
            }

            uri = next;
        }
    }

    private static IOException Stalled(Uri uri, long done, DownloadOptions options) => new(string.Create(
        CultureInfo.InvariantCulture, $"{uri}: the server sent nothing for {options.StallTimeout.TotalSeconds:0.#} s after {done:N0} bytes; the download was abandoned and its partial file removed."));

    private static async Task<(long Bytes, string Sha256, string Md5)> DownloadAsync(
        HttpClient client, Uri uri, string path, DownloadOptions options, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(client, uri, options, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{uri}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        long? total = response.Content.Headers.ContentLength;
        if (total > options.MaxArchiveBytes)
        {
            throw TooLarge(uri, total.Value, options);
        }

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
                using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                while (true)
                {
                    stall.CancelAfter(options.StallTimeout);
                    try
                    {
                        read = await source.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw Stalled(uri, done, options);
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    if (done + read > options.MaxArchiveBytes)
                    {
                        throw TooLarge(uri, done + read, options);
                    }

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

    private static IOException TooLarge(Uri uri, long bytes, DownloadOptions options) => new(string.Create(
        CultureInfo.InvariantCulture, $"{uri}: the archive has more than {options.MaxArchiveBytes:N0} bytes ({bytes:N0} so far), more than DownloadOptions.MaxArchiveBytes allows; nothing was kept."));

    private static async Task<string?> TryGetPublishedMd5Async(HttpClient client, Uri uri, DownloadOptions options, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(client, uri, options, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > 4096)
        {
            return null;
        }

        string text;
        using (var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            stall.CancelAfter(options.StallTimeout);
            try
            {
                text = await response.Content.ReadAsStringAsync(stall.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Stalled(uri, 0, options);
            }
        }

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

    private static void Extract(string archive, string staging, DatasetInfo info, long maxBytes, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
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
            if (total > maxBytes)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture, $"{info.ArchiveName}'s entries would inflate to {total:N0} bytes, more than {maxBytes:N0} (DownloadOptions.MaxInflationRatio times the archive); refusing a zip bomb."));
            }

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
                    long written = 0;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        written += read;
                        if (written > entry.Length)
                        {
                            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"it inflates past the {entry.Length:N0} bytes it declares"));
                        }

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

    /// <summary>Removes the temporary files and folders of downloads of <paramref name="name"/> whose process no longer runs (killed mid-download).</summary>
    private static void RemoveStale(string root, string name)
    {
        foreach (string path in Directory.EnumerateFileSystemEntries(root, $".{name}.*"))
        {
            // .NAME.PID.TOKEN.zip.part, .NAME.PID.TOKEN.extracting, .NAME.PID.TOKEN.old
            string rest = Path.GetFileName(path)[(name.Length + 2)..];
            int dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || !int.TryParse(rest.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == Environment.ProcessId || Running(pid))
            {
                continue;
            }

            TryDelete(path);
            TryDeleteFolder(path);
        }
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
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
