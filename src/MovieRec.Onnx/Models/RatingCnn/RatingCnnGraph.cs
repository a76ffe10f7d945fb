using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;

namespace MovieRec.Onnx.Models.RatingCnn;

/// <summary>Builds the LSTM-CNN / text-CNN graph (see <see cref="RatingCnnTrainer"/> for the architecture).</summary>
internal sealed class RatingCnnGraph
{
    private RatingCnnGraph(ModelGraph graph, GraphTensor loss, IReadOnlyList<FeatureInput> inputs)
    {
        Graph = graph;
        Loss = loss;
        Inputs = inputs;
    }

    public ModelGraph Graph { get; }

    public GraphTensor Loss { get; }

    public IReadOnlyList<FeatureInput> Inputs { get; }

    public static RatingCnnGraph Build(RatingCnnOptions o, FeatureTables tables, double globalMean)
    {
        var g = ModelGraph.Create(o.ModelName, o.Training.Seed);
        var userId = g.Input(FeatureTables.UserId.Name, OnnxElementType.Int64, "N");
        var gender = g.Input(FeatureTables.Gender.Name, OnnxElementType.Int64, "N");
        var age = g.Input(FeatureTables.AgeGroup.Name, OnnxElementType.Int64, "N");
        var occupation = g.Input(FeatureTables.Occupation.Name, OnnxElementType.Int64, "N");
        var movieId = g.Input(FeatureTables.MovieId.Name, OnnxElementType.Int64, "N");
        var genres = g.Input(tables.Genres.Name, OnnxElementType.Int64, "N", tables.GenreLength);
        var title = g.Input(tables.Title.Name, OnnxElementType.Int64, "N", tables.TitleLength);
        var target = g.Input(RatingCnnTrainer.TargetInput, OnnxElementType.Float, "N");

        // User tower.
        GraphTensor Side(string name, GraphTensor ids, long count, int size) =>
            DenseLayer.Create(g, name + ".fc", size, o.FeatureSize, Activation.Relu).Apply(EmbeddingLayer.Create(g, name + ".embedding", count, size).Apply(ids));

        var userParts = new[]
        {
            Side("user_id", userId, tables.UserCount, o.IdEmbeddingSize),
            Side("gender", gender, 2, o.SideEmbeddingSize),
            Side("age_group", age, Data.AgeGroups.Count, o.SideEmbeddingSize),
            Side("occupation", occupation, Math.Max(1, tables.OccupationCount), o.SideEmbeddingSize),
        };
        var user = DenseLayer.Create(g, "user.fc", 4L * o.FeatureSize, o.VectorSize, Activation.Tanh).Apply(g.Concat(1, userParts));

        // Movie tower: id, genres (masked sum), title text features.
        var movieIdFeature = Side("movie_id", movieId, tables.MovieCount, o.IdEmbeddingSize);
        var genreSum = g.ReduceSum(EmbeddingLayer.Create(g, "genres.embedding", tables.GenreVocabulary.Count, o.GenreEmbeddingSize).ApplyMasked(genres), [1]);
        var genreFeature = DenseLayer.Create(g, "genres.fc", o.GenreEmbeddingSize, o.FeatureSize, Activation.Relu).Apply(genreSum);
        var words = EmbeddingLayer.Create(g, "title.embedding", tables.TitleVocabulary.Count, o.WordEmbeddingSize).Apply(title);
        long textWidth = o.WordEmbeddingSize;
        if (o.Variant == RatingCnnVariant.LstmCnn)
        {
            var titleMask = g.Cast(g.Greater(g.Cast(title, OnnxElementType.Float), g.Scalar(0.5)), OnnxElementType.Float);
            words = LstmLayer.Create(g, "title.lstm", o.WordEmbeddingSize, o.LstmHiddenSize).Apply(words, titleMask).Sequence;
            textWidth = o.LstmHiddenSize;
        }

        var pooled = o.Windows.Select(w => TextConvLayer.Create(g, "title.conv" + w, textWidth, w, o.FiltersPerWindow).Apply(words)).ToArray();
        var text = pooled.Length == 1 ? pooled[0] : g.Concat(1, pooled);
        if (o.DropoutRate > 0)
        {
            text = g.Dropout(text, o.DropoutRate);
        }

        long movieWidth = (2L * o.FeatureSize) + ((long)o.Windows.Count * o.FiltersPerWindow);
        var movie = DenseLayer.Create(g, "movie.fc", movieWidth, o.VectorSize, Activation.Tanh).Apply(g.Concat(1, movieIdFeature, genreFeature, text));

        // Head.
        GraphTensor? userOffset = null;
        GraphTensor? movieOffset = null;
        GraphTensor? interaction = null;
        if (o.Head == RatingHead.Dot)
        {
            interaction = g.ReduceSum(g.Mul(user, movie), [1]);
        }
        else
        {
            var a = DenseLayer.Create(g, "head.user", o.VectorSize, o.VectorSize, Activation.Relu).Apply(user);
            var b = DenseLayer.Create(g, "head.movie", o.VectorSize, o.VectorSize, Activation.Relu).Apply(movie);
            var last = DenseLayer.Create(g, "head.out", o.VectorSize, 1);
            userOffset = g.Squeeze(g.Add(g.MatMul(a, last.Weight), last.Bias), 1);
            movieOffset = g.Squeeze(g.MatMul(b, last.Weight), 1);
        }

        if (o.UseBiases)
        {
            var userBias = g.Add(g.Squeeze(EmbeddingLayer.Create(g, "user_id.bias", tables.UserCount, 1, ParameterInit.Zeros).Apply(userId), 1), g.Scalar(globalMean));
            var movieBias = g.Squeeze(EmbeddingLayer.Create(g, "movie_id.bias", tables.MovieCount, 1, ParameterInit.Zeros).Apply(movieId), 1);
            userOffset = userOffset is null ? userBias : g.Add(userOffset, userBias);
            movieOffset = movieOffset is null ? movieBias : g.Add(movieOffset, movieBias);
        }

        GraphTensor rating = interaction ?? g.Add(userOffset!, movieOffset!);
        if (interaction is not null && userOffset is not null)
        {
            rating = g.Add(g.Add(interaction, userOffset), movieOffset!);
        }

        g.Output(BundleModel.RatingOutput, rating);
        g.Output(BundleModel.UserVectorOutput, user);
        g.Output(BundleModel.MovieVectorOutput, movie);
        if (userOffset is not null)
        {
            g.Output(BundleModel.UserOffsetOutput, userOffset);
            g.Output(BundleModel.MovieOffsetOutput, movieOffset!);
        }

        FeatureInput[] inputs = [FeatureTables.UserId, FeatureTables.Gender, FeatureTables.AgeGroup, FeatureTables.Occupation, FeatureTables.MovieId, tables.Genres, tables.Title];
        return new RatingCnnGraph(g, g.MseLoss(rating, target), inputs);
    }
}
