using MovieRec.Abstractions;
using MovieRec.Data;
using MovieRec.Onnx.Export;
using MovieRec.Onnx.Models;
using MovieRec.Onnx.Models.LikeMlp;
using MovieRec.Onnx.Models.Ncf;
using MovieRec.Onnx.Models.RatingCnn;
using MovieRec.Tests.Contract;
using MovieRec.Tests.Models;

namespace MovieRec.Onnx.Tests.Models;

/// <summary>The deep models under the contract every model of the library honours.</summary>
public abstract class DeepModelContract : RatingPredictorContract
{
    /// <summary>Users 1..120 and movies 1..80 with demographics, genres and titles, as the contract's ratings need.</summary>
    private static readonly Lazy<RecommendationDataset> s_dataset = new(() =>
        SyntheticDataset.Generate(new SyntheticDataOptions { NumberOfRatings = 3000, NumberOfUsers = 120, NumberOfMovies = 80, Seed = 11 }));

    private readonly List<string> _files = [];

    protected override RecommendationDataset Dataset => s_dataset.Value;

    protected override float BatchTolerance => 1e-5f;

    protected override IRatingPredictor SaveAndReload(IRatingPredictor model)
    {
        string path = Path.Combine(Path.GetTempPath(), $"movierec-contract-{Guid.NewGuid():N}.zip");
        _files.Add(path);
        ((BundleModel)model).Save(path);
        return BundleModel.Load(path);
    }

    [OneTimeTearDown]
    public void RemoveFiles()
    {
        foreach (string file in _files)
        {
            File.Delete(file);
        }
    }
}

public sealed class LstmCnnContractTests : DeepModelContract
{
    protected override IRatingTrainer CreateTrainer() => RatingCnnTrainer.Create(TinyModels.Options(RatingCnnVariant.LstmCnn) with
    {
        Training = TinyModels.Options(RatingCnnVariant.LstmCnn).Training with { Epochs = 8, LearningRate = 1e-2 },
    });
}

public sealed class TextCnnContractTests : DeepModelContract
{
    protected override IRatingTrainer CreateTrainer() => RatingCnnTrainer.Create(TinyModels.Options(RatingCnnVariant.TextCnn) with
    {
        Training = TinyModels.Options(RatingCnnVariant.TextCnn).Training with { Epochs = 8, LearningRate = 1e-2 },
    });
}

public sealed class NcfRatingContractTests : DeepModelContract
{
    protected override IRatingTrainer CreateTrainer() => NcfCatalog.Create(new NcfOptions
    {
        Task = NcfTask.Rating,
        Architecture = NcfArchitecture.Gmf,
        ApproximationRank = 8,
        Training = NcfOptions.Defaults.Training with { Epochs = 10, LearningRate = 1e-2, Seed = 3 },
    });
}

public sealed class NcfImplicitContractTests : DeepModelContract
{
    protected override bool LearnsRatings => false;

    protected override IRatingTrainer CreateTrainer() => NcfCatalog.Create(new NcfOptions
    {
        Task = NcfTask.Implicit,
        ApproximationRank = 8,
        MlpLayers = [16, 8],
        Training = NcfOptions.Defaults.Training with { Epochs = 2, Seed = 3 },
    });
}

public sealed class MatrixFactorizationBundleContractTests : DeepModelContract
{
    protected override IRatingTrainer CreateTrainer() => BaselineBundleTrainer.Create("mf", seed: 3);
}

public sealed class LikeMlpContractTests : DeepModelContract
{
    protected override bool PredictsLikes => true;

    protected override IRatingTrainer CreateTrainer() => LikeMlpTrainer.Create(new LikeMlpOptions
    {
        EmbeddingSize = 8,
        Training = LikeMlpOptions.Defaults.Training with { Epochs = 10, BatchSize = 128, LearningRate = 1e-2, Seed = 3 },
    });
}
