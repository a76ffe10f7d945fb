using MovieRec.AspNetCore.Storage;
using MovieRec.Baselines;
using MovieRec.Content;
using MovieRec.Data;
using MovieRec.Onnx.Export;
using MovieRec.Onnx.Models;
using MovieRec.Recommendation;

namespace MovieRec.AspNetCore.Serving;

/// <summary>
/// One loaded model bundle and what serving reads from it: the bundle's model (known users, similar movies, also
/// liked), the latent factors when it has them (fold-in), and the catalogue encoded as content. Counted leases
/// keep it alive while requests use it, so a swap never disposes a model under a request.
/// </summary>
internal sealed class ServingModel
{
    private int _leases = 1;

    private ServingModel(ModelRecord record, BundleModel model, MatrixFactorizationModel? factors, MoviesTable movies, ContentModel? content)
    {
        Movies = movies;
        Record = record;
        Model = model;
        Factors = factors;
        Content = content;
        Recommender = Recommender.Create(model, model.Bundle.Dataset.Seen);
    }

    public ModelRecord Record { get; }

    public BundleModel Model { get; }

    /// <summary>Gets the latent-factor model (mf, als, ials), which folds users in; null for other bundles.</summary>
    public MatrixFactorizationModel? Factors { get; }

    /// <summary>Gets the catalogue as a movies table in the model's movie indices, with plot descriptions where known.</summary>
    public MoviesTable Movies { get; }

    /// <summary>Gets the catalogue encoded as content (new users with few ratings), or null when the encoder is <c>none</c>.</summary>
    public ContentModel? Content { get; }

    public BundleDataset Dataset => Model.Bundle.Dataset;

    public Recommender Recommender { get; }

    /// <summary>Loads and validates the bundle of <paramref name="record"/> from <paramref name="folder"/> and encodes its catalogue with <paramref name="encoder"/>.</summary>
    /// <exception cref="InvalidDataException">The bundle is corrupted or not a bundle (the message names the file).</exception>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static ServingModel Load(ModelRecord record, string folder, string encoder)
    {
        var bundle = ModelBundle.Load(Path.Combine(folder, record.File));
        var model = BundleModel.Create(bundle);
        ContentModel? content = null;
        try
        {
            var movies = CatalogContent.Movies(bundle.Dataset);
            content = CatalogContent.Build(movies, encoder);
            return new ServingModel(record, model, BaselineOnnxExporter.ImportFactors(bundle.Model), movies, content);
        }
        catch
        {
            content?.Dispose();
            model.Dispose();
            throw;
        }
    }

    /// <summary>Takes a lease; false when the model has been retired and released meanwhile.</summary>
    public bool TryAcquire()
    {
        int leases = Volatile.Read(ref _leases);
        while (leases > 0)
        {
            int seen = Interlocked.CompareExchange(ref _leases, leases + 1, leases);
            if (seen == leases)
            {
                return true;
            }

            leases = seen;
        }

        return false;
    }

    /// <summary>Gives a lease back; the last one (the host's, given back when the model is swapped out) disposes it.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0)
        {
            Content?.Dispose();
            Model.Dispose();
        }
    }
}
