namespace MovieRec.Content;

/// <summary>
/// A nearest-neighbour index over a content model's movie vectors, for catalogues too large to scan on every request.
/// Attach one with <see cref="ContentModel.WithIndex"/>; without one, search is exact.
/// </summary>
/// <remarks>Implementations are safe to search from many threads at once and own native memory: dispose them
/// (disposing the model that holds one does).</remarks>
public interface IVectorIndex : IDisposable
{
    /// <summary>Gets a short description of the index, for logs.</summary>
    string Name { get; }

    /// <summary>Gets the number of vectors the index holds.</summary>
    int Count { get; }

    /// <summary>Finds the rows nearest to a query by cosine similarity.</summary>
    /// <param name="query">The query vector (any length but zero).</param>
    /// <param name="rows">Receives the rows found, nearest first; its length is how many are asked for.</param>
    /// <param name="similarities">Receives each row's cosine similarity; at least as long as <paramref name="rows"/>.</param>
    /// <returns>How many rows were written (fewer than asked when the index holds fewer).</returns>
    int Search(ReadOnlySpan<float> query, Span<int> rows, Span<float> similarities);
}
