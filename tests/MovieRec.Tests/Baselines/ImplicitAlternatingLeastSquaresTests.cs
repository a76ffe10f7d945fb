using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Tests.Contract;

namespace MovieRec.Tests.Baselines;

/// <summary>The model contract for ALS with the one-class loss.</summary>
public sealed class ImplicitAlternatingLeastSquaresTests : RatingPredictorContract
{
    protected override bool LearnsRatings => false;

    protected override IRatingTrainer CreateTrainer() => BaselineCatalog.ImplicitAlternatingLeastSquares(6, 5);
}
