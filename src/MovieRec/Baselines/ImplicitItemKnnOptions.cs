namespace MovieRec.Baselines;

/// <summary>
/// Options of the item-based k-nearest-neighbour model for implicit feedback
/// (<see cref="BaselineCatalog.ImplicitItemKnn(ImplicitItemKnnOptions)"/>).
/// </summary>
public sealed record ImplicitItemKnnOptions
{
    /// <summary>Default values of <see cref="ImplicitItemKnnOptions"/>.</summary>
    public static class Defaults
    {
        /// <summary>
        /// Default <see cref="NumberOfNeighbours"/>: 10, with <see cref="Shrinkage"/> 5: the choice of
        /// <c>movierec tune --model iknn --data ml-100k --protocol loo-99 --seeds 3</c> on every seed's validation split
        /// (validation NDCG@10 0.392 against 0.383 for the former k = 50, which was read off a test split; 10 is the
        /// smallest k of the grid). Full ranking prefers more neighbours: <c>--protocol full-ranking</c> chooses k = 200,
        /// shrinkage 0 on ML-100K and k = 100, shrinkage 20 on ml-latest-small (benchmarks/tuned).
        /// </summary>
        public const int NumberOfNeighbours = 10;

        /// <summary>Default <see cref="Shrinkage"/>: 5, chosen with <see cref="NumberOfNeighbours"/>.</summary>
        public const double Shrinkage = 5;
    }

    /// <summary>
    /// k: the most similar movies kept as neighbours of each movie (only positive similarities);
    /// 1 or more. A user's score for a movie sums the similarities of the neighbours the user interacted with.
    /// </summary>
    public int NumberOfNeighbours { get; init; } = Defaults.NumberOfNeighbours;

    /// <summary>
    /// Shrinkage h in sim(i, j) = |U_i ∩ U_j| / (√(|U_i|·|U_j|) + h), where U_i are the users who rated i;
    /// 0 or more. It lowers the similarity of movies that few users share.
    /// </summary>
    public double Shrinkage { get; init; } = Defaults.Shrinkage;

    /// <summary>Threads computing similarities; 1 or more, or <see langword="null"/> for the processor count. Results do not depend on it.</summary>
    public int? NumberOfThreads { get; init; }
}
