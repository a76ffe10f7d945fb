namespace MovieRec.Data;

/// <summary>What <see cref="DatasetDownloader.FetchAsync"/> did.</summary>
/// <param name="Folder">The dataset folder.</param>
/// <param name="AlreadyPresent">True when nothing was downloaded because the folder already held the dataset.</param>
/// <param name="Bytes">Size of the downloaded archive (0 when already present).</param>
/// <param name="Sha256">SHA-256 of the archive, lower-case hex (empty when already present).</param>
/// <param name="Md5Checked">Whether a published MD5 sum was found and matched.</param>
public sealed record DownloadResult(string Folder, bool AlreadyPresent, long Bytes, string Sha256, bool Md5Checked);
