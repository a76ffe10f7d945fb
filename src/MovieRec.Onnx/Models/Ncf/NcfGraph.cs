using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;

namespace MovieRec.Onnx.Models.Ncf;

/// <summary>Builds the GMF, MLP and NeuMF graphs with shared parameter names, so pre-trained weights copy by name.</summary>
internal static class NcfGraph
{
    public const string UserInput = "user";
    public const string MovieInput = "movie";
    public const string LabelInput = "label";
    public const string ScoreOutput = "score";
    public const string RatingOutput = "rating";
    public const string UserVectorOutput = "user_vector";
    public const string MovieVectorOutput = "movie_vector";
    public const string GmfUser = "gmf.user";
    public const string GmfMovie = "gmf.movie";
    public const string MlpUser = "mlp.user";
    public const string MlpMovie = "mlp.movie";
    public const string GmfOut = "gmf.out";
    public const string MlpOut = "mlp.out";
    public const string NeuMFOut = "neumf.out";

    /// <summary>The built graph, its loss and its score (logit for implicit, scaled rating for the rating task).</summary>
    public sealed record Built(ModelGraph Graph, GraphTensor Loss, GraphTensor Score);

    public static string MlpLayerName(int index) => "mlp.layer" + (index + 1);

    public static Built Build(NcfArchitecture architecture, NcfOptions options, int userBound, int movieBound, int seed, float minRating, float maxRating)
    {
        var g = ModelGraph.Create(architecture.ToString().ToLowerInvariant(), seed);
        var user = g.Input(UserInput, OnnxElementType.Int64, "N");
        var movie = g.Input(MovieInput, OnnxElementType.Int64, "N");
        var label = g.Input(LabelInput, OnnxElementType.Float, "N", 1);
        var init = ParameterInit.Normal(options.InitStandardDeviation);
        GraphTensor? gmf = null, mlp = null, gmfUser = null, gmfMovie = null;
        var looked = new List<GraphTensor>();
        if (architecture != NcfArchitecture.Mlp)
        {
            var p = EmbeddingLayer.Create(g, GmfUser, userBound, options.ApproximationRank, init).Apply(user);
            var q = EmbeddingLayer.Create(g, GmfMovie, movieBound, options.ApproximationRank, init).Apply(movie);
            looked.Add(p);
            looked.Add(q);
            gmf = g.Mul(p, q);
            gmfUser = p;
            gmfMovie = q;
        }

        if (architecture != NcfArchitecture.Gmf)
        {
            var layers = options.ResolveMlpLayers();
            int half = layers[0] / 2;
            var p = EmbeddingLayer.Create(g, MlpUser, userBound, half, init).Apply(user);
            var q = EmbeddingLayer.Create(g, MlpMovie, movieBound, half, init).Apply(movie);
            looked.Add(p);
            looked.Add(q);
            var x = g.Concat(1, p, q);
            for (int k = 1; k < layers.Count; k++)
            {
                x = DenseLayer.Create(g, MlpLayerName(k - 1), layers[k - 1], layers[k], Activation.Relu).Apply(x);
                if (options.MlpDropout > 0)
                {
                    x = g.Dropout(x, options.MlpDropout);
                }
            }

            mlp = x;
        }

        var output = architecture switch
        {
            NcfArchitecture.Gmf => DenseLayer.Create(g, GmfOut, options.ApproximationRank, 1),
            NcfArchitecture.Mlp => DenseLayer.Create(g, MlpOut, mlp!.Shape[^1].Size, 1),
            _ => DenseLayer.Create(g, NeuMFOut, options.ApproximationRank + mlp!.Shape[^1].Size, 1),
        };
        var score = output.Apply(architecture switch
        {
            NcfArchitecture.Gmf => gmf!,
            NcfArchitecture.Mlp => mlp!,
            _ => g.Concat(1, gmf!, mlp!),
        });
        g.Output(ScoreOutput, score);
        if (gmfUser is not null)
        {
            // The GMF branch as a dot product: (p_u ⊙ h_GMF) · q_i is its contribution to the score.
            var h = g.Reshape(g.Slice(output.Weight, 0, 0, options.ApproximationRank), options.ApproximationRank);
            g.Output(UserVectorOutput, g.Mul(gmfUser, h));
            g.Output(MovieVectorOutput, gmfMovie!);
        }

        // "rating" [N]: the interaction probability σ(score) (implicit), or the score mapped back from
        // [-1, 1] to the rating scale and clamped to it (rating task).
        var flat = g.Squeeze(score, 1);
        g.Output(RatingOutput, options.Task == NcfTask.Implicit ? g.Sigmoid(flat) : ToRatingScale(g, flat, minRating, maxRating));
        var loss = options.Task == NcfTask.Implicit ? g.BinaryCrossEntropyWithLogits(score, label) : g.MseLoss(score, label);
        if (options.EmbeddingL2 > 0)
        {
            loss = g.Add(loss, EmbeddingLayer.L2Penalty(g, looked, options.EmbeddingL2));
        }

        return new Built(g, loss, score);
    }

    /// <summary>min + (s + 1) · (max − min) / 2, clamped to [min, max]: a score in [-1, 1] on the rating scale.</summary>
    private static GraphTensor ToRatingScale(ModelGraph g, GraphTensor score, float minRating, float maxRating)
    {
        var low = g.Scalar(minRating);
        var high = g.Scalar(maxRating);
        var rating = g.Add(g.Mul(g.Add(score, g.Scalar(1)), g.Scalar((maxRating - minRating) / 2f)), low);
        return g.Where(g.Greater(rating, high), high, g.Where(g.Greater(low, rating), low, rating));
    }
}
