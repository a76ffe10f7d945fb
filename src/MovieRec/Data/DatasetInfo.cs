namespace MovieRec.Data;

/// <summary>A named dataset the catalogue knows: where to get it and how to read it.</summary>
/// <param name="Name">Catalogue name, for example "ml-100k".</param>
/// <param name="Format">File layout.</param>
/// <param name="ArchiveName">Name of the GroupLens zip ("ml-100k.zip"), or <see langword="null"/> when not downloadable.</param>
/// <param name="MarkerFile">A file whose presence shows the folder holds the dataset ("u.data").</param>
/// <param name="Sha256">Known SHA-256 of the archive (lower-case hex), or <see langword="null"/> when none is pinned.</param>
/// <param name="Description">One line for listings.</param>
public sealed record DatasetInfo(string Name, DatasetFormat Format, string? ArchiveName, string? MarkerFile, string? Sha256, string Description);
