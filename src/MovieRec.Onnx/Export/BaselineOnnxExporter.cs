using MovieRec.Abstractions;
using MovieRec.Baselines;
using MovieRec.Data;
using MovieRec.Onnx.Format;
using MovieRec.Onnx.Models;

namespace MovieRec.Onnx.Export;

/// <summary>
/// Writes classical rating models (global mean, biases, matrix factorisation, ALS and implicit ALS,
/// popularity) as ONNX models that score exactly as the library does.
/// </summary>
/// <remarks>
/// <para>Contract of every exported baseline (see <c>onnx/README.md</c>): inputs <c>user</c> and
/// <c>movie</c>, int64 <c>[N]</c>, dense indices as the training data's <see cref="MovieRec.Data.IdMap"/>
/// assigned them; output <c>score</c>, float <c>[N]</c>. An index that is 0, negative or beyond the
/// trained range is the unknown user or movie, as in <see cref="IRatingPredictor.Predict(int, int)"/>.</para>
/// <para>Matrix factorisation becomes <c>μ + b_u + b_i + Σ_k p_uk q_ik</c>: two Gathers of the factor
/// tables, Mul, ReduceSum over the factors, Gathers of the bias vectors and Adds, then Clip to the
/// training rating range for rating models. Popularity is one Gather of the per-movie score table.
/// k-NN models predict from neighbours' ratings at query time and have no fixed-size graph form, so
/// they are not exported.</para>
/// </remarks>
public static class BaselineOnnxExporter
{
    /// <summary>Feature schema of classical-model bundles: one id column per side.</summary>
    public const string BundleSchema = "ids-v1";

    /// <summary>The metadata key holding the model's name (for example <c>mf</c>).</summary>
    public const string ModelKindKey = "movierec.model_kind";

    /// <summary>Whether <paramref name="model"/> can be exported.</summary>
    public static bool CanExport(IRatingPredictor model) =>
        model is MatrixFactorizationModel or BiasModel or PopularityModel;

    /// <summary>Builds the ONNX form of <paramref name="model"/>.</summary>
    /// <param name="model">A trained mean, bias, MF, ALS, iALS or popularity model.</param>
    /// <exception cref="NotSupportedException">The model type has no ONNX form (k-NN, or a model from another library).</exception>
    public static OnnxModel Export(IRatingPredictor model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            MatrixFactorizationModel mf => ExportFactors(mf.Name, mf.Predicts == PredictionKind.Rating, (mf.MinRating, mf.MaxRating), mf.GlobalMean, mf.UserBiases, mf.MovieBiases, mf.UserVectors!, mf.MovieVectors!, mf.FoldInSettings),
            BiasModel bias => ExportFactors(bias.Name, true, (bias.MinRating, bias.MaxRating), bias.GlobalMean, bias.UserBiases, bias.MovieBiases, null, null, null),
            PopularityModel pop => ExportPopularity(pop),
            _ => throw new NotSupportedException(
                $"Model '{model.Name}' ({model.GetType().Name}) cannot be exported to ONNX: only mean, bias, matrix factorisation, ALS, implicit ALS and popularity models have a fixed graph form."),
        };
    }

    /// <summary>
    /// Packs the ONNX form of a trained model into a <see cref="ModelBundle"/>, so the recommendation modes, the
    /// bundle file and <see cref="BundleModel"/> work with classical models as with the deep ones.
    /// </summary>
    /// <remarks>
    /// The feature tables hold one column per side, the dense index itself (indices the model never saw read 0,
    /// the unknown row); the inputs <c>user</c> and <c>movie</c> take it, and scores come from the <c>score</c>
    /// output, so the bundle's model scores exactly as <paramref name="model"/> does.
    /// </remarks>
    /// <param name="model">A trained model <see cref="CanExport"/> accepts.</param>
    /// <param name="dataset">The dataset the model was trained on (ids, titles, genres).</param>
    /// <param name="train">The training ratings (the seen pairs recommendations leave out).</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="NotSupportedException">The model has no ONNX form.</exception>
    public static ModelBundle ToBundle(IRatingPredictor model, RecommendationDataset dataset, RatingsTable train)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(train);
        var onnx = Export(model);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [ModelBundle.ScoreOutputKey] = "score" };
        if (model.Predicts != PredictionKind.Rating)
        {
            metadata[ModelBundle.PredictsRatingsKey] = "false";
        }

        return ModelBundle.ForIds(model.Name, BundleSchema, onnx, BundleDataset.Create(dataset, train), model.UserIndexBound, model.MovieIndexBound, metadata);
    }

    private const string FoldInKey = "movierec.fold_in.";

    /// <summary>
    /// The latent-factor model an exported <c>mf</c>, <c>als</c> or <c>ials</c> graph holds, read back from its initializers:
    /// the same scores as the model that was exported, and its user fold-in (<see cref="MatrixFactorizationModel.FoldIn"/>),
    /// which a server needs to serve users whose ratings arrived after training.
    /// </summary>
    /// <param name="model">A graph written by <see cref="Export"/> (a classical bundle's <c>Model</c>).</param>
    /// <returns>The model, or null when the graph holds no factors (mean, bias, popularity, a deep model).</returns>
    public static MatrixFactorizationModel? ImportFactors(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = model.InitializerNames.ToHashSet(StringComparer.Ordinal);
        if (!names.Contains("user_factors") || !names.Contains("movie_factors") || !names.Contains("user_bias") || !names.Contains("movie_bias") || !names.Contains("global_mean"))
        {
            return null;
        }

        var metadata = model.Metadata;
        double Setting(string key, double fallback) =>
            metadata.TryGetValue(FoldInKey + key, out var text) && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) ? value : fallback;
        bool predictsRatings = !metadata.TryGetValue("movierec.predicts_ratings", out var ratings) || ratings != "false";
        var p = model.GetInitializer("user_factors");
        var q = model.GetInitializer("movie_factors");
        var users = new FactorMatrix((int)p.Dims[0], (int)p.Dims[1], p.ToFloats());
        var movies = new FactorMatrix((int)q.Dims[0], (int)q.Dims[1], q.ToFloats());
        float min = names.Contains("rating_min") ? model.GetInitializer("rating_min").ToFloats()[0] : float.NegativeInfinity;
        float max = names.Contains("rating_max") ? model.GetInitializer("rating_max").ToFloats()[0] : float.PositiveInfinity;
        var defaults = predictsRatings
            ? new FoldInSettings(MatrixFactorizationOptions.Defaults.Lambda, MatrixFactorizationOptions.Defaults.BiasLambda)
            : new FoldInSettings(AlternatingLeastSquaresOptions.Defaults.OneClassLambda, 0, AlternatingLeastSquaresOptions.Defaults.Alpha, AlternatingLeastSquaresOptions.Defaults.C);
        var foldIn = new FoldInSettings(Setting("lambda", defaults.Lambda), Setting("bias_lambda", defaults.BiasLambda), Setting("alpha", defaults.Alpha), Setting("c", defaults.C));
        string name = metadata.TryGetValue(ModelKindKey, out var kind) ? kind : model.GraphName;
        return MatrixFactorizationModel.Create(name, predictsRatings, model.GetInitializer("global_mean").ToFloats()[0], model.GetInitializer("user_bias").ToFloats(), model.GetInitializer("movie_bias").ToFloats(), users, movies, min, max, foldIn);
    }

    /// <summary>Builds the ONNX form of <paramref name="model"/> and saves it atomically to <paramref name="path"/>.</summary>
    public static void Save(IRatingPredictor model, string path) => Export(model).Save(path);

    private static OnnxModel ExportFactors(
        string name,
        bool predictsRatings,
        (float Min, float Max) ratingRange,
        float mean,
        ReadOnlySpan<float> userBiases,
        ReadOnlySpan<float> movieBiases,
        FactorMatrix? users,
        FactorMatrix? movies,
        FoldInSettings? foldIn)
    {
        var g = new OnnxGraphBuilder(name);
        var user = g.AddInput("user", OnnxElementType.Int64, "N");
        var movie = g.AddInput("movie", OnnxElementType.Int64, "N");
        var zero = g.AddInitializer("zero_index", OnnxTensorData.FromInt64s([0]));

        // Row 0 of every table is the unknown entry: zero bias, zero vector, as Predict treats unknown ids.
        var userIndex = KnownOrZero(g, user, userBiases.Length, zero, "user");
        var movieIndex = KnownOrZero(g, movie, movieBiases.Length, zero, "movie");
        var userBias = g.AddInitializer("user_bias", OnnxTensorData.FromFloats(WithZeroRow(userBiases), userBiases.Length));
        var movieBias = g.AddInitializer("movie_bias", OnnxTensorData.FromFloats(WithZeroRow(movieBiases), movieBiases.Length));
        var mu = g.AddInitializer("global_mean", OnnxTensorData.FromFloats([mean]));

        (OnnxValue User, OnnxValue Movie, int Size)? vectors = null;
        var score = g.AddNode("Add", [mu, g.AddNode("Gather", [userBias, userIndex])]);
        score = g.AddNode("Add", [score, g.AddNode("Gather", [movieBias, movieIndex])]);
        if (users is not null && movies is not null)
        {
            var p = g.AddInitializer("user_factors", OnnxTensorData.FromFloats(WithZeroRow(users.Values, users.Columns), users.Rows, users.Columns));
            var q = g.AddInitializer("movie_factors", OnnxTensorData.FromFloats(WithZeroRow(movies.Values, movies.Columns), movies.Rows, movies.Columns));
            var axes = g.AddInitializer("factor_axis", OnnxTensorData.FromInt64s([1], 1));
            var userRow = g.AddNode("Gather", [p, userIndex], outputName: "user_vector");
            var movieRow = g.AddNode("Gather", [q, movieIndex], outputName: "movie_vector");
            var product = g.AddNode("Mul", [userRow, movieRow]);
            var dot = g.AddNode("ReduceSum", [product, axes], [OnnxAttribute.Int("keepdims", 0)]);
            score = g.AddNode("Add", [score, dot]);
            vectors = (userRow, movieRow, users.Columns);
        }

        if (predictsRatings)
        {
            // The training rating range the library clamps predictions to.
            var low = g.AddInitializer("rating_min", OnnxTensorData.FromFloats([ratingRange.Min]));
            var high = g.AddInitializer("rating_max", OnnxTensorData.FromFloats([ratingRange.Max]));
            score = g.AddNode("Clip", [score, low, high]);
        }

        var output = g.AddNode("Identity", [score], outputName: "score");
        g.AddOutput(output, OnnxElementType.Float, "N");
        if (vectors is { } v)
        {
            // The factor rows: their dot product is the interaction part of the score (similar-movie search uses them).
            g.AddOutput(v.User, OnnxElementType.Float, "N", v.Size);
            g.AddOutput(v.Movie, OnnxElementType.Float, "N", v.Size);
        }

        AddMetadata(g, name, userBiases.Length, movieBiases.Length, predictsRatings, vectors is not null);
        if (foldIn is not null)
        {
            g.SetMetadata(FoldInKey + "lambda", foldIn.Lambda.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            g.SetMetadata(FoldInKey + "bias_lambda", foldIn.BiasLambda.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            g.SetMetadata(FoldInKey + "alpha", foldIn.Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            g.SetMetadata(FoldInKey + "c", foldIn.C.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        return g.Build(docString: $"MovieRec {name} model: score(user, movie).");
    }

    private static OnnxModel ExportPopularity(PopularityModel model)
    {
        int bound = model.MovieIndexBound;
        var scores = new float[bound];
        model.ScoreAll(0, scores);
        scores[0] = model.Predict(0, 0);

        var g = new OnnxGraphBuilder(model.Name);
        g.AddInput("user", OnnxElementType.Int64, "N");
        var movie = g.AddInput("movie", OnnxElementType.Int64, "N");
        var zero = g.AddInitializer("zero_index", OnnxTensorData.FromInt64s([0]));
        var movieIndex = KnownOrZero(g, movie, bound, zero, "movie");
        var table = g.AddInitializer("movie_score", OnnxTensorData.FromFloats(scores, bound));
        var output = g.AddNode("Gather", [table, movieIndex], outputName: "score");
        g.AddOutput(output, OnnxElementType.Float, "N");
        AddMetadata(g, model.Name, 0, bound, model.Predicts == PredictionKind.Rating, vectors: false);
        return g.Build(docString: $"MovieRec {model.Name} model: score(user, movie); the user is ignored.");
    }

    private static OnnxValue KnownOrZero(OnnxGraphBuilder g, OnnxValue index, int bound, OnnxValue zero, string what)
    {
        var limit = g.AddInitializer($"{what}_bound", OnnxTensorData.FromInt64s([bound]));
        var inRange = g.AddNode("And", [g.AddNode("Greater", [index, zero]), g.AddNode("Less", [index, limit])]);
        return g.AddNode("Where", [inRange, index, zero], outputName: $"{what}_index");
    }

    private static float[] WithZeroRow(ReadOnlySpan<float> values, int rowLength = 1)
    {
        float[] copy = values.ToArray();
        Array.Clear(copy, 0, Math.Min(rowLength, copy.Length));
        return copy;
    }

    private static void AddMetadata(OnnxGraphBuilder g, string kind, int userBound, int movieBound, bool predictsRatings, bool vectors)
    {
        g.SetMetadata(ModelKindKey, kind);
        g.SetMetadata("movierec.user_index_bound", userBound.ToString(System.Globalization.CultureInfo.InvariantCulture));
        g.SetMetadata("movierec.movie_index_bound", movieBound.ToString(System.Globalization.CultureInfo.InvariantCulture));
        g.SetMetadata("movierec.predicts_ratings", predictsRatings ? "true" : "false");
        g.SetMetadata("movierec.inputs", "user:int64[N],movie:int64[N]");
        g.SetMetadata("movierec.outputs", vectors ? "score:float[N],user_vector:float[N,k],movie_vector:float[N,k]" : "score:float[N]");
    }
}
