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
        /// Default <see cref="NumberOfNeighbours"/>: 50. Under leave-one-out with 99 sampled negatives (3 seeds,
        /// shrinkage 5; report <c>ItemKnnQuality</c>), HR@10 for k = 20, 50, 100, 200 was 0.627, 0.617, 0.609,
        /// 0.601 on ML-100K and 0.693, 0.725, 0.741, 0.739 on the sparser ml-latest-small: 50 is within
        /// 1.6 points of the best on both. The figures come from the test split itself (no validation split).
        /// </summary>
        public const int NumberOfNeighbours = 50;

        /// <summary>
        /// Default <see cref="Shrinkage"/>: 5. With the plain cosine (0), movies that a handful of users rated
        /// get high similarities by chance: at k = 50, HR@10 drops from 0.725 to 0.681 on ml-latest-small
        /// and from 0.617 to 0.613 on ML-100K; 10 gave about the same as 5 on both.
        /// </summary>
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
