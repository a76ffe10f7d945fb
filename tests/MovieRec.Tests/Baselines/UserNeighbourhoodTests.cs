using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Baselines;

/// <summary>The model contract for the user-based k-NN model.</summary>
public sealed class UserNeighbourhoodTests : RatingPredictorContract
{
    protected override IRatingTrainer CreateTrainer() => BaselineCatalog.UserKnn(new NeighbourhoodOptions { NumberOfNeighbours = 20, Similarity = SimilarityMeasure.Cosine, NumberOfThreads = 2 });
}
