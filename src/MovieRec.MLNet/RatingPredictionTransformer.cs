using System.IO.Compression;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MovieRec.Abstractions;

namespace MovieRec.MLNet;

/// <summary>
/// What a <see cref="RatingEstimator"/> fits: an ML.NET transformer that adds <c>Score</c> (and, for a like/dislike
/// classifier, <c>Probability</c> and <c>PredictedLabel</c>), with the trained MovieRec model beside it, as ML.NET's
/// prediction transformers carry theirs (<see cref="Model"/>: its factors, its bundle, its scores).
/// </summary>
/// <remarks>
/// <para>
/// The scoring itself is a chain of ML.NET's own transforms (the model's ONNX graph in ML.NET's OnnxTransformer, with
/// the id lookups inside it), so <c>mlContext.Model.Save</c> writes that chain and <c>mlContext.Model.Load</c> gives it
/// back as an ML.NET <see cref="TransformerChain{TLastTransformer}"/> that scores the same. A model without an ONNX
/// form (<see cref="CanSave"/> false: the k-NN models, the content models, the blends, ML.NET's classifiers used as
/// like/dislike models) scores in this process with <see cref="Model"/>; ML.NET's save of it is refused with the reason,
/// and the file ML.NET opened for it is removed.
/// </para>
/// <para>Dispose it to release the native ONNX Runtime sessions of the model and of ML.NET's OnnxTransformer.</para>
/// </remarks>
public sealed class RatingPredictionTransformer : ITransformer, IDisposable
{
    private readonly ITransformer _scoring;
    private readonly IdReader _users;
    private readonly IdReader _movies;

    internal RatingPredictionTransformer(ITransformer scoring, IRatingPredictor model, bool canSave, IdReader users, IdReader movies)
    {
        _scoring = scoring;
        Model = model;
        CanSave = canSave;
        _users = users;
        _movies = movies;
    }

    /// <summary>
    /// Gets the trained MovieRec model. Its dense user and movie indices are the estimator's (<see cref="UserIndexOf"/>,
    /// <see cref="MovieIndexOf"/>); for example <c>Model.UserVectors</c> and <c>Model.MovieVectors</c> are matrix
    /// factorisation's factors, and a deep model is a <c>BundleModel</c> whose <c>Bundle</c> holds its graph and tables.
    /// </summary>
    public IRatingPredictor Model { get; }

    /// <summary>Gets the model's name, for example <c>mf</c>.</summary>
    public string ModelName => Model.Name;

    /// <summary>Gets a value indicating whether <c>mlContext.Model.Save</c> can write the transformer (the model has an ONNX form).</summary>
    public bool CanSave { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => _scoring.IsRowToRowMapper;

    /// <summary>The model's dense index of a user id as the training view held it (or a number convertible to that type); 0 for an id it never saw.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The index, or 0.</returns>
    public int UserIndexOf(object id) => _users.IndexOf(id);

    /// <summary>The model's dense index of a movie id as the training view held it (or a number convertible to that type); 0 for an id it never saw.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The index, or 0.</returns>
    public int MovieIndexOf(object id) => _movies.IndexOf(id);

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _scoring.GetOutputSchema(inputSchema);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _scoring.GetRowToRowMapper(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => _scoring.Transform(input);

    /// <inheritdoc/>
    public void Dispose()
    {
        (_scoring as IDisposable)?.Dispose();
        (Model as IDisposable)?.Dispose();
    }

    /// <inheritdoc/>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        if (!CanSave)
        {
            RemoveTarget(ctx);
            throw new NotSupportedException($"Model '{ModelName}' has no ONNX form (it scores with the trained MovieRec model in this process), so ML.NET cannot save it; train it again where it is needed, or save a model that has one (mf, als, ials, the deep models).");
        }

        ((ICanSaveModel)_scoring).Save(ctx);
    }

    /// <summary>
    /// Removes the file ML.NET's <c>Model.Save(model, schema, path)</c> created before asking the transformer to write
    /// itself, so a refused save leaves nothing behind. ML.NET offers no hook before it creates the file, so the file is
    /// found through the save context's archive; where that is not possible (another ML.NET layout, a stream that is not
    /// a file, a platform that keeps open files), nothing is removed.
    /// </summary>
    private static void RemoveTarget(ModelSaveContext ctx)
    {
        const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
        try
        {
            object? repository = typeof(ModelSaveContext).GetField("Repository", Private)?.GetValue(ctx);
            var archive = repository?.GetType().GetField("_archive", Private)?.GetValue(repository) as ZipArchive;
            if (typeof(ZipArchive).GetField("_archiveStream", Private)?.GetValue(archive) is FileStream { Name: { Length: > 0 } path })
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FieldAccessException or TargetException)
        {
            // Best effort: the refusal below says what happened either way.
        }
    }
}
