using MovieRec.Onnx.Format;
using MovieRec.Onnx.Training;
using MovieRec.Onnx.Training.Graph;
using MovieRec.Onnx.Training.Layers;

namespace MovieRec.Onnx.Tests;

/// <summary>An embedding + MLP rating model on 200 synthetic ratings (7 batches of 32), shared by the trainer tests of the CPU and GPU builds.</summary>
internal static class SmallRatingModel
{
    public static (ModelGraph Graph, GraphTensor Loss, TrainingData Data) Create(int seed, double dropout)
    {
        var g = ModelGraph.Create("rating", seed);
        var user = g.Input("user", OnnxElementType.Int64, "N");
        var movie = g.Input("movie", OnnxElementType.Int64, "N");
        var target = g.Input("target", OnnxElementType.Float, "N");
        var u = EmbeddingLayer.Create(g, "user_emb", 50, 8).Apply(user);
        var m = EmbeddingLayer.Create(g, "movie_emb", 40, 8).Apply(movie);
        var h = DenseLayer.Create(g, "fc1", 16, 16, Activation.Relu).Apply(g.Concat(1, u, m));
        h = g.Dropout(h, dropout);
        var rating = g.Squeeze(DenseLayer.Create(g, "fc2", 16, 1).Apply(h), 1);
        g.Output("rating", rating);

        var random = new Random(42);
        const int Rows = 200;
        var users = Enumerable.Range(0, Rows).Select(_ => (long)random.Next(50)).ToArray();
        var movies = Enumerable.Range(0, Rows).Select(_ => (long)random.Next(40)).ToArray();
        var ratings = Enumerable.Range(0, Rows).Select(i => (float)(1 + ((users[i] + (2 * movies[i])) % 5))).ToArray();
        var data = TrainingData.Create(Rows).Add("user", users).Add("movie", movies).Add("target", ratings);
        return (g, g.MseLoss(rating, target), data);
    }
}
