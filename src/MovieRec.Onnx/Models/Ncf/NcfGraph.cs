using MovieRec.Onnx.Model;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;

namespace MovieRec.Onnx.Models;

/// <summary>Builds the GMF, MLP and NeuMF graphs with shared parameter names, so pre-trained weights copy by name.</summary>
internal static class NcfGraph
{
    public const string UserInput = "user";
    public const string MovieInput = "movie";
    public const string LabelInput = "label";
    public const string ScoreOutput = "score";
    public const string RatingOutput = "rating";
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
        GraphTensor? gmf = null, mlp = null;
        if (architecture != NcfArchitecture.Mlp)
        {
            var p = EmbeddingLayer.Create(g, GmfUser, userBound, options.Factors, init).Apply(user);
            var q = EmbeddingLayer.Create(g, GmfMovie, movieBound, options.Factors, init).Apply(movie);
            gmf = g.Mul(p, q);
        }

        if (architecture != NcfArchitecture.Gmf)
        {
            var layers = options.ResolveMlpLayers();
            int half = layers[0] / 2;
            var p = EmbeddingLayer.Create(g, MlpUser, userBound, half, init).Apply(user);
            var q = EmbeddingLayer.Create(g, MlpMovie, movieBound, half, init).Apply(movie);
            var x = g.Concat(1, p, q);
            for (int k = 1; k < layers.Count; k++)
            {
                x = DenseLayer.Create(g, MlpLayerName(k - 1), layers[k - 1], layers[k], Activation.Relu).Apply(x);
            }

            mlp = x;
        }

        GraphTensor score = architecture switch
        {
            NcfArchitecture.Gmf => DenseLayer.Create(g, GmfOut, options.Factors, 1).Apply(gmf!),
            NcfArchitecture.Mlp => DenseLayer.Create(g, MlpOut, mlp!.Shape[^1].Size, 1).Apply(mlp),
            _ => DenseLayer.Create(g, NeuMFOut, options.Factors + mlp!.Shape[^1].Size, 1).Apply(g.Concat(1, gmf!, mlp)),
        };
        g.Output(ScoreOutput, score);

        // "rating" [N]: the interaction probability σ(score) (implicit), or the score mapped back from
        // [-1, 1] to the rating scale (rating task), for consumers that expect a rating-like output.
        var flat = g.Squeeze(score, 1);
        double halfRange = (maxRating - minRating) / 2.0;
        g.Output(RatingOutput, options.Task == NcfTask.Implicit
            ? g.Sigmoid(flat)
            : g.Add(g.Mul(flat, g.Scalar(halfRange)), g.Scalar(minRating + halfRange)));
        var loss = options.Task == NcfTask.Implicit ? g.BinaryCrossEntropyWithLogits(score, label) : g.MseLoss(score, label);
        return new Built(g, loss, score);
    }
}
