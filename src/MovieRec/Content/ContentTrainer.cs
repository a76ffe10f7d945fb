using System.Numerics.Tensors;
using MovieRec.Abstractions;
using MovieRec.Data;

namespace MovieRec.Content;

/// <summary>
/// Trains the content-based model (<see cref="ContentModel"/>): encodes every movie's text of the dataset once (its
/// description or title and genres, and on request the tags of training ratings: <see cref="ContentText"/>), then
/// averages, per user, the vectors of the movies the user liked in the training ratings.
/// </summary>
/// <remarks>It reads the dataset's movies, so it trains through
/// <see cref="Fit(RecommendationDataset, RatingsTable, IProgress{double}?, CancellationToken)"/>.</remarks>
public sealed class ContentTrainer : IRatingTrainer
{
    /// <summary>Creates a trainer.</summary>
    /// <param name="options">The options; null uses the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ContentTrainer(ContentOptions? options = null)
    {
        Options = options ?? new ContentOptions();
        Options.Validate();
    }

    /// <summary>Gets the options.</summary>
    public ContentOptions Options { get; }

    /// <summary>Gets true: movies are read through their descriptions (titles and genres where a movie has none).</summary>
    public bool ReadsDescriptions => true;

    /// <inheritdoc/>
    public string Name => Options.Name;

    /// <summary>Always throws: the content model reads the movies' texts, which a ratings table lacks.</summary>
    /// <param name="train">Training ratings.</param>
    /// <param name="progress">Unused.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public IRatingPredictor Fit(RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"The '{Name}' model reads the movies' descriptions and titles; train it with Fit(dataset, train).");

    /// <inheritdoc/>
    IRatingPredictor IRatingTrainer.Fit(RecommendationDataset dataset, RatingsTable train, IProgress<double>? progress, CancellationToken cancellationToken) =>
        Fit(dataset, train, progress, cancellationToken);

    /// <summary>Trains on ratings that index <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The dataset whose movies' texts are encoded.</param>
    /// <param name="train">Training ratings (dense indices of the dataset).</param>
    /// <param name="progress">Receives 0.5 once the texts are encoded and 1 at the end; optional.</param>
    /// <param name="cancellationToken">Stops between the two steps.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">The ratings are invalid or refer to movies the dataset lacks.</exception>
    public ContentModel Fit(RecommendationDataset dataset, RatingsTable train, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        PredictorChecks.CheckTrainingRatings(train, nameof(train));
        if (train.MovieIndexBound > dataset.Movies.Count)
        {
            throw new ArgumentException($"train refers to movie index {train.MovieIndexBound - 1}; the dataset has movies 1..{dataset.Movies.Count - 1}.", nameof(train));
        }

        var texts = ContentText.All(dataset, train, Options.Sources);
        var encoder = Options.Encoder ?? TfidfTextEncoder.Fit(texts, Options.MaxFeatures);
        var movies = ContentModel.Encode(texts, encoder);
        progress?.Report(0.5);
        cancellationToken.ThrowIfCancellationRequested();
        var users = Profiles(movies, train, Options.LikedRating);
        progress?.Report(1);
        return new ContentModel(Name, encoder.Name, movies, users);
    }

    /// <summary>Each user's liked-movie average, scaled to unit length (zeros for a user with no like).</summary>
    internal static FactorMatrix Profiles(FactorMatrix movies, RatingsTable train, float? likedRating)
    {
        int dimension = movies.Columns;
        int userBound = train.UserIndexBound;
        var sums = new float[checked(userBound * dimension)];
        var tableUsers = train.Users;
        var tableMovies = train.Movies;
        var ratings = train.Ratings;
        for (int i = 0; i < train.Count; i++)
        {
            if (likedRating is { } threshold && ratings[i] < threshold)
            {
                continue;
            }

            var row = sums.AsSpan(tableUsers[i] * dimension, dimension);
            TensorPrimitives.Add(row, movies.Row(tableMovies[i]), row);
        }

        for (int u = 0; u < userBound; u++)
        {
            var row = sums.AsSpan(u * dimension, dimension);
            float norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }

        return new FactorMatrix(userBound, dimension, sums);
    }
}
